"""The framework pages: staff and the reviewer read every objective and measure, with what the
records of their centre show beside each; learners do not; another centre's evidence is not
found; the query count stays the same as the framework grows."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from qmr import evidence
from qmr.evidence import Status
from qmr.framework.models import FrameworkVersion
from tests.framework.conftest import make_version

pytestmark = pytest.mark.django_db


def _detail(version, centre):
    return reverse("framework:version-detail", args=[version.pk, centre.pk])


def test_staff_see_the_published_versions_but_not_drafts(login, world, shipped):
    make_version(1, 1, name="Next year's draft", status=FrameworkVersion.Status.DRAFT)
    page = login(world["assessor"]).get(reverse("framework:version-list")).content.decode()
    assert "Quality Management Review 2016-17" in page
    assert "2016/17 onwards" in page and "<td>50</td>" in page
    assert "Next year's draft" not in page
    assert _detail(shipped, world.centre) in page


def test_the_version_page_shows_objectives_measures_and_suggested_evidence(login, world,
                                                                           shipped):
    page = login(world["reviewer"]).get(_detail(shipped, world.centre)).content.decode()
    assert 'id="qo-10"' in page and "QO.10 Assessment safeguards" in page
    assert "QO.1.4 Physical resources" in page
    assert "Published access arrangements" in page
    assert "Linked to certification" in page


def test_a_measure_with_a_provider_shows_its_title_and_status(login, world, shipped):
    page = login(world["nominee"]).get(_detail(shipped, world.centre)).content.decode()
    section = page.split('id="qo-3-1"')[1].split('id="qo-3-2"')[0]
    assert "Learners registered on time" in section
    assert "Not yet evidenced by the records" not in section


def test_a_measure_with_no_provider_is_not_yet_evidenced_never_met(login, world, shipped,
                                                                   monkeypatch):
    monkeypatch.setattr(evidence, "_providers", {})
    page = login(world["head"]).get(_detail(shipped, world.centre)).content.decode()
    section = page.split('id="qo-1-4"')[1].split('id="qo-1-5"')[0]
    assert "Not yet evidenced by the records" in section
    assert Status.IN_PLACE.label not in section
    assert "0 of 50 are computed from the records; 50 are not yet evidenced" in page


def test_a_learner_cannot_read_the_framework(login, world, shipped):
    client = login(world["learner"])
    assert client.get(reverse("framework:version-list")).status_code == 403
    assert client.get(_detail(shipped, world.centre)).status_code == 404


def test_another_centres_evidence_is_not_found(login, world, shipped):
    client = login(world["outsider"])
    assert client.get(_detail(shipped, world.centre)).status_code == 404
    assert client.get(_detail(shipped, world.other_centre)).status_code == 200


def test_a_draft_version_is_not_found(login, world):
    draft = make_version(1, 1, status=FrameworkVersion.Status.DRAFT)
    assert login(world["nominee"]).get(_detail(draft, world.centre)).status_code == 404


def test_the_menu_links_the_framework_for_staff_only(login, world):
    assert b"Quality framework" in login(world["iv"]).get("/").content
    assert b"Quality framework" not in login(world["learner"]).get("/").content


def _queries(client, url):
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx)


def test_the_list_query_count_is_pinned_at_two_sizes(login, world, django_assert_num_queries):
    client = login(world["nominee"])
    make_version(2, 2, first_year=2030)
    url = reverse("framework:version-list")
    # 1 session  2 user  3 grants (guardian rows joined to appointments in force)
    # 4 consortium arrangements this centre leads  5 versions with their counts
    # 6 the centres the person reads
    with django_assert_num_queries(6):
        client.get(url)
    for year in range(2031, 2040):
        make_version(3, 4, first_year=year)
    with django_assert_num_queries(6):
        client.get(url)


def test_the_version_query_count_is_pinned_at_two_sizes(login, world, monkeypatch,
                                                        django_assert_num_queries):
    """The framework's own queries; the providers' are their own (tested with theirs)."""
    monkeypatch.setattr(evidence, "_providers", {})
    client = login(world["nominee"])
    small, large = make_version(2, 2, first_year=2030), make_version(12, 8, first_year=2031)
    # 1 session  2 user  3 grants  4 consortium arrangements  5 the centre (visible to them)
    # 6 the version  7 objectives  8 their measures (prefetched)  9 centres the person reads
    with django_assert_num_queries(9):
        client.get(_detail(small, world.centre))
    with django_assert_num_queries(9):
        client.get(_detail(large, world.centre))


def test_with_the_real_providers_the_count_does_not_grow_with_the_framework(login, world,
                                                                             shipped,
                                                                             admin_user):
    from qmr.framework import services
    client = login(world["nominee"])
    small = _queries(client, _detail(shipped, world.centre))
    bigger = services.copy_version(actor=admin_user, source=shipped, name="Bigger",
                                   first_year=2030)
    for objective in bigger.objectives.all():
        for extra in range(6, 9):
            objective.measures.create(number=extra, code=f"{objective.code}.{extra}",
                                      title="Extra", summary="More.")
    services.publish_version(actor=admin_user, version=bigger)
    assert _queries(client, _detail(bigger, world.centre)) == small
