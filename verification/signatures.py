"""Signatures on internal verification records, after the IV's own (recording is signing).

The assessor concerned signs to say they have read the IV's record and feedback: the brief's
assessor for a brief, the assessor who made the decision for assessed work; nobody else signs
for them. The Lead IV countersigns where the record needs it (`countersignature_needed`, set
when the record is made or an action raised): a brief found not fit or given actions, a
decision the IV disagreed with or that led to a remedial action, unless a Lead IV recorded it.
Neither signature holds up issuing a brief or returning work: the seeds make the IV's finding
the condition, and the signatures the record that it was read and overseen.
"""

from typing import Any

from django.db import transaction
from django.utils import timezone

from qmr import permissions
from qmr.audit import acting_as, record_event
from qmr.errors import DomainError, TransitionNotAllowed
from qmr.models import User
from qmr.roles import LEAD_VERIFY
from verification.models import BriefVerification, DecisionVerification


def _signed(record: Any, actor: User, fields: list[str], code: str, summary: str,
            centre: Any) -> Any:
    with acting_as(actor):
        record.save(update_fields=fields)
    record_event(record, code, actor=actor, centre=centre, summary=summary)
    return record


def _check_assessor(actor: User, record: Any, assessor: User, whose: str) -> None:
    if actor.pk != assessor.pk:
        raise permissions.PermissionDenied(f"Only {whose} assessor, {assessor}, signs to say "
                                           f"they have read this verification.")
    if record.assessor_signed_at:
        raise TransitionNotAllowed(f"You signed this verification on "
                                   f"{timezone.localtime(record.assessor_signed_at):%-d %B %Y}.")


def _check_countersigner(actor: User, record: Any, programme: Any, assessor_id: int) -> None:
    if not permissions.can(actor, LEAD_VERIFY, programme):
        raise permissions.PermissionDenied("The Lead Internal Verifier countersigns.")
    if record.countersigned_at:
        raise TransitionNotAllowed(f"{record.countersigned_by} countersigned this on "
                                   f"{timezone.localtime(record.countersigned_at):%-d %B %Y}.")
    if not record.countersignature_needed:
        raise DomainError("This verification does not need the Lead IV's countersignature: "
                          "the IV agreed and set no action, or a Lead IV recorded it.")
    if actor.pk == record.verifier_id:
        raise DomainError("You recorded this verification: another Lead IV countersigns it.")
    if actor.pk == assessor_id:
        raise DomainError("You are the assessor concerned: another Lead IV countersigns it.")


@transaction.atomic
def sign_brief_verification(*, actor: User, verification: BriefVerification
                            ) -> BriefVerification:
    """The brief's assessor signs to say they have read its verification."""
    verification = BriefVerification.objects.select_for_update(of=("self",)).select_related(
        "assignment__assessor", "assignment__plan__programme__centre").get(pk=verification.pk)
    _check_assessor(actor, verification, verification.assignment.assessor, "the brief's")
    verification.assessor_signed_by, verification.assessor_signed_at = actor, timezone.now()
    return _signed(verification, actor, ["assessor_signed_by", "assessor_signed_at"],
                   "verification.brief.signed_by_assessor", f"{verification}: read by {actor}",
                   verification.assignment.plan.programme.centre)


@transaction.atomic
def countersign_brief_verification(*, actor: User, verification: BriefVerification
                                   ) -> BriefVerification:
    verification = BriefVerification.objects.select_for_update(of=("self",)).select_related(
        "assignment__plan__programme__centre", "countersigned_by").get(pk=verification.pk)
    programme = verification.assignment.plan.programme
    _check_countersigner(actor, verification, programme, verification.assignment.assessor_id)
    verification.countersigned_by, verification.countersigned_at = actor, timezone.now()
    return _signed(verification, actor, ["countersigned_by", "countersigned_at"],
                   "verification.brief.countersigned", f"{verification}: countersigned",
                   programme.centre)


@transaction.atomic
def sign_decision_verification(*, actor: User, verification: DecisionVerification
                               ) -> DecisionVerification:
    """The assessor who made the decision acknowledges the IV's feedback."""
    verification = DecisionVerification.objects.select_for_update(of=("self",)).select_related(
        "decision__assessor", "submission__assignment__plan__programme__centre").get(
        pk=verification.pk)
    _check_assessor(actor, verification, verification.decision.assessor, "the work's")
    verification.assessor_signed_by, verification.assessor_signed_at = actor, timezone.now()
    return _signed(verification, actor, ["assessor_signed_by", "assessor_signed_at"],
                   "verification.decision.signed_by_assessor",
                   f"{verification}: feedback acknowledged by {actor}",
                   verification.submission.assignment.plan.programme.centre)


@transaction.atomic
def countersign_decision_verification(*, actor: User, verification: DecisionVerification
                                      ) -> DecisionVerification:
    verification = DecisionVerification.objects.select_for_update(of=("self",)).select_related(
        "decision", "submission__assignment__plan__programme__centre", "countersigned_by").get(
        pk=verification.pk)
    programme = verification.submission.assignment.plan.programme
    _check_countersigner(actor, verification, programme, verification.decision.assessor_id)
    verification.countersigned_by, verification.countersigned_at = actor, timezone.now()
    return _signed(verification, actor, ["countersigned_by", "countersigned_at"],
                   "verification.decision.countersigned", f"{verification}: countersigned",
                   programme.centre)
