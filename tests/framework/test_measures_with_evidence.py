"""Per measure, what the providers compute for a centre; a measure no provider names is "not
yet evidenced by the records", never met."""

import pytest

from qmr.evidence import Status
from qmr.framework import selectors
from qmr.framework.models import FrameworkVersion
from tests.framework.conftest import make_version

pytestmark = pytest.mark.django_db


def _by_code(result):
    return {m.measure.code: m for o in result for m in o.measures}


def test_a_measure_with_no_provider_is_not_yet_evidenced(world):
    version = make_version(1, 2)
    found = _by_code(selectors.measures_with_evidence(world.centre, version))["XQ.1.1"]
    [entry] = found.evidence
    assert entry.status == Status.NOT_EVIDENCED
    assert entry.status_label == "Not yet evidenced by the records"
    assert not found.evidenced


def test_a_measure_with_a_provider_shows_what_it_computed(world, throwaway_provider):
    version = make_version(1, 2)
    throwaway_provider("tests.one", "XQ.1.2", Status.MISSING)
    result = selectors.measures_with_evidence(world.centre, version)
    found = _by_code(result)
    assert [(e.title, e.status) for e in found["XQ.1.2"].evidence] == [
        ("Throwaway tests.one", Status.MISSING)]
    assert found["XQ.1.2"].evidenced and not found["XQ.1.1"].evidenced
    assert result[0].not_evidenced == 1


def test_objectives_and_measures_come_in_the_framework_order(world, shipped):
    result = selectors.measures_with_evidence(world.centre, shipped)
    assert [o.objective.code for o in result][-2:] == ["QO.9", "QO.10"]
    assert [m.measure.code for m in result[0].measures] == [f"QO.1.{n}" for n in range(1, 6)]


def test_the_real_providers_evidence_their_measures(world, shipped):
    found = _by_code(selectors.measures_with_evidence(world.centre, shipped))
    assert "Learners registered on time" in [e.title for e in found["QO.3.1"].evidence]
    assert found["QO.3.1"].evidenced


def test_the_framework_costs_two_queries_whatever_its_size(world, django_assert_num_queries,
                                                           monkeypatch):
    from qmr import evidence
    monkeypatch.setattr(evidence, "_providers", {})
    for size, year in ((1, 2030), (8, 2031)):
        version = make_version(size, size, first_year=year)
        # 1 objectives  2 their measures (prefetched)
        with django_assert_num_queries(2):
            selectors.measures_with_evidence(world.centre, version)


def test_the_version_in_force_for_a_year(admin_user, shipped):
    current = FrameworkVersion.objects.get(slug="btec-qa-2019")
    newer = make_version(1, 1, first_year=2024)
    make_version(1, 1, first_year=2025, status="draft")
    assert selectors.version_for_year(2016) == shipped
    assert selectors.version_for_year(2018) == shipped
    assert selectors.version_for_year(2023) == current
    assert selectors.version_for_year(2026) == newer
    assert selectors.version_for_year(2015) is None
