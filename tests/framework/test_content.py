"""The shipped 2016-17 framework is complete: ten objectives and every measure of the seed,
each with a title, a summary and suggested evidence, in the database as in the content."""

import pytest

from qmr.framework.content_2016_17 import VERSION
from qmr.framework.models import Measure, Objective

pytestmark = pytest.mark.django_db

# Every measure the seed's 2016-17 guide lists: five under each of the ten objectives
# (QO.1.4, physical resources, included).
SEED_CODES = [f"QO.{o}.{n}" for o in range(1, 11) for n in range(1, 6)]

# Measures the quality records of issue 12 register providers for.
EXPECTED_BY_OTHER_PARTS = ["QO.1.1", "QO.1.2", "QO.1.3", "QO.1.5", "QO.2.4", "QO.2.5",
                           "QO.4.2", "QO.4.3", "QO.4.4", "QO.6.5", "QO.7.1", "QO.7.2"]


def test_the_shipped_version_has_ten_objectives_in_order(shipped):
    codes = list(shipped.objectives.order_by("number").values_list("code", flat=True))
    assert codes == [f"QO.{n}" for n in range(1, 11)]


def test_every_measure_of_the_seed_is_there_and_nothing_else(shipped):
    codes = Measure.objects.filter(objective__version=shipped).values_list("code", flat=True)
    assert sorted(codes) == sorted(SEED_CODES)
    assert VERSION.measure_codes == SEED_CODES


def test_the_measures_other_parts_evidence_exist(shipped):
    codes = set(Measure.objects.filter(objective__version=shipped).values_list("code", flat=True))
    assert set(EXPECTED_BY_OTHER_PARTS) <= codes


def test_each_measure_has_a_title_a_summary_and_suggested_evidence(shipped):
    for measure in Measure.objects.filter(objective__version=shipped):
        assert measure.title and len(measure.title) <= 60, measure.code
        assert len(measure.summary.split()) >= 12, measure.code
        assert measure.evidence_kinds, measure.code
        assert measure.code.startswith(f"{measure.objective.code}.")
        assert measure.number == int(measure.code.rsplit(".", 1)[1])


def test_each_measure_says_something_of_its_own(shipped):
    summaries = list(Measure.objects.filter(objective__version=shipped)
                     .values_list("summary", flat=True))
    titles = list(Measure.objects.filter(objective__version=shipped)
                  .values_list("title", flat=True))
    assert len(set(summaries)) == len(summaries) == 50
    assert len(set(titles)) == 50


def test_qo3_qo4_and_qo9_are_the_objectives_linked_to_certification(shipped):
    linked = Objective.objects.filter(version=shipped, blocks_certification=True)
    assert sorted(linked.values_list("code", flat=True)) == ["QO.3", "QO.4", "QO.9"]


def test_the_shipped_version_covers_2016_17_onwards_and_is_published(shipped):
    assert shipped.name == "Quality Management Review 2016-17"
    assert shipped.years_label == "2016/17 onwards"
    assert shipped.status == "published"
    assert shipped.applies_to(2026) and not shipped.applies_to(2015)


def test_no_brand_name_of_the_awarding_body_appears():
    text = " ".join([o.statement for o in VERSION.objectives]
                    + [m.summary + " ".join(m.evidence) for o in VERSION.objectives
                       for m in o.measures])
    assert "Pearson" not in text and "Edexcel" not in text
