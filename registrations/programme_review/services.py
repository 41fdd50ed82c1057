"""Workflow steps of the annual programme review. The Programme Leader (or the Quality
Nominee) prepares it; the senior manager who leads programme review signs it off, after which
it is locked with its figures frozen. Actions of its plan are `meetings.Action` records."""

from datetime import date
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from qmr import permissions
from qmr.audit import acting_as, record_event, save_changes
from qmr.errors import DomainError, TransitionNotAllowed
from qmr.meetings.actions import add_action
from qmr.meetings.models import Action
from qmr.models import AcademicYear, User
from qmr.roles import LEAD_PROGRAMME_REVIEW, PREPARE_REVIEW, SIGN_CLASS_LIST
from registrations.models import Programme
from registrations.programme_review import figures
from registrations.programme_review.models import ProgrammeReview


def may_prepare(user: Any, programme: Programme) -> bool:
    """The Programme Leader, the Quality Nominee and the senior manager leading review."""
    return any(permissions.can(user, perm, programme)
               for perm in (SIGN_CLASS_LIST, PREPARE_REVIEW, LEAD_PROGRAMME_REVIEW))


def may_sign_off(user: Any, review: ProgrammeReview) -> bool:
    return permissions.can(user, LEAD_PROGRAMME_REVIEW, review.programme)


def _require_prepare(actor: User, programme: Programme) -> None:
    if not may_prepare(actor, programme):
        raise PermissionDenied(
            "Only the Programme Leader, the Quality Nominee or the senior manager who leads "
            "programme review can prepare this programme's review.")


def _require_open(review: ProgrammeReview) -> None:
    if review.signed_off:
        raise TransitionNotAllowed(
            f"This review was signed off on {review.signed_off_at:%d %B %Y} and is locked. "
            "Record what has changed in next year's review.")


@transaction.atomic
def start_review(*, actor: User, programme: Programme, year: AcademicYear) -> ProgrammeReview:
    """Open the year's review of a programme (one per programme and year)."""
    _require_prepare(actor, programme)
    if year.centre_id != programme.centre_id:
        raise DomainError("That academic year belongs to another centre.")
    existing = ProgrammeReview.objects.filter(programme=programme, academic_year=year).first()
    if existing is not None:
        raise DomainError(f"{programme} already has a review for {year}: open it instead.")
    with acting_as(actor):
        review = ProgrammeReview.objects.create(programme=programme, academic_year=year,
                                                started_by=actor)
    record_event(review, "registrations.programme_review.started", actor=actor,
                 centre=programme.centre, summary=f"{review} started")
    return review


@transaction.atomic
def update_review(*, actor: User, review: ProgrammeReview, **fields: Any) -> ProgrammeReview:
    """Change what the review says. Refused once signed off."""
    review = ProgrammeReview.objects.select_for_update(of=("self",)).get(pk=review.pk)
    _require_prepare(actor, review.programme)
    _require_open(review)
    changed = save_changes(review, {k: v for k, v in fields.items()
                                    if k in ProgrammeReview.SECTIONS}, actor)
    if changed:
        record_event(review, "registrations.programme_review.updated", actor=actor,
                     centre=review.programme.centre, summary=f"{review}: {', '.join(changed)}")
    return review


@transaction.atomic
def add_review_action(*, actor: User, review: ProgrammeReview, description: str,
                      owner: User | None, due_on: date | None) -> Action:
    """Add an action to the review's plan; its owner follows it to closure with evidence."""
    review = ProgrammeReview.objects.select_for_update(of=("self",)).get(pk=review.pk)
    _require_prepare(actor, review.programme)
    _require_open(review)
    action = add_action(actor=actor, centre=review.programme.centre, description=description,
                        owner=owner, due_on=due_on)
    review.actions.add(action)
    record_event(review, "registrations.programme_review.action_added", actor=actor,
                 centre=review.programme.centre, summary=f"{review}: action for {owner}")
    return action


@transaction.atomic
def sign_off_review(*, actor: User, review: ProgrammeReview) -> ProgrammeReview:
    """The senior manager leading programme review signs it off: every section must be
    written and the plan hold at least one action. The figures are frozen as they stand."""
    review = ProgrammeReview.objects.select_for_update(of=("self",)).get(pk=review.pk)
    programme = review.programme
    if not may_sign_off(actor, review):
        raise PermissionDenied(
            "Only the senior manager who leads programme review can sign off a review.")
    _require_open(review)
    if review.missing_sections:
        raise DomainError("The review cannot be signed off yet: write "
                          + ", ".join(review.missing_sections) + ".")
    if not review.actions.exists():
        raise DomainError("The review cannot be signed off without an action plan: add at "
                          "least one action with its owner and due date.")
    review.signed_off_by = actor
    review.signed_off_at = timezone.now()
    review.figures_at_sign_off = figures.compute(programme, review.academic_year).as_dict()
    with acting_as(actor):
        review.save(update_fields=["signed_off_by", "signed_off_at", "figures_at_sign_off"])
    record_event(review, "registrations.programme_review.signed_off", actor=actor,
                 centre=programme.centre, summary=f"{review} signed off")
    return review
