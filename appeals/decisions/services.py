"""The steps of an appeal against an assessment decision. Each checks who and the rule, changes
the records in one transaction, records who did it, and raises an error a person can act on.

- The learner lodges an appeal against a released result within the centre's limit after they
  received it, or a member of staff who reads the learner's assessment lodges it for them.
- Stage 1 is decided by the assignment's assessor; stage 2 by an internal verifier of the
  programme; stage 3 by a senior manager (DECIDE_APPEALS); each from stage 2 on never by the
  assessor whose decision is appealed. Stage 4 is the awarding body's: the Head of Centre
  (RECEIVE_ESCALATIONS) sends it and records the answer.
- Stages are decided in order, never skipped: the learner (or staff for them) takes a
  not-upheld outcome to the next stage, or accepts it and the appeal closes.
- An upheld outcome corrects the result through `assessment.services.correct_on_appeal`,
  and may put the same assessor's other results on the assignment in doubt.
"""

from datetime import date
from typing import Any

from dateutil.relativedelta import relativedelta
from django.db import transaction
from django.utils import timezone

from appeals.decisions import tasks
from appeals.decisions.models import (
    RETAIN_MONTHS,
    Appeal,
    AppealSettings,
    AppealStage,
    AppealStatus,
    LogReview,
    Outcome,
    ResultInDoubt,
    Stage,
)
from assessment import services as assessment
from assessment.models import Decision
from qmr import permissions
from qmr.audit import acting_as, record_event
from qmr.calendar import WorkingDays
from qmr.errors import DomainError, TransitionNotAllowed
from qmr.jobs.services import send_task
from qmr.models import Centre, User
from qmr.roles import (
    ASSESS,
    ASSESSMENT_READERS,
    DECIDE_APPEALS,
    LEAD_VERIFY,
    RECEIVE_ESCALATIONS,
    VERIFY,
    VIEW_QUALITY_RECORDS,
)

STAGE_DECIDERS = {
    Stage.ASSESSOR: "the assignment's assessor",
    Stage.VERIFIER: "an internal verifier of the programme",
    Stage.SENIOR: "a senior manager",
    Stage.AWARDING_BODY: "the Head of Centre, with the awarding body's answer",
}


def settings_for(centre: Centre) -> AppealSettings:
    return AppealSettings.objects.filter(centre=centre).first() or AppealSettings(centre=centre)


def _event(appeal: Appeal, code: str, actor: User, summary: str) -> None:
    record_event(appeal, f"appeals.{code}", actor=actor, centre=appeal.centre, summary=summary)


def _programme(decision: Decision) -> Any:
    return decision.submission.assignment.plan.programme


def received_on(decision: Decision) -> date | None:
    """The day the learner received the result: recorded, else the day it was released."""
    if decision.received_on:
        return decision.received_on
    return timezone.localdate(decision.released_at) if decision.released_at else None


def lodge_deadline(decision: Decision, calendar: WorkingDays | None = None,
                   limits: AppealSettings | None = None) -> date | None:
    """The last day to appeal the result, or None before it is released."""
    start = received_on(decision)
    if start is None:
        return None
    centre = decision.submission.learner.centre
    limits = limits or settings_for(centre)
    return (calendar or WorkingDays(centre)).add(start, limits.lodge_within_days)


def may_lodge_for(actor: User, decision: Decision) -> bool:
    """The learner themself, or staff who read the learner's assessment (not an external
    reviewer, who reads it only)."""
    submission = decision.submission
    if submission.learner.user_id == actor.pk:
        return True
    programme = _programme(decision)
    return actor.pk == submission.assignment.assessor_id or any(
        permissions.can_as_staff(actor, p, programme) for p in ASSESSMENT_READERS)


def _open_stage(appeal: Appeal, number: int, opened_on: date) -> AppealStage:
    days = settings_for(appeal.centre).days_for(number)
    term_time = number != Stage.AWARDING_BODY  # the awarding body's days run in the holidays
    due = WorkingDays(appeal.centre, term_time=term_time).add(opened_on, days)
    return AppealStage.objects.create(appeal=appeal, number=number, opened_on=opened_on,
                                      due_on=due)


@transaction.atomic
def lodge_appeal(*, actor: User, decision: Decision, grounds: str) -> Appeal:
    decision = Decision.objects.select_for_update(of=("self",)).select_related(
        "submission__learner__centre", "submission__learner__user",
        "submission__assignment__plan__programme").get(pk=decision.pk)
    submission = decision.submission
    if not may_lodge_for(actor, decision):
        permissions.deny(actor, _programme(decision),
                         "The learner, or staff who teach or verify their programme, lodge an "
                         "appeal.")
    if hasattr(decision, "superseded_by"):
        raise TransitionNotAllowed("This result has been corrected since: appeal the "
                                   "corrected result instead.")
    if not decision.released_at:
        raise DomainError("This result has not been released to the learner yet, so it "
                          "cannot be appealed.")
    if Appeal.objects.filter(decision__submission=submission,
                             status=AppealStatus.OPEN).exists():
        raise TransitionNotAllowed("An appeal against this result is already open: follow it "
                                   "on the appeal's page.")
    if not grounds.strip():
        raise DomainError("Say why the learner thinks the decision is wrong.")
    today = timezone.localdate()
    limits = settings_for(submission.learner.centre)
    last_day = lodge_deadline(decision, limits=limits)
    if today > last_day:
        raise DomainError(
            f"The time to appeal this result ended on {last_day:%-d %B %Y} "
            f"({limits.lodge_within_days} term-time working days after the learner received "
            f"it on {received_on(decision):%-d %B %Y}).")
    with acting_as(actor):
        appeal = Appeal.objects.create(
            centre=submission.learner.centre, programme=_programme(decision),
            learner=submission.learner, decision=decision, grounds=grounds.strip(),
            lodged_by=actor)
        _open_stage(appeal, Stage.ASSESSOR, today)
    _event(appeal, "lodged", actor, f"{appeal}: lodged")
    return appeal


def may_decide(actor: User, stage: AppealStage) -> bool:
    appeal = stage.appeal
    assignment = appeal.decision.submission.assignment
    programme = appeal.programme
    appealed_assessors = {assignment.assessor_id, appeal.decision.assessor_id}
    if stage.number == Stage.ASSESSOR:
        return actor.pk == assignment.assessor_id and permissions.can(actor, ASSESS, programme)
    if actor.pk in appealed_assessors:
        return False
    perm = {Stage.VERIFIER: VERIFY, Stage.SENIOR: DECIDE_APPEALS,
            Stage.AWARDING_BODY: RECEIVE_ESCALATIONS}[stage.number]
    return permissions.can(actor, perm, programme)


def require_decider(actor: User, stage: AppealStage) -> None:
    if not may_decide(actor, stage):
        who = STAGE_DECIDERS[Stage(stage.number)]
        extra = "" if stage.number == Stage.ASSESSOR else (
            ", and never the assessor whose decision is appealed")
        raise permissions.PermissionDenied(
            f"{Stage(stage.number).label} is decided by {who}{extra}.")


def _locked_stage(stage: AppealStage) -> AppealStage:
    return AppealStage.objects.select_for_update(of=("self",)).select_related(
        "appeal__centre", "appeal__programme", "appeal__learner__user",
        "appeal__decision__submission__assignment__plan__programme").get(pk=stage.pk)


def current_stage(appeal: Appeal) -> AppealStage | None:
    return appeal.stages.order_by("-number").first()


def _require_current_and_open(stage: AppealStage) -> None:
    appeal = stage.appeal
    if not appeal.is_open:
        raise TransitionNotAllowed("This appeal is closed.")
    latest = current_stage(appeal)
    if latest.pk != stage.pk:
        raise TransitionNotAllowed(
            f"{latest.get_number_display()} is the appeal's current stage: only it can be "
            f"decided.")
    if stage.is_decided:
        raise TransitionNotAllowed(f"{stage.get_number_display()} is decided already.")


@transaction.atomic
def send_to_awarding_body(*, actor: User, stage: AppealStage, sent_on: date | None = None,
                          reference: str = "") -> AppealStage:
    """The Head of Centre records the appeal sent to the awarding body."""
    stage = _locked_stage(stage)
    if stage.number != Stage.AWARDING_BODY:
        raise TransitionNotAllowed("Only stage 4 goes to the awarding body.")
    require_decider(actor, stage)
    _require_current_and_open(stage)
    if stage.submitted_on:
        raise TransitionNotAllowed("It has been sent to the awarding body already.")
    sent_on = sent_on or timezone.localdate()
    if sent_on > timezone.localdate() or sent_on < stage.opened_on:
        raise DomainError("The date it was sent must be between the day stage 4 opened and "
                          "today.")
    stage.submitted_on, stage.reference = sent_on, reference.strip()
    with acting_as(actor):
        stage.save(update_fields=["submitted_on", "reference"])
    _event(stage.appeal, "sent_to_awarding_body", actor, f"{stage.appeal}: sent to the "
           f"awarding body")
    return stage


@transaction.atomic
def decide_stage(*, actor: User, stage: AppealStage, outcome: str, reasons: str,
                 results: dict[int, tuple[bool, str]] | None = None, feedback: str = "",
                 others_in_doubt: bool = False) -> AppealStage:
    """Record a stage's outcome with its reasons. Upheld: `results` and `feedback` are the
    corrected decision, written as a correction in the assessment record."""
    stage = _locked_stage(stage)
    appeal = stage.appeal
    require_decider(actor, stage)
    _require_current_and_open(stage)
    if outcome not in Outcome.values:
        raise DomainError("Say whether the appeal is upheld or not.")
    if not reasons.strip():
        raise DomainError("Give the reasons for the outcome: the learner is told them.")
    if stage.number == Stage.AWARDING_BODY and not stage.submitted_on:
        raise TransitionNotAllowed("Record the day the appeal went to the awarding body first.")
    today = timezone.localdate()
    if outcome == Outcome.UPHELD:
        if not results:
            raise DomainError("An upheld appeal changes the decision: give the corrected "
                              "result for each criterion.")
        latest = assessment.latest_decision(appeal.decision.submission)
        stage.corrected_decision = assessment.correct_on_appeal(
            actor=actor, decision=latest, results=results,
            feedback=feedback.strip() or latest.feedback,
            reason=f"Appeal upheld at stage {stage.number}: {reasons.strip()}")
        _close(appeal, AppealStatus.UPHELD)
    elif others_in_doubt:
        raise DomainError("Only an upheld outcome puts other results in doubt.")
    stage.outcome, stage.reasons = outcome, reasons.strip()
    stage.decided_by, stage.decided_on = actor, today
    with acting_as(actor):
        stage.save(update_fields=["outcome", "reasons", "decided_by", "decided_on",
                                  "corrected_decision"])
        if outcome == Outcome.UPHELD:
            appeal.save(update_fields=["status", "closed_on", "retain_until"])
            if others_in_doubt:
                _put_in_doubt(stage)
    _event(appeal, "stage_decided", actor,
           f"{appeal}: stage {stage.number} {stage.get_outcome_display().split(':')[0].lower()}")
    transaction.on_commit(lambda: send_task(tasks.tell_learner, stage.pk))
    return stage


def _put_in_doubt(stage: AppealStage) -> int:
    """Every other learner's work on the same assignment whose latest decision the same
    assessor made."""
    decision = stage.appeal.decision
    submission = decision.submission
    others = Decision.objects.filter(
        submission__assignment_id=submission.assignment_id, assessor_id=decision.assessor_id,
        superseded_by__isnull=True).exclude(submission__learner_id=submission.learner_id)
    rows = [ResultInDoubt(submission_id=d.submission_id, raised_by=stage) for d in others]
    ResultInDoubt.objects.bulk_create(rows)
    return len(rows)


def may_escalate(actor: User, appeal: Appeal) -> bool:
    return may_lodge_for(actor, appeal.decision)


def _learners_turn(actor: User, appeal: Appeal, doing: str) -> tuple[Appeal, AppealStage]:
    """The appeal, locked, and its current stage, once the actor may answer for the learner."""
    appeal = Appeal.objects.select_for_update(of=("self",)).select_related(
        "centre", "learner__user", "decision__submission__assignment__plan__programme").get(
        pk=appeal.pk)
    if not may_escalate(actor, appeal):
        permissions.deny(actor, appeal.programme, f"The learner, or staff for them, {doing}.")
    if not appeal.is_open:
        raise TransitionNotAllowed("This appeal is closed.")
    return appeal, current_stage(appeal)


def _close(appeal: Appeal, status: str) -> None:
    """Closed today; its records are kept RETAIN_MONTHS from now (saved by the caller)."""
    today = timezone.localdate()
    appeal.status, appeal.closed_on = status, today
    appeal.retain_until = today + relativedelta(months=RETAIN_MONTHS)


@transaction.atomic
def take_further(*, actor: User, appeal: Appeal) -> AppealStage:
    """The learner is still dissatisfied: the next stage opens (stage 4 waits for the Head of
    Centre to send it)."""
    appeal, stage = _learners_turn(actor, appeal, "take an appeal further")
    if not stage.is_decided:
        raise TransitionNotAllowed(f"{stage.get_number_display()} has not been decided yet: "
                                   f"wait for its outcome.")
    if stage.number == Stage.AWARDING_BODY:
        raise TransitionNotAllowed("The awarding body's decision is final.")
    with acting_as(actor):
        following = _open_stage(appeal, stage.number + 1, timezone.localdate())
    _event(appeal, "taken_further", actor, f"{appeal}: taken to stage {following.number}")
    return following


@transaction.atomic
def accept_outcome(*, actor: User, appeal: Appeal) -> Appeal:
    """The learner accepts a not-upheld outcome: the appeal closes and the decision stands."""
    appeal, stage = _learners_turn(actor, appeal, "accept an outcome")
    if not stage.is_decided:
        raise TransitionNotAllowed("There is no outcome to accept yet.")
    _close(appeal, AppealStatus.NOT_UPHELD)
    with acting_as(actor):
        appeal.save(update_fields=["status", "closed_on", "retain_until"])
    _event(appeal, "closed", actor, f"{appeal}: outcome accepted, closed")
    return appeal


def may_resolve(actor: User, doubt: ResultInDoubt) -> bool:
    programme = doubt.submission.assignment.plan.programme
    return actor.pk == doubt.submission.assignment.assessor_id or permissions.can(
        actor, LEAD_VERIFY, programme)


@transaction.atomic
def resolve_doubt(*, actor: User, doubt: ResultInDoubt, resolution: str) -> ResultInDoubt:
    """The assessor or the Lead IV has reviewed the result (correcting it first if needed)."""
    doubt = ResultInDoubt.objects.select_for_update(of=("self",)).select_related(
        "submission__assignment__plan__programme").get(pk=doubt.pk)
    if not may_resolve(actor, doubt):
        raise permissions.PermissionDenied("The assessor or the Lead IV reviews a result in "
                                           "doubt.")
    if doubt.resolved_at:
        raise TransitionNotAllowed("This result has been reviewed already.")
    if not resolution.strip():
        raise DomainError("Say what the review found, and whether the result was corrected.")
    doubt.resolved_by, doubt.resolved_at = actor, timezone.now()
    doubt.resolution = resolution.strip()
    with acting_as(actor):
        doubt.save(update_fields=["resolved_by", "resolved_at", "resolution"])
    record_event(doubt, "appeals.doubt_resolved", actor=actor,
                 centre=doubt.submission.assignment.plan.programme.centre,
                 summary=f"{doubt.submission}: result reviewed after an appeal")
    return doubt


def mark_told(stage: AppealStage) -> bool:
    """The learner was e-mailed the stage's outcome (from the task); False when already."""
    updated = AppealStage.objects.filter(pk=stage.pk, learner_told_at__isnull=True).update(
        learner_told_at=timezone.now())
    return bool(updated)


def may_review_log(actor: User, centre: Centre) -> bool:
    return permissions.can_as_staff(actor, VIEW_QUALITY_RECORDS, centre)


@transaction.atomic
def review_log(*, actor: User, centre: Centre, year: Any, findings: str) -> LogReview:
    """The Quality Nominee or a senior leader records a review of the year's appeals log;
    the external reviewer reads the log and its reviews only (PermissionDenied)."""
    if not may_review_log(actor, centre):
        permissions.deny(actor, centre, "The Quality Nominee, a senior manager or the Head of "
                                        "Centre reviews the appeals log.")
    if year.centre_id != centre.pk:
        raise DomainError("Choose one of the centre's academic years.")
    if not findings.strip():
        raise DomainError("Say what the patterns show and what will change.")
    with acting_as(actor):
        review = LogReview.objects.create(centre=centre, academic_year=year, reviewed_by=actor,
                                          findings=findings.strip())
    record_event(review, "appeals.log_reviewed", actor=actor, centre=centre,
                 summary=f"{review} recorded")
    return review
