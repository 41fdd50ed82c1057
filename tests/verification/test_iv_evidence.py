"""QO.9.2 coverage by IV so far this year, and QO.8.5 reliability of assessment (IV feedback
acted on), computed from the records."""

from datetime import date

import pytest

from assessment import services as assessment
from qmr import evidence
from qmr.evidence import Status
from tests.assessment.conftest import all_results, hand_in
from tests.factories import LearnerFactory
from verification import services
from verification.evidence import COVERAGE, RELIABILITY

pytestmark = pytest.mark.django_db

GOOD = services.Feedback(authenticity_confirmed=True, links_to_criteria=True,
                         justifies_awards=True, avoids_improvement_actions=True)


def found(world, title):
    return {e.title: e for e in evidence.for_centre(world.centre, "QO.")}[title]


def verify(world, submission, wrong=()):
    decision = submission.decisions.get(superseded_by__isnull=True)
    return services.verify_decision(
        actor=world["iv"], submission=submission, feedback=GOOD, declared=True,
        checks={r.criterion_id: (r.criterion.code not in wrong, "") for r in
                decision.results.select_related("criterion")},
        comments="Not met." if wrong else "")


def test_both_providers_are_expected():
    assert {"verification.iv_coverage", "verification.assessment_reliability"} <= \
        evidence.EXPECTED


def test_coverage_is_missing_until_work_is_verified_then_names_the_gaps(world, assessed,
                                                                       cohort, assignment):
    submission, _ = assessed
    assert found(world, COVERAGE).status == Status.MISSING
    other = LearnerFactory(programme=world.programme, cohort=cohort, status="registered",
                           centre_ref="C00009", registration_number="CR000009",
                           site=world.centre.sites.create(name="North campus"))
    second = hand_in(world, assignment, learner=other)
    assessment.record_decision(actor=world["assessor"], submission=second,
                               results=all_results(assignment), feedback="ok", authentic=True)
    verify(world, submission)
    weak = found(world, COVERAGE)
    assert weak.status == Status.WEAK
    assert "0 of 1 programmes" in weak.summary
    assert [r.label for r in weak.records] == [
        f"{world.programme.title}: not yet covered — sites: North campus"]
    assert weak.records[0].url == f"/verification/programmes/{world.programme.pk}/"
    verify(world, second)
    assert found(world, COVERAGE).status == Status.IN_PLACE


def test_reliability_needs_disagreements_corrected_and_assessors_standardised(
        world, assessed, unit):
    submission, decision = assessed
    assert found(world, RELIABILITY).status == Status.MISSING
    verification = verify(world, submission, wrong=("P2",))
    weak = found(world, RELIABILITY)
    assert weak.status == Status.WEAK
    assert "0 of 1 decisions the IV disagreed with" in weak.summary
    assert weak.records[0].url == f"/verification/verifications/{verification.pk}/"
    assert "Assessors not standardised this year: Assessor" in weak.records[1].label
    assessment.correct_decision(actor=world["assessor"], decision=decision, reason="IV",
                                results={r.criterion_id: (r.criterion.code == "P1", "") for r in
                                         decision.results.select_related("criterion")},
                                feedback="Revised")
    services.record_standardisation_meeting(
        actor=world["lead_iv"], subject_area=world.subject_area, held_on=date.today(),
        units=[unit], sample_looked_at="Two reports", outcomes="Agreed P2",
        participants=[world["assessor"], world["lead_iv"]])
    done = found(world, RELIABILITY)
    assert done.status == Status.IN_PLACE, done.summary
    assert "1 of 1 decisions the IV disagreed with" in done.summary
    assert "1 of 1 assessors took part" in done.summary
