"""Reasonable adjustments and special consideration: each step checks who and the rule,
writes in one transaction and records who did it.

- A reasonable adjustment is agreed by the Programme Leader or the Quality Nominee for one
  learner and one assignment, before the learner hands the work in.
- Special consideration is asked for by the assignment's assessor, the Programme Leader or the
  Quality Nominee after the assessment, authorised or refused only by the Head of Centre
  (AUTHORISE_SPECIAL_CONSIDERATION); the learner is told, and an authorised request is sent
  to the awarding body by its deadline (`models.AWARDING_BODY_DAYS`).
"""

from datetime import date, timedelta
from typing import Any

from dateutil.relativedelta import relativedelta
from django.db import transaction
from django.utils import timezone

from appeals.adjustments.models import (
    AWARDING_BODY_DAYS,
    RETAIN_YEARS,
    AdjustmentKind,
    ConsiderationKind,
    ConsiderationStatus,
    ReasonableAdjustment,
    SpecialConsideration,
)
from assessment.models import Assignment, Submission
from qmr import permissions
from qmr.audit import acting_as, record_event
from qmr.errors import DomainError, TransitionNotAllowed
from qmr.models import User
from qmr.roles import AUTHORISE_SPECIAL_CONSIDERATION, PREPARE_REVIEW, SIGN_CLASS_LIST
from registrations.models import Learner


def _programme(assignment: Assignment) -> Any:
    return assignment.plan.programme


def may_agree(actor: User, assignment: Assignment) -> bool:
    programme = _programme(assignment)
    return permissions.can(actor, SIGN_CLASS_LIST, programme) or permissions.can(
        actor, PREPARE_REVIEW, programme)


def may_request(actor: User, assignment: Assignment) -> bool:
    return actor.pk == assignment.assessor_id or may_agree(actor, assignment)


def _check_learner(learner: Learner, assignment: Assignment) -> None:
    if learner.programme_id != _programme(assignment).pk:
        raise DomainError(f"{learner} is not on {_programme(assignment)}.")


@transaction.atomic
def agree_adjustment(*, actor: User, learner: Learner, assignment: Assignment, kind: str,
                     details: str, evidence: str) -> ReasonableAdjustment:
    assignment = Assignment.objects.select_related("plan__programme__centre").get(
        pk=assignment.pk)
    if not may_agree(actor, assignment):
        raise permissions.PermissionDenied("The Programme Leader or the Quality Nominee agrees "
                                           "reasonable adjustments.")
    _check_learner(learner, assignment)
    if kind not in AdjustmentKind.values:
        raise DomainError("Choose the kind of adjustment.")
    if not details.strip() or not evidence.strip():
        raise DomainError("Say exactly what the adjustment is and what shows the need for it.")
    if Submission.objects.filter(assignment=assignment, learner=learner).exists():
        raise DomainError(f"{learner} has already handed in {assignment.title}: a reasonable "
                          f"adjustment is agreed before the assessment, not after. Ask for "
                          f"special consideration instead.")
    today = timezone.localdate()
    with acting_as(actor):
        adjustment = ReasonableAdjustment.objects.create(
            centre=learner.centre, learner=learner, assignment=assignment, kind=kind,
            details=details.strip(), evidence=evidence.strip(), agreed_by=actor, agreed_on=today,
            retain_until=today + relativedelta(years=RETAIN_YEARS))
    record_event(adjustment, "appeals.adjustment.agreed", actor=actor, centre=learner.centre,
                 summary=f"{adjustment}: agreed")
    return adjustment


@transaction.atomic
def request_consideration(*, actor: User, learner: Learner, assignment: Assignment, kind: str,
                          assessed_on: date, circumstances: str,
                          evidence: Any = None) -> SpecialConsideration:
    assignment = Assignment.objects.select_related("plan__programme__centre").get(
        pk=assignment.pk)
    if not may_request(actor, assignment):
        raise permissions.PermissionDenied("The assessor, the Programme Leader or the Quality "
                                           "Nominee asks for special consideration.")
    _check_learner(learner, assignment)
    if kind not in ConsiderationKind.values:
        raise DomainError("Choose what happened.")
    if assessed_on is None or assessed_on > timezone.localdate():
        raise DomainError("Special consideration is asked for after the assessment: give the "
                          "day it took place.")
    if not circumstances.strip():
        raise DomainError("Describe what happened and how it affected the learner.")
    with acting_as(actor):
        request = SpecialConsideration.objects.create(
            centre=learner.centre, learner=learner, assignment=assignment, kind=kind,
            assessed_on=assessed_on, circumstances=circumstances.strip(),
            evidence=evidence or "", requested_by=actor,
            due_at_awarding_body=assessed_on + timedelta(days=AWARDING_BODY_DAYS[kind]),
            retain_until=timezone.localdate() + relativedelta(years=RETAIN_YEARS))
    record_event(request, "appeals.consideration.requested", actor=actor,
                 centre=learner.centre, summary=f"{request}: requested")
    return request


def _locked(request: SpecialConsideration) -> SpecialConsideration:
    return SpecialConsideration.objects.select_for_update(of=("self",)).select_related(
        "centre", "learner", "assignment__plan__programme").get(pk=request.pk)


@transaction.atomic
def decide_consideration(*, actor: User, request: SpecialConsideration, authorise: bool,
                         reasons: str) -> SpecialConsideration:
    request = _locked(request)
    if not permissions.can(actor, AUTHORISE_SPECIAL_CONSIDERATION, request.centre):
        raise permissions.PermissionDenied("Only the Head of Centre authorises special "
                                           "consideration.")
    if request.status != ConsiderationStatus.REQUESTED:
        raise TransitionNotAllowed("This request has been decided already.")
    if not reasons.strip():
        raise DomainError("Give the reasons: the learner is told them.")
    request.status = ConsiderationStatus.AUTHORISED if authorise else ConsiderationStatus.REFUSED
    request.decision_reasons, request.decided_by = reasons.strip(), actor
    request.decided_on = timezone.localdate()
    with acting_as(actor):
        request.save(update_fields=["status", "decision_reasons", "decided_by", "decided_on"])
    record_event(request, "appeals.consideration.decided", actor=actor, centre=request.centre,
                 summary=f"{request}: {request.get_status_display().lower()}")
    return request


@transaction.atomic
def record_learner_told(*, actor: User, request: SpecialConsideration,
                        on: date | None = None) -> SpecialConsideration:
    request = _locked(request)
    if not (may_request(actor, request.assignment) or permissions.can(
            actor, AUTHORISE_SPECIAL_CONSIDERATION, request.centre)):
        raise permissions.PermissionDenied("Those who asked for it or the Head of Centre "
                                           "record that the learner was told.")
    if request.status == ConsiderationStatus.REQUESTED:
        raise TransitionNotAllowed("There is no decision to tell the learner yet.")
    on = on or timezone.localdate()
    if on > timezone.localdate() or on < request.decided_on:
        raise DomainError("The learner was told between the decision and today.")
    request.learner_told_on = on
    with acting_as(actor):
        request.save(update_fields=["learner_told_on"])
    return request


@transaction.atomic
def record_sent(*, actor: User, request: SpecialConsideration,
                on: date | None = None) -> SpecialConsideration:
    """The Head of Centre or the Quality Nominee records the authorised request sent to the
    awarding body; a late one is recorded and shows as late."""
    request = _locked(request)
    if not (permissions.can(actor, AUTHORISE_SPECIAL_CONSIDERATION, request.centre)
            or permissions.can(actor, PREPARE_REVIEW, request.centre)):
        raise permissions.PermissionDenied("The Head of Centre or the Quality Nominee sends "
                                           "requests to the awarding body.")
    if request.status != ConsiderationStatus.AUTHORISED:
        raise TransitionNotAllowed("Only an authorised request goes to the awarding body.")
    if request.sent_to_awarding_body_on:
        raise TransitionNotAllowed("It has been sent already.")
    on = on or timezone.localdate()
    if on > timezone.localdate():
        raise DomainError("The day it was sent cannot be in the future.")
    request.sent_to_awarding_body_on = on
    with acting_as(actor):
        request.save(update_fields=["sent_to_awarding_body_on"])
    record_event(request, "appeals.consideration.sent", actor=actor, centre=request.centre,
                 summary=f"{request}: sent to the awarding body"
                         f"{' after its deadline' if request.sent_late else ''}")
    return request
