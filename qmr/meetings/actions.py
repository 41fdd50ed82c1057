"""Actions: set by a meeting here, or by a programme review's action plan in `registrations`,
and followed to closure with evidence. The one place their rules live.

Callers that set actions check first that the actor may set them on the record they come from
(a meeting, a programme review); `add_action` then checks the action itself.
"""

from collections.abc import Callable
from datetime import date
from typing import Any

from django.db import transaction
from django.db.models import Q
from django.http import Http404
from django.utils import timezone

from qmr import permissions
from qmr.audit import acting_as, record_event
from qmr.errors import DomainError, TransitionNotAllowed
from qmr.meetings.models import Action, Meeting
from qmr.models import Appointment, Centre, User
from qmr.roles import PREPARE_REVIEW, VIEW_QUALITY_RECORDS, Role

# Roles that make someone one of the centre's staff (an action's owner must be one).
STAFF_ROLES = [r for r in Role if r not in (Role.LEARNER, Role.QUALITY_REVIEWER,
                                            Role.STANDARDS_VERIFIER)]

_readers: list[Callable[[Any], Q]] = []


def register_reader(fn: Callable[[Any], Q]) -> None:
    """Let an app widen who reads an action: `fn(user) -> Q` over Action (no query of its
    own), e.g. a programme review's team reading the actions of its action plan."""
    _readers.append(fn)


def is_staff_at(person: User, centre: Centre) -> bool:
    return Appointment.objects.active().filter(
        person=person, centre=centre, role__in=STAFF_ROLES).exists()


@transaction.atomic
def add_action(*, actor: User, centre: Centre, description: str, owner: User | None,
               due_on: date | None, meeting: Meeting | None = None) -> Action:
    """Set an action for `owner` to do by `due_on`. For callers that have already checked the
    actor may set actions on the record they come from. Refuses an owner with no staff
    appointment in force at the centre, a blank description and a due date in the past."""
    description = (description or "").strip()
    if not description:
        raise DomainError("Say what has to be done: the action's description is empty.")
    if owner is None:
        raise DomainError("Choose who owns the action: the person who will do it.")
    if due_on is None:
        raise DomainError("Give the date the action is due by.")
    if due_on < timezone.localdate():
        raise DomainError(f"The due date {due_on:%d %B %Y} has already passed: give today or a "
                          f"later day.")
    if meeting is not None and meeting.team.centre_id != centre.pk:
        raise DomainError("That meeting belongs to another centre.")
    if not is_staff_at(owner, centre):
        raise DomainError(f"{owner} holds no staff role at {centre.name} now, so cannot own an "
                          f"action there. Choose someone who works at the centre.")
    with acting_as(actor):
        action = Action.objects.create(centre=centre, meeting=meeting, description=description,
                                       owner=owner, due_on=due_on, raised_by=actor)
    record_event(action, "meetings.action.added", actor=actor, centre=centre,
                 summary=f"Action for {owner}, due {due_on:%d %B %Y}: {action}")
    return action


def may_close(user: Any, action: Action) -> bool:
    """The owner, or the Quality Nominee (PREPARE_REVIEW on the centre), closes an action."""
    return user.pk == action.owner_id or permissions.can(user, PREPARE_REVIEW, action)


@transaction.atomic
def close_action(*, actor: User, action: Action, evidence: str, file: Any = None) -> Action:
    """The owner or the Quality Nominee closes an open action, saying (and optionally
    attaching) what shows it was done. Refused without evidence or when already closed."""
    action = Action.objects.select_for_update(of=("self",)).get(pk=action.pk)
    if not may_close(actor, action):
        raise permissions.PermissionDenied(
            "Only the action's owner or the Quality Nominee can close it.")
    if not action.is_open:
        raise TransitionNotAllowed(
            f"This action was already closed on {timezone.localtime(action.closed_at):%d %B %Y}.")
    evidence = (evidence or "").strip()
    if not evidence:
        raise DomainError("Say what shows the action was done (for example where the new "
                          "document is, or what changed) before closing it.")
    action.closed_at, action.closed_by, action.closure_evidence = timezone.now(), actor, evidence
    fields = ["closed_at", "closed_by", "closure_evidence"]
    if file:
        action.closure_file = file
        fields.append("closure_file")
    with acting_as(actor):
        action.save(update_fields=fields)
    record_event(action, "meetings.action.closed", actor=actor, centre=action.centre,
                 summary=f"Action closed by {actor}: {action}")
    return action


def _readable(user: Any) -> Q:
    condition = Q(owner=user.pk) | Q(raised_by=user.pk) | Q(meeting__team__members=user.pk)
    for fn in _readers:
        condition |= fn(user)
    return condition


def get_action_for_user(user: Any, pk: int) -> Action:
    """An action its owner, its raiser, a member of its meeting's team, or a reader of the
    centre's quality records (Head, SLT, Quality Nominee) may see; 404 for anyone else."""
    qs = Action.objects.select_related("centre", "owner", "raised_by", "closed_by",
                                       "meeting__team")
    if not getattr(user, "is_authenticated", False):
        raise Http404("No such action.")
    found = (permissions.visible(user, VIEW_QUALITY_RECORDS, qs)
             | qs.filter(_readable(user))).filter(pk=pk).first()
    if found is None:
        raise Http404("No such action.")
    return found


def open_actions_for(user: Any) -> list[Action]:
    """The person's own open actions, overdue ones first (they fall due earliest)."""
    return list(Action.objects.filter(owner=user.pk, closed_at__isnull=True)
                .select_related("centre", "meeting__team").order_by("due_on", "pk"))
