"""Internal verification of a brief: the awarding body's checklist, actions before issue,
signatures, and the re-check of a reused brief. Only an approved brief is issued; every
refusal is a sentence and changes nothing."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from assessment import services as assessment
from assessment.models import Assignment, BriefIssue
from qmr import services as qmr_services
from qmr.errors import DomainError, TransitionNotAllowed
from qmr.roles import Role
from tests.assessment.conftest import brief_answers
from tests.conftest import appoint
from verification import briefs, checks, signatures
from verification.models import BriefAction, BriefCheck, BriefVerification

pytestmark = pytest.mark.django_db

Item = BriefCheck.Item
LATER = date.today() + timedelta(days=10)


@pytest.fixture
def signed(world, plan, assignment):
    assessment.sign_off_plan(actor=world["lead_iv"], plan=plan)
    return assignment


def verify(world, assignment, outcome="fit", actor="iv", no=(), **kw):
    return briefs.verify_brief(actor=world[actor], assignment=assignment, outcome=outcome,
                               answers=brief_answers(no=no), **kw)


def issue(world, assignment, cohort):
    return assessment.issue_brief(actor=world["assessor"], assignment=assignment, cohort=cohort)


def test_the_checklist_is_recorded_with_the_dates_and_year_checked(world, signed, cohort):
    verification = verify(world, signed)
    answers = {c.item: c.answer for c in verification.checks.all()}
    assert len(answers) == len(Item) and answers[Item.EVIDENCE] and not answers[Item.AMENDED]
    assert (verification.academic_year, verification.hand_out_on, verification.deadline) == (
        signed.plan.academic_year, signed.hand_out_on, signed.deadline)
    assert checks.brief_problem(signed) is None
    assert issue(world, signed, cohort).assignment == signed


def test_every_question_needs_an_answer(world, signed):
    answers = brief_answers()
    del answers[Item.SCENARIO]
    with pytest.raises(DomainError, match="Answer every question.*suitable vocational scenario"):
        briefs.verify_brief(actor=world["iv"], assignment=signed, outcome="fit", answers=answers)
    assert not BriefVerification.objects.exists()


def test_a_no_needs_a_comment_and_stops_a_fit_outcome(world, signed):
    answers = brief_answers() | {Item.DEADLINES: (False, "")}
    with pytest.raises(DomainError, match="Say why the answer to “Are the deadlines clear"):
        briefs.verify_brief(actor=world["iv"], assignment=signed, outcome="not_fit",
                            answers=answers, comments="x", actions=[("Fix the dates", LATER)])
    with pytest.raises(DomainError, match="cannot be recorded as fit for purpose while the "
                                          "answer to “Are the deadlines clear\\?” is No"):
        verify(world, signed, no=(Item.DEADLINES,))
    assert not BriefVerification.objects.exists() and not BriefCheck.objects.exists()


def test_the_facts_are_recorded_not_passed(world, signed):
    """Not an authorised brief is no failing; an amended one says how."""
    answers = brief_answers() | {Item.AUTHORISED: (True, ""), Item.AMENDED: (True, "")}
    with pytest.raises(DomainError, match="Say how the brief was amended"):
        briefs.verify_brief(actor=world["iv"], assignment=signed, outcome="fit", answers=answers)
    answers[Item.AMENDED] = (True, "Scenario moved to a local leisure centre.")
    verification = briefs.verify_brief(actor=world["iv"], assignment=signed, outcome="fit",
                                       answers=answers)
    assert verification.outcome == "fit"


def test_not_fit_needs_what_to_change_and_an_action(world, signed):
    with pytest.raises(DomainError, match="Say what needs to change.*Set at least one action"):
        verify(world, signed, outcome="not_fit", no=(Item.CRITERIA_EXACT,))
    with pytest.raises(DomainError, match="cannot be in the past"):
        verify(world, signed, outcome="not_fit", no=(Item.CRITERIA_EXACT,), comments="x",
               actions=[("Word P2 as in the specification", date.today() - timedelta(days=1))])
    assert not BriefVerification.objects.exists()


def test_issuing_a_brief_that_failed_iv_is_refused_and_nothing_changes(world, signed, cohort):
    verify(world, signed, outcome="not_fit", no=(Item.CRITERIA_EXACT,),
           comments="P2 is not worded as in the specification.",
           actions=[("Word P2 as in the specification", LATER)])
    with pytest.raises(DomainError, match="The brief 'Careers in sport' was found not fit for "
                                          "purpose at its last verification"):
        issue(world, signed, cohort)
    assert not BriefIssue.objects.exists()


def test_a_fit_brief_with_an_action_is_issued_once_the_action_is_done(world, signed, cohort):
    verification = verify(world, signed, actions=[("Add the word count to task 2", LATER)])
    action = verification.actions.get()
    with pytest.raises(DomainError, match="An action on the brief 'Careers in sport' is not "
                                          "done yet: “Add the word count to task 2”"):
        issue(world, signed, cohort)
    assert not BriefIssue.objects.exists()
    today = timezone.localdate()
    with pytest.raises(PermissionDenied):
        briefs.complete_brief_action(actor=world["leader"], action=action, completed_on=today,
                                     note="done")
    with pytest.raises(DomainError, match="cannot be in the future"):
        briefs.complete_brief_action(actor=world["assessor"], action=action,
                                     completed_on=today + timedelta(days=1), note="done")
    with pytest.raises(DomainError, match="before the action was set"):
        briefs.complete_brief_action(actor=world["assessor"], action=action,
                                     completed_on=today - timedelta(days=1), note="done")
    with pytest.raises(DomainError, match="Say what was done"):
        briefs.complete_brief_action(actor=world["assessor"], action=action,
                                     completed_on=today, note=" ")
    assert BriefAction.objects.get().completed_on is None
    briefs.complete_brief_action(actor=world["assessor"], action=action, completed_on=today,
                                 note="Word count added: about 1,500 words.")
    with pytest.raises(TransitionNotAllowed, match="already done"):
        briefs.complete_brief_action(actor=world["iv"], action=action, completed_on=today,
                                     note="again")
    assert issue(world, signed, cohort)


def test_nobody_verifies_a_brief_they_assess(world, signed):
    appoint(world.centre, world["assessor"].email, Role.INTERNAL_VERIFIER, world.programme)
    with pytest.raises(DomainError, match="You are this brief's assessor"):
        verify(world, signed, actor="assessor")
    with pytest.raises(PermissionDenied):
        verify(world, signed, actor="leader")
    assert not BriefVerification.objects.exists()


def test_a_brief_not_yet_signed_by_its_assessor_may_be_issued(world, signed, cohort):
    """The seeds make the IV's finding the condition for issue; the assessor's signature
    records that they read it."""
    verification = verify(world, signed)
    assert verification.assessor_signed_at is None
    assert issue(world, signed, cohort)


def test_only_the_briefs_assessor_signs_and_only_once(world, signed):
    verification = verify(world, signed)
    for other in ("iv", "lead_iv", "leader"):
        with pytest.raises(PermissionDenied, match="Only the brief's assessor"):
            signatures.sign_brief_verification(actor=world[other], verification=verification)
    verification.refresh_from_db()
    assert verification.assessor_signed_at is None
    signatures.sign_brief_verification(actor=world["assessor"], verification=verification)
    verification.refresh_from_db()
    assert verification.assessor_signed_by == world["assessor"]
    with pytest.raises(TransitionNotAllowed, match="You signed this verification"):
        signatures.sign_brief_verification(actor=world["assessor"], verification=verification)


def test_the_lead_iv_countersigns_a_brief_found_not_fit_or_given_actions(world, signed):
    plain = verify(world, signed)
    assert not plain.countersignature_needed
    with pytest.raises(DomainError, match="does not need the Lead IV's countersignature"):
        signatures.countersign_brief_verification(actor=world["lead_iv"], verification=plain)
    not_fit = verify(world, signed, outcome="not_fit", no=(Item.TIME_FRAME,),
                     comments="Two weeks is too short.", actions=[("Give four weeks", LATER)])
    assert not_fit.countersignature_needed
    with pytest.raises(PermissionDenied, match="Lead Internal Verifier countersigns"):
        signatures.countersign_brief_verification(actor=world["iv"], verification=not_fit)
    signatures.countersign_brief_verification(actor=world["lead_iv"], verification=not_fit)
    not_fit.refresh_from_db()
    assert not_fit.countersigned_by == world["lead_iv"] and not_fit.countersigned_at
    with pytest.raises(TransitionNotAllowed, match="countersigned this"):
        signatures.countersign_brief_verification(actor=world["lead_iv"], verification=not_fit)


def test_a_lead_iv_who_verifies_needs_no_countersignature(world, signed):
    verification = verify(world, signed, actor="lead_iv", outcome="not_fit",
                          no=(Item.TIME_FRAME,), comments="Too short.",
                          actions=[("Give four weeks", LATER)])
    assert not verification.countersignature_needed


# --- A reused brief is re-checked ------------------------------------------------------------

def test_a_brief_whose_dates_changed_after_verification_is_rechecked(world, signed, cohort):
    verify(world, signed)
    # However the dates change (the plan's new version, an administrator), the verification
    # holds the dates it checked.
    Assignment.objects.filter(pk=signed.pk).update(deadline=signed.deadline + timedelta(days=7))
    signed.refresh_from_db()
    with pytest.raises(DomainError, match="The brief's deadline changed after it was verified "
                                          ".*must re-check it"):
        issue(world, signed, cohort)
    assert not BriefIssue.objects.exists()
    verify(world, signed)
    assert issue(world, signed, cohort)


def test_a_brief_reused_in_a_later_year_is_rechecked_before_issue(world, signed, unit):
    verify(world, signed)
    next_year = qmr_services.add_academic_year(actor=None, centre=world.centre, name="2027/28",
                                               starts_on=date(2027, 8, 1),
                                               ends_on=date(2028, 7, 31))
    plan = assessment.start_plan(actor=world["leader"], programme=world.programme,
                                 academic_year=next_year)
    reused = assessment.add_assignment(
        actor=world["leader"], plan=plan, title=signed.title, criteria=list(signed.criteria.all()),
        hand_out_on=date(2027, 10, 4), deadline=date(2027, 11, 5), assessor=world["assessor"],
        internal_verifier=world["iv"], verify_brief_by=date(2027, 9, 30), tasks=signed.tasks)
    assert checks.brief_problem(reused) == (
        "The brief 'Careers in sport' was verified for 2026/27, not 2027/28: an internal "
        "verifier must re-check it, its dates especially, before it is issued again.")
    verify(world, reused)
    assert checks.brief_problem(reused) is None
    assert len(briefs.verifications_of(reused)) == 2


def test_a_plans_new_version_keeps_its_briefs_verifications(world, signed):
    verify(world, signed)
    new = assessment.revise_plan(actor=world["leader"], plan=signed.plan)
    copy = new.assignments.get()
    assert checks.brief_problem(copy) is None
    different = assessment.add_assignment(
        actor=world["leader"], plan=new, title=signed.title, criteria=list(signed.criteria.all()),
        hand_out_on=signed.hand_out_on, deadline=signed.deadline, assessor=world["assessor"],
        internal_verifier=world["iv"], verify_brief_by=signed.verify_brief_by,
        tasks="1. A different task.")
    assert "has not been internally verified yet" in checks.brief_problem(different)
