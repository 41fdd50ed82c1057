"""Internal verification of assessment decisions: never one's own, sampled work goes back only
once verified, disagreements recorded with remedial actions followed to closure."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import PermissionDenied

from assessment import services as assessment
from qmr.errors import DomainError, TransitionNotAllowed
from qmr.roles import Role
from tests.conftest import appoint
from verification import services
from verification.models import DecisionVerification, LeadIVRegistration, RemedialAction

pytestmark = pytest.mark.django_db

GOOD = services.Feedback(authenticity_confirmed=True, links_to_criteria=True,
                         justifies_awards=True, avoids_improvement_actions=True)


def checks(decision, wrong=()):
    return {r.criterion_id: (r.criterion.code not in wrong, "see notes" if r.criterion.code in
                             wrong else "") for r in decision.results.select_related("criterion")}


def test_an_iv_verifies_a_decision_criterion_by_criterion(world, assessed):
    submission, decision = assessed
    verification = services.verify_decision(actor=world["iv"], submission=submission,
                                            checks=checks(decision), feedback=GOOD,
                                            declared=True)
    assert verification.agrees and verification.decision == decision
    assert verification.checks.count() == 3


def test_nobody_verifies_their_own_decision(world, assessed):
    submission, decision = assessed
    appoint(world.centre, world["assessor"].email, Role.INTERNAL_VERIFIER, world.programme)
    with pytest.raises(DomainError, match="You assessed this work"):
        services.verify_decision(actor=world["assessor"], submission=submission,
                                 checks=checks(decision), feedback=GOOD, declared=True)
    assert not DecisionVerification.objects.exists()


def test_an_iv_of_another_centre_cannot_verify(world, assessed):
    submission, decision = assessed
    with pytest.raises(PermissionDenied):
        services.verify_decision(actor=world["outsider"], submission=submission,
                                 checks=checks(decision), feedback=GOOD, declared=True)


def test_a_disagreement_needs_reasons_and_leads_to_action_closed_by_the_lead_iv(world,
                                                                                assessed):
    submission, decision = assessed
    with pytest.raises(DomainError, match="Say why"):
        services.verify_decision(actor=world["iv"], submission=submission, declared=True,
                                 checks=checks(decision, wrong=("P2",)), feedback=GOOD)
    verification = services.verify_decision(
        actor=world["iv"], submission=submission, checks=checks(decision, wrong=("P2",)),
        feedback=GOOD, declared=True, comments="P2 asks for two roles; only one is explained.")
    assert not verification.agrees
    action = services.raise_remedial_action(
        actor=world["iv"], verification=verification, kind="reassess",
        description="Re-assess P2 with the assessor", due_on=date.today() + timedelta(days=5))
    with pytest.raises(PermissionDenied):
        services.close_remedial_action(actor=world["iv"], action=action, note="done")
    services.close_remedial_action(actor=world["lead_iv"], action=action,
                                   note="Re-assessed: P2 not yet achieved; learner told.")
    action.refresh_from_db()
    assert action.closed_by == world["lead_iv"]
    with pytest.raises(TransitionNotAllowed):
        services.close_remedial_action(actor=world["lead_iv"], action=action, note="again")
    assert RemedialAction.objects.filter(closed_at__isnull=True).count() == 0


def test_sampled_work_is_returned_only_once_verified(world, assessed):
    submission, decision = assessed
    services.choose_for_sample(actor=world["lead_iv"], submission=submission,
                               verifier=world["iv"], due_on=date.today())
    with pytest.raises(DomainError, match="in the internal verification sample"):
        assessment.release_result(actor=world["assessor"], decision=decision)
    decision.refresh_from_db()
    assert decision.released_at is None
    services.verify_decision(actor=world["iv"], submission=submission, checks=checks(decision),
                             feedback=GOOD, declared=True)
    assessment.release_result(actor=world["assessor"], decision=decision)
    assert decision.released_at is not None


def test_the_assessor_cannot_be_named_to_verify_their_own_work(world, assessed):
    submission, _ = assessed
    appoint(world.centre, world["assessor"].email, Role.INTERNAL_VERIFIER, world.programme)
    with pytest.raises(DomainError, match="assessed this work"):
        services.choose_for_sample(actor=world["lead_iv"], submission=submission,
                                   verifier=world["assessor"], due_on=date.today())


def test_the_nominee_registers_the_lead_iv_and_their_standardisation(world, year):
    registration = services.register_lead_iv(
        actor=world["nominee"], subject_area=world.subject_area, academic_year=year,
        person=world["lead_iv"], registered_on=date(2026, 9, 15), cover=world["iv"])
    services.record_standardisation(actor=world["nominee"], registration=registration,
                                    on=date(2026, 10, 2), evidence="Online standardisation "
                                    "certificate for 2026/27")
    registration.refresh_from_db()
    assert registration.standardised_on == date(2026, 10, 2)
    with pytest.raises(DomainError, match="already has a Lead IV"):
        services.register_lead_iv(actor=world["nominee"], subject_area=world.subject_area,
                                  academic_year=year, person=world["lead_iv"],
                                  registered_on=date(2026, 9, 16))
    assert LeadIVRegistration.objects.count() == 1


def test_only_an_appointed_lead_iv_can_be_registered(world, year):
    with pytest.raises(DomainError, match="not appointed Lead IV"):
        services.register_lead_iv(actor=world["nominee"], subject_area=world.subject_area,
                                  academic_year=year, person=world["assessor"],
                                  registered_on=date(2026, 9, 15))


def test_work_the_iv_disagreed_with_goes_back_only_once_corrected(world, assessed):
    submission, decision = assessed
    services.choose_for_sample(actor=world["lead_iv"], submission=submission,
                               verifier=world["iv"], due_on=date.today())
    services.verify_decision(actor=world["iv"], submission=submission, declared=True,
                             checks=checks(decision, wrong=("P2",)), feedback=GOOD,
                             comments="P2 is not met")
    with pytest.raises(DomainError, match="not accurate: correct it"):
        assessment.release_result(actor=world["assessor"], decision=decision)
    corrected = assessment.correct_decision(
        actor=world["assessor"], decision=decision, reason="IV: P2 not met",
        results={r.criterion_id: (r.criterion.code == "P1", "") for r in
                 decision.results.select_related("criterion")}, feedback="Revised")
    assessment.release_result(actor=world["assessor"], decision=corrected)
    assert corrected.released_at is not None


def test_a_sample_cannot_be_due_in_the_past(world, assessed):
    submission, _ = assessed
    with pytest.raises(DomainError, match="cannot be in the past"):
        services.choose_for_sample(actor=world["lead_iv"], submission=submission,
                                   verifier=world["iv"], due_on=date.today() - timedelta(days=1))
