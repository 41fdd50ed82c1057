"""The awarding body's assessment rules, enforced where the work is done. Each refusal is a
sentence and changes nothing."""

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied

from assessment import services
from assessment.models import BriefIssue, Decision, Resubmission, RetakeRule, Submission
from qmr.errors import DomainError, TransitionNotAllowed
from registrations.models import Criterion
from tests.assessment.conftest import all_results, brief_answers, hand_in, upload
from tests.factories import LearnerFactory
from verification.briefs import verify_brief

pytestmark = pytest.mark.django_db


def test_an_unverified_brief_cannot_be_issued(world, plan, assignment, cohort):
    services.sign_off_plan(actor=world["lead_iv"], plan=plan)
    with pytest.raises(DomainError, match="has not been internally verified"):
        services.issue_brief(actor=world["assessor"], assignment=assignment, cohort=cohort)
    verify_brief(actor=world["iv"], assignment=assignment, outcome="not_fit",
                 answers=brief_answers(no=("criteria_exact",)),
                 comments="Criteria wording does not match the specification",
                 actions=[("Word the criteria as in the specification", date(2099, 1, 1))])
    with pytest.raises(DomainError, match="not fit for purpose"):
        services.issue_brief(actor=world["assessor"], assignment=assignment, cohort=cohort)
    assert not BriefIssue.objects.exists()


def test_a_brief_of_an_unsigned_plan_cannot_be_issued(world, assignment, cohort):
    verify_brief(actor=world["iv"], assignment=assignment, outcome="fit",
                 answers=brief_answers())
    with pytest.raises(DomainError, match="not been signed off"):
        services.issue_brief(actor=world["assessor"], assignment=assignment, cohort=cohort)


def test_only_the_lead_iv_signs_the_plan_off(world, plan, assignment):
    with pytest.raises(PermissionDenied):
        services.sign_off_plan(actor=world["leader"], plan=plan)
    services.sign_off_plan(actor=world["lead_iv"], plan=plan)
    with pytest.raises(TransitionNotAllowed, match="start a new version"):
        services.add_assignment(actor=world["leader"], plan=plan, title="x",
                                criteria=list(assignment.criteria.all()),
                                hand_out_on=date(2026, 10, 5), deadline=date(2026, 11, 6),
                                assessor=world["assessor"], internal_verifier=world["iv"],
                                verify_brief_by=date(2026, 10, 1))


def test_a_revised_plan_keeps_the_old_version(world, plan, assignment):
    services.sign_off_plan(actor=world["lead_iv"], plan=plan)
    new = services.revise_plan(actor=world["leader"], plan=plan)
    assert new.version == 2 and new.signed_off_at is None
    assert [a.title for a in new.assignments.all()] == ["Careers in sport"]
    assert plan.assignments.count() == 1


def test_the_verified_brief_is_issued_with_its_deadline(world, issued, assignment):
    assert issued.deadline == assignment.deadline and issued.issued_by == world["assessor"]


def test_work_needs_a_signed_declaration(world, issued, assignment):
    with pytest.raises(DomainError, match="sign the declaration"):
        services.submit_evidence(actor=world["learner"], assignment=assignment,
                                 learner=world["learner"].learner, files=upload(),
                                 declaration=False)
    assert not Submission.objects.exists()


def test_a_learner_hands_in_their_own_work(world, issued, assignment):
    submission = services.submit_evidence(
        actor=world["learner"], assignment=assignment, learner=world["learner"].learner,
        files=upload(), declaration=True)
    assert submission.submitted_by == world["learner"] and submission.files.count() == 1
    assert submission.declaration_signed_at is not None


def test_a_learner_cannot_hand_in_for_someone_else(world, issued, assignment, cohort):
    other = cohort.learners.exclude(user=world["learner"]).first()
    with pytest.raises(PermissionDenied):
        services.submit_evidence(actor=world["learner"], assignment=assignment, learner=other,
                                 files=upload(), declaration=True)


def test_late_work_is_accepted_and_flagged(world, issued, assignment):
    assert hand_in(world, assignment, handed_in_on=date(2026, 11, 10)).late


def test_an_agreed_extension_moves_the_deadline(world, issued, assignment):
    services.agree_extension(actor=world["assessor"], assignment=assignment,
                             learner=world["learner"].learner, new_deadline=date(2026, 11, 13),
                             reason="Illness, with a note")
    assert not hand_in(world, assignment, handed_in_on=date(2026, 11, 12)).late


def test_unsafe_file_types_are_refused(world, issued, assignment):
    with pytest.raises(DomainError, match="cannot be handed in"):
        services.submit_evidence(actor=world["assessor"], assignment=assignment,
                                 learner=world["learner"].learner, files=upload("run.exe"),
                                 declaration=True)


def test_ai_use_is_refused_where_the_centre_does_not_allow_it(world, issued, assignment):
    with pytest.raises(DomainError, match="does not allow AI tools"):
        hand_in(world, assignment, ai_tools_used="A chatbot drafted my plan")


def test_a_criterion_the_assignment_does_not_target_cannot_be_awarded(world, issued,
                                                                      assignment, unit):
    submission = hand_in(world, assignment)
    results = all_results(assignment)
    results[Criterion.objects.get(unit=unit, code="D1").pk] = (True, "great")
    with pytest.raises(DomainError, match="D1: the assignment does not target them"):
        services.record_decision(actor=world["assessor"], submission=submission,
                                 results=results, feedback="ok", authentic=True)
    assert not Decision.objects.exists()


def test_every_targeted_criterion_needs_a_decision(world, issued, assignment):
    submission = hand_in(world, assignment)
    results = all_results(assignment)
    results.pop(next(iter(results)))
    with pytest.raises(DomainError, match="missing"):
        services.record_decision(actor=world["assessor"], submission=submission,
                                 results=results, feedback="ok", authentic=True)


def test_an_unregistered_learner_cannot_be_assessed(world, issued, assignment, cohort):
    newcomer = LearnerFactory(programme=world.programme, cohort=cohort, centre_ref="NEW1")
    submission = hand_in(world, assignment, learner=newcomer)
    with pytest.raises(DomainError, match="not registered with the awarding body"):
        services.record_decision(actor=world["assessor"], submission=submission,
                                 results=all_results(assignment), feedback="ok", authentic=True)
    assert not Decision.objects.exists()


def test_only_the_assignments_assessor_decides(world, issued, assignment):
    submission = hand_in(world, assignment)
    with pytest.raises(PermissionDenied):
        services.record_decision(actor=world["iv"], submission=submission,
                                 results=all_results(assignment), feedback="ok", authentic=True)


def test_a_decision_is_final_and_a_correction_is_a_new_record(world, issued, assignment):
    submission = hand_in(world, assignment)
    first = services.record_decision(actor=world["assessor"], submission=submission,
                                     results=all_results(assignment), feedback="ok",
                                     authentic=True)
    with pytest.raises(TransitionNotAllowed, match="correct it instead"):
        services.record_decision(actor=world["assessor"], submission=submission,
                                 results=all_results(assignment), feedback="x", authentic=True)
    with pytest.raises(DomainError, match="reason"):
        services.correct_decision(actor=world["assessor"], decision=first,
                                  results=all_results(assignment, ("P1", "P2")),
                                  feedback="ok", reason="")
    second = services.correct_decision(actor=world["assessor"], decision=first,
                                       results=all_results(assignment, ("P1", "P2")),
                                       feedback="ok", reason="P2 evidence was on page 4")
    first.refresh_from_db()
    assert second.supersedes == first
    assert first.results.filter(achieved=True).count() == 1
    assert services.latest_decision(submission) == second


def _assessed(world, assignment, *, late=False, can_improve=True, received=date(2026, 11, 23)):
    submission = hand_in(world, assignment,
                         handed_in_on=date(2026, 11, 10) if late else date(2026, 11, 2))
    decision = services.record_decision(actor=world["assessor"], submission=submission,
                                        results=all_results(assignment), feedback="ok",
                                        authentic=True, can_improve_without_guidance=can_improve)
    services.release_result(actor=world["assessor"], decision=decision)
    services.confirm_received(actor=world["learner"], decision=decision, on=received)
    return submission, services.request_resubmission(actor=world["assessor"],
                                                     submission=submission)


def test_the_lead_iv_authorises_one_resubmission_within_ten_working_days(world, issued,
                                                                          assignment):
    submission, request = _assessed(world, assignment)
    # Received Monday 23 November 2026: ten term-time working days end Monday 7 December.
    services.authorise_resubmission(actor=world["lead_iv"], request=request,
                                    deadline=date(2026, 12, 7))
    request.refresh_from_db()
    assert request.status == Resubmission.Status.AUTHORISED
    resubmitted = services.submit_evidence(actor=world["assessor"], assignment=assignment,
                                           learner=submission.learner, files=upload(),
                                           declaration=True, attempt="resubmission")
    assert resubmitted.deadline == date(2026, 12, 7)
    with pytest.raises(DomainError, match="Only one resubmission"):
        services.request_resubmission(actor=world["assessor"], submission=resubmitted)


def test_a_resubmission_deadline_past_ten_working_days_is_refused(world, issued, assignment):
    _, request = _assessed(world, assignment)
    with pytest.raises(DomainError, match="within 10 term-time working days .* by 7 December"):
        services.authorise_resubmission(actor=world["lead_iv"], request=request,
                                        deadline=date(2026, 12, 8))
    request.refresh_from_db()
    assert request.status == Resubmission.Status.REQUESTED


def test_late_work_loses_the_right_to_resubmit(world, issued, assignment):
    with pytest.raises(DomainError, match="could never be authorised: the learner did not "
                                          "meet the deadline"):
        _assessed(world, assignment, late=True)


def test_no_resubmission_unless_the_assessor_judges_the_learner_can_improve(world, issued,
                                                                            assignment):
    with pytest.raises(DomainError, match="without further guidance"):
        _assessed(world, assignment, can_improve=False)


def test_the_lead_iv_is_told_every_failing_condition(world, issued, assignment):
    _, request = _assessed(world, assignment)
    with pytest.raises(DomainError, match="must fall in the same academic year"):
        services.authorise_resubmission(actor=world["lead_iv"], request=request,
                                        deadline=date(2027, 8, 2))


def test_the_assessor_cannot_backdate_into_the_future(world, issued, assignment):
    with pytest.raises(DomainError, match="cannot be in the future"):
        hand_in(world, assignment, handed_in_on=date(2099, 1, 1))


def test_a_second_resubmission_request_is_refused(world, issued, assignment):
    submission, _ = _assessed(world, assignment)
    with pytest.raises(DomainError, match="already been asked"):
        services.request_resubmission(actor=world["assessor"], submission=submission)


def test_only_the_lead_iv_authorises(world, issued, assignment):
    _, request = _assessed(world, assignment)
    with pytest.raises(PermissionDenied):
        services.authorise_resubmission(actor=world["assessor"], request=request,
                                        deadline=date(2026, 12, 1))


def test_retakes_follow_the_qualifications_rules(world, issued, assignment):
    with pytest.raises(DomainError, match="Retakes are not available"):
        hand_in(world, assignment, attempt="retake")


def test_a_retake_needs_the_rule_and_the_named_authoriser(world, issued, assignment):
    submission = hand_in(world, assignment)
    services.record_decision(actor=world["assessor"], submission=submission,
                             results=all_results(assignment), feedback="ok", authentic=True)
    with pytest.raises(DomainError, match="not available"):
        services.authorise_retake(actor=world["lead_iv"], submission=submission)
    RetakeRule.objects.create(programme=world.programme, allowed=True, max_band="P",
                              authoriser=RetakeRule.Authoriser.LEAD_IV)
    with pytest.raises(DomainError, match="must be authorised"):
        hand_in(world, assignment, attempt="retake")
    with pytest.raises(PermissionDenied, match="Lead Internal Verifier authorises"):
        services.authorise_retake(actor=world["leader"], submission=submission)
    services.authorise_retake(actor=world["lead_iv"], submission=submission)
    assert hand_in(world, assignment, attempt="retake").attempt == "retake"
