"""Assessment workflow steps. Each checks the actor's permission and the rule, writes in one
transaction with history, records a named event, and refuses in plain words."""

from dataclasses import dataclass
from datetime import date, datetime, time
from typing import Any

from django.db import transaction
from django.utils import timezone

from assessment import checks
from assessment.models import (
    AssessmentPlan,
    Assignment,
    Attempt,
    BriefIssue,
    CriterionResult,
    Decision,
    EvidenceFile,
    Extension,
    Resubmission,
    Retake,
    RetakeRule,
    Submission,
)
from assessment.policy import policy_for
from qmr import permissions
from qmr.audit import acting_as, record_event
from qmr.calendar import WorkingDays
from qmr.errors import DomainError, TransitionNotAllowed
from qmr.models import User
from qmr.roles import ASSESS, LEAD_VERIFY, SIGN_CLASS_LIST, VERIFY, VIEW_OWN_RECORD
from registrations import certification
from registrations.checks import require_registered
from registrations.models import Cohort, Criterion, Learner, LearnerStatus, Programme

ALLOWED_TYPES = {"pdf", "doc", "docx", "odt", "ppt", "pptx", "odp", "xls", "xlsx", "ods",
                 "txt", "rtf", "jpg", "jpeg", "png", "mp4", "mp3", "m4a", "zip"}
MAX_FILE_BYTES = 25 * 1024 * 1024


def _event(obj: Any, code: str, actor: Any, summary: str, centre: Any, **data: Any) -> None:
    record_event(obj, code, actor=actor, summary=summary, centre=centre, data=data)


def may_plan(actor: User, programme: Programme) -> bool:
    """The Programme Leader owns the plan; the Lead IV may also edit it."""
    return permissions.can(actor, SIGN_CLASS_LIST, programme) or permissions.can(
        actor, LEAD_VERIFY, programme)


# --- Plans and assignments -------------------------------------------------------------------

@transaction.atomic
def start_plan(*, actor: User, programme: Programme, academic_year: Any) -> AssessmentPlan:
    if not may_plan(actor, programme):
        raise permissions.PermissionDenied("Only the Programme Leader or Lead IV plans this.")
    if academic_year.centre_id != programme.centre_id:
        raise DomainError("That academic year belongs to another centre.")
    if AssessmentPlan.objects.filter(programme=programme, academic_year=academic_year).exists():
        raise DomainError(f"{programme} already has a plan for {academic_year}.")
    with acting_as(actor):
        plan = AssessmentPlan.objects.create(programme=programme, academic_year=academic_year)
    _event(plan, "assessment.plan.started", actor, f"{plan} started", programme.centre)
    return plan


@transaction.atomic
def add_assignment(*, actor: User, plan: AssessmentPlan, title: str, criteria: list,
                   hand_out_on: date, deadline: date, assessor: User, internal_verifier: User,
                   verify_brief_by: date, scenario: str = "", tasks: str = "",
                   evidence_expected: str = "") -> Assignment:
    plan = AssessmentPlan.objects.select_for_update(of=("self",)).select_related(
        "programme").get(pk=plan.pk)
    programme = plan.programme
    if not may_plan(actor, programme):
        raise permissions.PermissionDenied("Only the Programme Leader or Lead IV plans this.")
    if plan.signed_off_at:
        raise TransitionNotAllowed("This version of the plan is signed off: start a new "
                                   "version to change it.")
    problems = []
    if not criteria:
        problems.append("Choose the criteria the assignment targets.")
    if any(c.unit.programme_id != programme.pk for c in criteria):
        problems.append(f"Some criteria are not from {programme}'s units.")
    if deadline <= hand_out_on:
        problems.append("The deadline must come after the hand-out date.")
    if verify_brief_by > hand_out_on:
        problems.append("The brief must be verified before it is handed out.")
    if not permissions.can(assessor, ASSESS, programme):
        problems.append(f"{assessor} is not an assessor on {programme}.")
    if not permissions.can(internal_verifier, VERIFY, programme):
        problems.append(f"{internal_verifier} is not an internal verifier on {programme}.")
    if problems:
        raise DomainError(" ".join(problems))
    with acting_as(actor):
        assignment = Assignment.objects.create(
            plan=plan, title=title, hand_out_on=hand_out_on, deadline=deadline,
            assessor=assessor, internal_verifier=internal_verifier,
            verify_brief_by=verify_brief_by, scenario=scenario, tasks=tasks,
            evidence_expected=evidence_expected)
    assignment.criteria.set(criteria)
    _event(assignment, "assessment.assignment.added", actor, f"{title} added to {plan}",
           programme.centre)
    return assignment


@transaction.atomic
def sign_off_plan(*, actor: User, plan: AssessmentPlan) -> AssessmentPlan:
    """The Lead IV signs the plan off."""
    plan = AssessmentPlan.objects.select_for_update(of=("self",)).get(pk=plan.pk)
    if not permissions.can(actor, LEAD_VERIFY, plan.programme):
        raise permissions.PermissionDenied("Only the Lead Internal Verifier signs plans off.")
    if plan.signed_off_at:
        raise TransitionNotAllowed("This plan is already signed off.")
    if not plan.assignments.exists():
        raise DomainError("The plan has no assignments yet.")
    plan.signed_off_by, plan.signed_off_at = actor, timezone.now()
    with acting_as(actor):
        plan.save(update_fields=["signed_off_by", "signed_off_at"])
    _event(plan, "assessment.plan.signed_off", actor, f"{plan} signed off",
           plan.programme.centre)
    return plan


@transaction.atomic
def revise_plan(*, actor: User, plan: AssessmentPlan) -> AssessmentPlan:
    """Start the next version of a signed-off plan: the old version stays as it was."""
    plan = AssessmentPlan.objects.select_for_update(of=("self",)).select_related(
        "programme").get(pk=plan.pk)
    if not may_plan(actor, plan.programme):
        raise permissions.PermissionDenied("Only the Programme Leader or Lead IV plans this.")
    if not plan.signed_off_at:
        raise TransitionNotAllowed("This version is not signed off yet: change it directly.")
    latest = AssessmentPlan.objects.filter(programme=plan.programme,
                                           academic_year=plan.academic_year).first()
    with acting_as(actor):
        new = AssessmentPlan.objects.create(programme=plan.programme,
                                            academic_year=plan.academic_year,
                                            version=latest.version + 1)
        for old in plan.assignments.prefetch_related("criteria"):
            criteria = list(old.criteria.all())
            old.pk, old.id, old.plan = None, None, new
            old.save()
            old.criteria.set(criteria)
    _event(new, "assessment.plan.revised", actor, f"{new} started from v{plan.version}",
           plan.programme.centre)
    return new


# --- Issuing, extensions, submissions --------------------------------------------------------

def may_issue(actor: User, assignment: Assignment) -> bool:
    """The assignment's assessor, or the Programme Leader, hands its brief out."""
    programme = assignment.plan.programme
    return (actor.pk == assignment.assessor_id and permissions.can(actor, ASSESS, programme)) \
        or permissions.can(actor, SIGN_CLASS_LIST, programme)


@transaction.atomic
def issue_brief(*, actor: User, assignment: Assignment, cohort: Cohort) -> BriefIssue:
    """Hand a brief out to a cohort: only a verified brief of a signed-off plan."""
    programme = assignment.plan.programme
    if not may_issue(actor, assignment):
        raise permissions.PermissionDenied(
            "The assignment's assessor or the Programme Leader issues its brief.")
    if cohort.programme_id != programme.pk:
        raise DomainError(f"{cohort} is not a cohort of {programme}.")
    if not AssessmentPlan.objects.filter(pk=assignment.plan_id,
                                         signed_off_at__isnull=False).exists():
        raise DomainError("The assessment plan has not been signed off by the Lead IV yet.")
    checks.run_issue_checks(assignment)
    if BriefIssue.objects.filter(assignment=assignment, cohort=cohort).exists():
        raise DomainError(f"The brief has already been issued to {cohort}.")
    with acting_as(actor):
        issue = BriefIssue.objects.create(assignment=assignment, cohort=cohort,
                                          issued_by=actor, deadline=assignment.deadline)
    _event(issue, "assessment.brief.issued", actor, f"{assignment} issued to {cohort}",
           programme.centre)
    return issue


def may_extend(actor: User, assignment: Assignment) -> bool:
    return actor.pk == assignment.assessor_id or permissions.can(
        actor, LEAD_VERIFY, assignment.plan.programme)


def may_correct(actor: User, submission: Submission) -> bool:
    return actor.pk == submission.assignment.assessor_id or permissions.can(
        actor, LEAD_VERIFY, submission.assignment.plan.programme)


@transaction.atomic
def agree_extension(*, actor: User, assignment: Assignment, learner: Learner,
                    new_deadline: date, reason: str) -> Extension:
    if not may_extend(actor, assignment):
        raise permissions.PermissionDenied("The assessor or the Lead IV agrees extensions.")
    if new_deadline <= assignment.deadline:
        raise DomainError("An extension must move the deadline later.")
    if not reason.strip():
        raise DomainError("Give the reason for the extension.")
    if Extension.objects.filter(assignment=assignment, learner=learner).exists():
        raise DomainError(f"{learner} already has an extension for {assignment}.")
    with acting_as(actor):
        extension = Extension.objects.create(assignment=assignment, learner=learner,
                                             new_deadline=new_deadline, reason=reason,
                                             agreed_by=actor)
    _event(extension, "assessment.extension.agreed", actor, str(extension), learner.centre)
    return extension


def _deadline_for(assignment: Assignment, learner: Learner, attempt: str) -> date:
    if attempt == Attempt.RESUBMISSION:
        first = Submission.objects.filter(assignment=assignment, learner=learner,
                                          attempt=Attempt.FIRST).first()
        authorised = getattr(first, "resubmission", None)
        if authorised is None or authorised.status != Resubmission.Status.AUTHORISED:
            raise DomainError("No resubmission has been authorised for this assignment.")
        return authorised.deadline
    extension = Extension.objects.filter(assignment=assignment, learner=learner).first()
    return extension.new_deadline if extension else assignment.deadline


@dataclass
class Upload:
    name: str
    content: Any  # a Django File / UploadedFile
    size: int


@transaction.atomic
def submit_evidence(*, actor: User, assignment: Assignment, learner: Learner,
                    files: list[Upload], declaration: bool, ai_tools_used: str = "",
                    attempt: str = Attempt.FIRST,
                    handed_in_on: date | None = None) -> Submission:
    """The learner (or their assessor on their behalf) hands in work with a signed, dated
    declaration. Late work is accepted and flagged, never capped. The assessor recording work
    handed in on paper gives the day it was handed in."""
    # Two hand-ins of the same work at once (the learner and the assessor, or a double click)
    # take turns on the learner's row; the second then finds the first and is told so.
    learner = Learner.objects.select_for_update(of=("self",)).select_related("centre").get(
        pk=learner.pk)
    own = learner.user_id == actor.pk and permissions.can(actor, VIEW_OWN_RECORD,
                                                          learner.centre)
    if not own and actor.pk != assignment.assessor_id:
        raise permissions.PermissionDenied("Only the learner or the assessor hands work in.")
    if not BriefIssue.objects.filter(assignment=assignment, cohort_id=learner.cohort_id).exists():
        raise DomainError("This assignment has not been issued to the learner's cohort.")
    if learner.status not in (LearnerStatus.ENROLLED, LearnerStatus.REGISTERED):
        raise DomainError(f"{learner} is {learner.get_status_display().lower()}.")
    if not declaration:
        raise DomainError("The learner must sign the declaration that the work is their own.")
    if ai_tools_used.strip() and not policy_for(learner.centre).ai_tools_allowed:
        raise DomainError("This centre does not allow AI tools in assessed work. Speak to "
                          "your assessor before handing this in.")
    if attempt == Attempt.RETAKE:
        rule = RetakeRule.objects.filter(programme=assignment.plan.programme).first()
        if rule is None or not rule.allowed:
            raise DomainError("Retakes are not available for this qualification.")
        if not Retake.objects.filter(submission__assignment=assignment,
                                     submission__learner=learner).exists():
            raise DomainError("A retake must be authorised before the work is handed in.")
    if not files:
        raise DomainError("Attach the work: at least one file.")
    for f in files:
        ext = f.name.rsplit(".", 1)[-1].lower() if "." in f.name else ""
        if ext not in ALLOWED_TYPES:
            raise DomainError(f"{f.name}: files of this type cannot be handed in. Use PDF, "
                              f"Word, PowerPoint, Excel, images, audio, video or ZIP.")
        if f.size > MAX_FILE_BYTES:
            raise DomainError(f"{f.name} is larger than 25 MB.")
    if Submission.objects.filter(assignment=assignment, learner=learner,
                                 attempt=attempt).exists():
        raise DomainError(f"{learner} has already handed in this assignment "
                          f"({Attempt(attempt).label.lower()}).")
    deadline = _deadline_for(assignment, learner, attempt)
    now = timezone.now()
    if handed_in_on is not None:
        if own:
            raise DomainError("Work you hand in yourself is dated today.")
        if handed_in_on > timezone.localdate(now):
            raise DomainError("The day the work was handed in cannot be in the future.")
        now = timezone.make_aware(datetime.combine(handed_in_on, time(12)))
    with acting_as(actor):
        submission = Submission.objects.create(
            assignment=assignment, learner=learner, attempt=attempt, submitted_by=actor,
            submitted_at=now,
            deadline=deadline, late=timezone.localdate(now) > deadline,
            declaration_signed_at=now, ai_tools_used=ai_tools_used.strip())
        for f in files:
            EvidenceFile.objects.create(submission=submission, file=f.content,
                                        name=f.name[:200], size=f.size)
    _event(submission, "assessment.submission.received", actor, str(submission),
           learner.centre, late=submission.late)
    return submission


# --- Decisions -------------------------------------------------------------------------------

def _check_results(submission: Submission, results: dict[int, tuple[bool, str]]) -> list:
    targeted = {c.pk: c for c in submission.assignment.criteria.all()}
    stray = set(results) - set(targeted)
    if stray:
        codes = ", ".join(sorted(Criterion.objects.filter(pk__in=stray)
                                 .values_list("code", flat=True)))
        raise DomainError(f"{codes or 'Those criteria'}: the assignment does not target "
                          f"them, so they cannot be awarded here.")
    missing = sorted(c.code for pk, c in targeted.items() if pk not in results)
    if missing:
        raise DomainError(f"Record a decision for every targeted criterion: "
                          f"{', '.join(missing)} missing.")
    return list(targeted.values())


@transaction.atomic
def record_decision(*, actor: User, submission: Submission,
                    results: dict[int, tuple[bool, str]], feedback: str, authentic: bool,
                    can_improve_without_guidance: bool = False) -> Decision:
    """The assessor records, per targeted criterion, achieved or not with feedback, and
    confirms authenticity. Final once recorded."""
    submission = Submission.objects.select_for_update(of=("self",)).select_related(
        "learner", "assignment__plan__programme").get(pk=submission.pk)
    assignment = submission.assignment
    if actor.pk != assignment.assessor_id or not permissions.can(
            actor, ASSESS, assignment.plan.programme):
        raise permissions.PermissionDenied("Only the assignment's assessor records decisions.")
    require_registered(submission.learner, assignment.plan.programme)
    if submission.decisions.exists():
        raise TransitionNotAllowed("A decision is already recorded: correct it instead, "
                                   "giving the reason.")
    _check_results(submission, results)
    if not feedback.strip():
        raise DomainError("Write feedback for the learner.")
    return _write_decision(actor, submission, results, feedback, authentic,
                           can_improve_without_guidance, None, "")


def _write_decision(actor: User, submission: Submission, results: dict, feedback: str,
                    authentic: bool, can_improve: bool, supersedes: Decision | None,
                    reason: str) -> Decision:
    with acting_as(actor):
        decision = Decision.objects.create(
            submission=submission, assessor=actor, authentic=authentic,
            can_improve_without_guidance=can_improve, feedback=feedback,
            supersedes=supersedes, correction_reason=reason,
            released_at=supersedes.released_at if supersedes else None,
            received_on=supersedes.received_on if supersedes else None)
        CriterionResult.objects.bulk_create([
            CriterionResult(decision=decision, criterion_id=pk, achieved=achieved,
                            feedback=text) for pk, (achieved, text) in results.items()])
    achieved = sum(1 for a, _ in results.values() if a)
    _event(decision, "assessment.decision.corrected" if supersedes else
           "assessment.decision.recorded", actor,
           f"{submission}: {achieved} of {len(results)} criteria achieved",
           submission.learner.centre, reason=reason)
    return decision


@transaction.atomic
def correct_decision(*, actor: User, decision: Decision, results: dict[int, tuple[bool, str]],
                     feedback: str, reason: str) -> Decision:
    """A correction is a new, attributed decision; the old one stays as it was."""
    submission = decision.submission
    if not may_correct(actor, submission):
        raise permissions.PermissionDenied("The assessor or the Lead IV corrects decisions.")
    return _correct(actor, decision, results, feedback, reason)


@transaction.atomic
def correct_on_appeal(*, actor: User, decision: Decision, results: dict[int, tuple[bool, str]],
                      feedback: str, reason: str) -> Decision:
    """The correction an upheld appeal makes. Who may uphold is the appeal stage's rule, which
    the appeals app checks before calling this; the record is the same as any correction."""
    return _correct(actor, decision, results, feedback, reason)


@transaction.atomic
def withdraw_credit(*, actor: User, learner: Learner, unit: Any, reason: str) -> list[Decision]:
    """A malpractice sanction: every current decision of the learner on work that targets the
    unit becomes not achieved, as corrections giving `reason`. Who may sanction is the
    malpractice case's rule, checked by the appeals app before calling this."""
    decisions = list(Decision.objects.filter(
        submission__learner=learner, superseded_by__isnull=True,
        submission__assignment__criteria__unit=unit).distinct().select_related(
        "submission__assignment"))
    corrected = []
    for decision in decisions:
        results = {c.pk: (False, "Withdrawn: malpractice.")
                   for c in decision.submission.assignment.criteria.all()}
        corrected.append(_correct(actor, decision, results, decision.feedback, reason))
    return corrected


def _correct(actor: User, decision: Decision, results: dict[int, tuple[bool, str]],
             feedback: str, reason: str) -> Decision:
    # The submission is locked as record_decision and verify_decision lock it, so two
    # corrections of one decision at once take turns and the second is refused.
    submission = Submission.objects.select_for_update(of=("self",)).select_related(
        "learner", "assignment").get(pk=decision.submission_id)
    if Decision.objects.filter(supersedes=decision).exists():
        raise TransitionNotAllowed("This decision has already been corrected: correct the "
                                   "latest one.")
    if not reason.strip():
        raise DomainError("Give the reason for the correction.")
    _check_results(submission, results)
    corrected = _write_decision(actor, submission, results, feedback, decision.authentic,
                                decision.can_improve_without_guidance, decision, reason)
    certification.record_correction_after_claim(
        actor=actor, learner=submission.learner, reason=reason,
        what_changed=f"{submission.assignment}: decision corrected")
    return corrected


@transaction.atomic
def release_result(*, actor: User, decision: Decision) -> Decision:
    if actor.pk != decision.submission.assignment.assessor_id:
        raise permissions.PermissionDenied("The assessor releases the result.")
    if decision.released_at:
        raise TransitionNotAllowed("This result has already been released.")
    checks.run_release_checks(decision)
    decision.released_at = timezone.now()
    with acting_as(actor):
        decision.save(update_fields=["released_at"])
    _event(decision, "assessment.result.released", actor, f"Result of {decision.submission} "
           "released to the learner", decision.submission.learner.centre)
    return decision


@transaction.atomic
def confirm_received(*, actor: User, decision: Decision, on: date | None = None) -> Decision:
    """The day the learner received the result: resubmission deadlines count from it."""
    learner = decision.submission.learner
    if actor.pk not in (learner.user_id, decision.submission.assignment.assessor_id):
        raise permissions.PermissionDenied("The learner or the assessor confirms receipt.")
    if not decision.released_at:
        raise DomainError("The result has not been released to the learner yet.")
    if decision.received_on:
        raise TransitionNotAllowed("Receipt is already recorded.")
    decision.received_on = on or timezone.localdate()
    with acting_as(actor):
        decision.save(update_fields=["received_on"])
    _event(decision, "assessment.result.received", actor,
           f"{learner} received the result of {decision.submission.assignment}", learner.centre)
    return decision


def latest_decision(submission: Submission) -> Decision | None:
    return submission.decisions.filter(superseded_by__isnull=True).first()


# --- Retake ----------------------------------------------------------------------------------

@transaction.atomic
def authorise_retake(*, actor: User, submission: Submission) -> Retake:
    """Authorise a retake where the qualification allows one, by the role its rule names."""
    programme = submission.assignment.plan.programme
    rule = RetakeRule.objects.filter(programme=programme).first()
    if rule is None or not rule.allowed:
        raise DomainError("Retakes are not available for this qualification.")
    if not permissions.can(actor, rule.authoriser, programme):
        raise permissions.PermissionDenied(f"{rule.get_authoriser_display()} authorises "
                                           f"retakes for this qualification.")
    if submission.attempt == Attempt.RETAKE:
        raise DomainError("This work is already a retake.")
    if latest_decision(submission) is None:
        raise DomainError("The work must be assessed before a retake can be authorised.")
    if Retake.objects.filter(submission__assignment=submission.assignment,
                             submission__learner=submission.learner).exists():
        raise DomainError("A retake has already been authorised for this assignment.")
    with acting_as(actor):
        retake = Retake.objects.create(submission=submission, authorised_by=actor)
    _event(retake, "assessment.retake.authorised", actor, str(retake),
           submission.learner.centre)
    return retake


# --- Resubmission ----------------------------------------------------------------------------

@transaction.atomic
def request_resubmission(*, actor: User, submission: Submission) -> Resubmission:
    submission = Submission.objects.select_for_update(of=("self",)).get(pk=submission.pk)
    if actor.pk != submission.assignment.assessor_id:
        raise permissions.PermissionDenied("The assessor asks for a resubmission.")
    if submission.attempt != Attempt.FIRST:
        raise DomainError("Only one resubmission is allowed: this is already a "
                          f"{submission.get_attempt_display().lower()}.")
    if Resubmission.objects.filter(submission=submission).exists():
        raise DomainError("A resubmission has already been asked for this work.")
    reasons = _standing_refusals(submission)
    if reasons:
        raise DomainError("A resubmission could never be authorised: " + "; ".join(reasons)
                          + ".")
    with acting_as(actor):
        request = Resubmission.objects.create(submission=submission, requested_by=actor)
    _event(request, "assessment.resubmission.requested", actor, str(request),
           submission.learner.centre)
    return request


def _standing_refusals(submission: Submission) -> list[str]:
    """The conditions that do not depend on the deadline chosen."""
    decision = latest_decision(submission)
    reasons = []
    if submission.late:
        reasons.append("the learner did not meet the deadline or an agreed extension")
    if decision is None:
        return [*reasons, "the work has not been assessed yet"]
    if not decision.can_improve_without_guidance:
        reasons.append("the assessor has not judged that the learner can improve the work "
                       "without further guidance")
    if not (decision.authentic and submission.declaration_signed_at):
        reasons.append("the evidence was not authenticated with a signed declaration")
    return reasons


def resubmission_refusals(request: Resubmission, deadline: date) -> list[str]:
    """Every condition that stops the Lead IV authorising, in words (empty: it may)."""
    submission = request.submission
    decision = latest_decision(submission)
    reasons = _standing_refusals(submission)
    if decision is None:
        return reasons
    if decision.received_on is None:
        reasons.append("the learner has not yet received the result, and the window counts "
                       "from that day")
        return reasons
    centre = submission.learner.centre
    days = policy_for(centre).resubmission_working_days
    try:
        latest = WorkingDays(centre).add(decision.received_on, days)
    except DomainError as e:
        reasons.append(str(e))
        return reasons
    year = submission.assignment.plan.academic_year
    if deadline > latest:
        reasons.append(f"the deadline must be within {days} term-time working days of the "
                       f"learner receiving the result, that is by {latest.day} "
                       f"{latest:%B %Y}")
    if deadline > year.ends_on:
        reasons.append(f"the deadline must fall in the same academic year ({year})")
    if deadline <= decision.received_on:
        reasons.append("the deadline must come after the learner received the result")
    return reasons


@transaction.atomic
def authorise_resubmission(*, actor: User, request: Resubmission,
                           deadline: date) -> Resubmission:
    """The Lead IV authorises the one resubmission, if every condition is met."""
    request = Resubmission.objects.select_for_update(of=("self",)).get(pk=request.pk)
    programme = request.submission.assignment.plan.programme
    if not permissions.can(actor, LEAD_VERIFY, programme):
        raise permissions.PermissionDenied("Only the Lead Internal Verifier authorises "
                                           "resubmissions.")
    if request.status != Resubmission.Status.REQUESTED:
        raise TransitionNotAllowed(f"This request is already {request.get_status_display()}.")
    reasons = resubmission_refusals(request, deadline)
    if reasons:
        raise DomainError("A resubmission cannot be authorised: " + "; ".join(reasons) + ".")
    request.status, request.decided_by = Resubmission.Status.AUTHORISED, actor
    request.decided_at, request.deadline = timezone.now(), deadline
    with acting_as(actor):
        request.save(update_fields=["status", "decided_by", "decided_at", "deadline"])
    _event(request, "assessment.resubmission.authorised", actor,
           f"{request} authorised, deadline {deadline:%d %b %Y}", request.submission.learner.centre)
    return request


@transaction.atomic
def refuse_resubmission(*, actor: User, request: Resubmission, reason: str) -> Resubmission:
    request = Resubmission.objects.select_for_update(of=("self",)).get(pk=request.pk)
    if not permissions.can(actor, LEAD_VERIFY, request.submission.assignment.plan.programme):
        raise permissions.PermissionDenied("Only the Lead Internal Verifier decides this.")
    if request.status != Resubmission.Status.REQUESTED:
        raise TransitionNotAllowed(f"This request is already {request.get_status_display()}.")
    if not reason.strip():
        raise DomainError("Give the reason for refusing.")
    request.status, request.decided_by = Resubmission.Status.REFUSED, actor
    request.decided_at, request.reason = timezone.now(), reason
    with acting_as(actor):
        request.save(update_fields=["status", "decided_by", "decided_at", "reason"])
    _event(request, "assessment.resubmission.refused", actor, f"{request} refused",
           request.submission.learner.centre, reason=reason)
    return request
