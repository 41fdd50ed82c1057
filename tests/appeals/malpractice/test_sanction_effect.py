"""A sanction that repeats or cancels work takes effect in the assessment record, through
its own corrections."""

import pytest

from appeals.malpractice import services
from appeals.malpractice.models import Category, Finding, Sanction
from assessment.models import Decision
from tests.appeals.conftest import (  # noqa: F401  (fixtures)
    all_results,
    assignment,
    cohort,
    hand_in,
    issued,
    mine,
    plan,
    released,
    unit,
    year,
)

pytestmark = pytest.mark.django_db


def test_cancelling_the_unit_corrects_the_learners_results_on_it(world, mine, unit):  # noqa: F811
    case = services.raise_case(
        actor=world["nominee"], centre=world.centre, learner=world["learner"].learner,
        programme=world.programme, unit=unit, category=Category.AI_MISUSE,
        allegation="The report was written by a chatbot.", declaration_signed=True)
    services.appoint_investigator(actor=world["head"], case=case, investigator=world["iv"])
    services.record_notification(actor=world["iv"], case=case)
    services.record_response(actor=world["iv"], case=case, response="Denies it.")
    services.record_finding(actor=world["iv"], case=case, finding=Finding.PROVEN,
                            reasons="The drafts show it.")
    services.record_sanction(actor=world["head"], case=case, sanction=Sanction.CANCEL_ASSIGNMENT)
    latest = Decision.objects.get(submission=mine.submission, superseded_by__isnull=True)
    assert latest.supersedes_id == mine.pk
    assert latest.correction_reason == (f"Malpractice case {case.pk}: cancel the assignment "
                                        f"or the unit")
    assert not any(r.achieved for r in latest.results.all())
    mine.refresh_from_db()
    assert any(r.achieved for r in mine.results.all())  # the old decision stays as it was
