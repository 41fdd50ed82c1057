"""Teams and their meetings (QO.2.5). Who does what:

- the Quality Nominee or the Head of Centre (MANAGE_PEOPLE on the centre) sets up a team, its
  members and its chair;
- the team's chair, its members and the Quality Nominee record its meetings and set actions;
- actions are closed through `qmr.meetings.actions.close_action`.
"""

from collections.abc import Iterable
from datetime import date
from typing import Any

from django.db import transaction
from django.utils import timezone

from qmr import permissions
from qmr.audit import acting_as, record_event, save_changes
from qmr.errors import DomainError
from qmr.meetings import actions
from qmr.meetings.models import Action, Meeting, Team, TeamKind
from qmr.models import Appointment, Centre, User
from qmr.roles import MANAGE_PEOPLE, PREPARE_REVIEW


def may_record(user: Any, team: Team) -> bool:
    """The team's chair, its members and the Quality Nominee record its meetings."""
    if permissions.can(user, PREPARE_REVIEW, team):
        return True
    return user.pk == team.chair_id or any(m.pk == user.pk for m in team.members.all())


def _require_recorder(actor: User, team: Team) -> None:
    if not may_record(actor, team):
        raise permissions.PermissionDenied(
            f"Only the chair, the members of {team} or the Quality Nominee record its "
            f"meetings.")


def _staff(centre: Centre, people: Iterable[User]) -> list[User]:
    people = list({p.pk: p for p in people}.values())
    staff = set(Appointment.objects.active().filter(
        centre=centre, person__in=people, role__in=actions.STAFF_ROLES)
        .values_list("person_id", flat=True))
    strangers = [str(p) for p in people if p.pk not in staff]
    if strangers:
        raise DomainError(f"{', '.join(strangers)} hold{'s' if len(strangers) == 1 else ''} no "
                          f"staff role at {centre.name} now, so cannot be in its teams.")
    return people


def _check_team(centre: Centre, name: str, kind: str, members: list[User],
                chair: User | None, team: Team | None = None) -> list[User]:
    if not name.strip():
        raise DomainError("Give the team a name, for example 'Sport programme team'.")
    if kind not in TeamKind.values:
        raise DomainError("Choose what kind of team it is.")
    clash = Team.objects.filter(centre=centre, name__iexact=name.strip())
    if team is not None:
        clash = clash.exclude(pk=team.pk)
    if clash.exists():
        raise DomainError(f"The centre already has a team called {name.strip()}.")
    if chair is not None and chair not in members:
        members = [*members, chair]
    if not members:
        raise DomainError("Choose the team's members.")
    return _staff(centre, members)


@transaction.atomic
def create_team(*, actor: User, centre: Centre, name: str, kind: str, members: list[User],
                chair: User | None = None) -> Team:
    """Set up a team of the centre's staff (the chair is always a member). Needs
    MANAGE_PEOPLE on the centre."""
    permissions.require(actor, MANAGE_PEOPLE, centre)
    members = _check_team(centre, name, kind, list(members), chair)
    with acting_as(actor):
        team = Team.objects.create(centre=centre, name=name.strip(), kind=kind, chair=chair)
        team.members.set(members)
    record_event(team, "meetings.team.created", actor=actor, centre=centre,
                 summary=f"Team {team} set up with {len(members)} members")
    return team


@transaction.atomic
def change_team(*, actor: User, team: Team, name: str, kind: str, members: list[User],
                chair: User | None = None) -> Team:
    """Rename a team, or change its kind, members or chair. Needs MANAGE_PEOPLE."""
    team = Team.objects.select_for_update(of=("self",)).get(pk=team.pk)
    permissions.require(actor, MANAGE_PEOPLE, team)
    members = _check_team(team.centre, name, kind, list(members), chair, team)
    changed = save_changes(team, {"name": name.strip(), "kind": kind, "chair": chair}, actor)
    if {m.pk for m in members} != set(team.members.values_list("pk", flat=True)):
        with acting_as(actor):
            team.members.set(members)
        changed.append("members")
    if changed:
        record_event(team, "meetings.team.changed", actor=actor, centre=team.centre,
                     summary=f"Team {team}: {', '.join(changed)} changed")
    return team


def _check_meeting(team: Team, held_on: date | None, agenda: str, present: list[User],
                   apologies: list[User]) -> None:
    if held_on is None:
        raise DomainError("Give the date the meeting was held.")
    if held_on > timezone.localdate():
        raise DomainError("A meeting is recorded once it has been held: the date is in the "
                          "future.")
    if not agenda.strip():
        raise DomainError("Write the agenda: what the meeting was called to discuss.")
    if not present:
        raise DomainError("Tick who was present.")
    both = {p.pk for p in present} & {p.pk for p in apologies}
    if both:
        raise DomainError("Someone is marked both present and as sending apologies: choose one.")
    members = {m.pk for m in team.members.all()}
    if any(p.pk not in members for p in [*present, *apologies]):
        raise DomainError(f"Attendance lists only members of {team}: change the team's members "
                          f"first.")


@transaction.atomic
def record_meeting(*, actor: User, team: Team, held_on: date | None, agenda: str,
                   present: list[User], apologies: list[User] = (), minutes: str = "",
                   decisions: str = "") -> Meeting:
    """Record a meeting that has been held: date, agenda, who came and who sent apologies,
    the minutes and the decisions. The chair, members or the Quality Nominee record it."""
    _require_recorder(actor, team)
    present, apologies = list(present), list(apologies)
    _check_meeting(team, held_on, agenda, present, apologies)
    with acting_as(actor):
        meeting = Meeting.objects.create(team=team, held_on=held_on, agenda=agenda.strip(),
                                         minutes=minutes.strip(), decisions=decisions.strip(),
                                         recorded_by=actor)
        meeting.present.set(present)
        meeting.apologies.set(apologies)
    record_event(meeting, "meetings.meeting.recorded", actor=actor, centre=team.centre,
                 summary=f"{meeting} recorded: {len(present)} present")
    return meeting


@transaction.atomic
def correct_meeting(*, actor: User, meeting: Meeting, held_on: date | None, agenda: str,
                    present: list[User], apologies: list[User] = (), minutes: str = "",
                    decisions: str = "") -> Meeting:
    """Correct a meeting's record; the history keeps what it said before."""
    meeting = Meeting.objects.select_for_update(of=("self",)).get(pk=meeting.pk)
    team = meeting.team
    _require_recorder(actor, team)
    present, apologies = list(present), list(apologies)
    _check_meeting(team, held_on, agenda, present, apologies)
    changed = save_changes(meeting, {"held_on": held_on, "agenda": agenda.strip(),
                                     "minutes": minutes.strip(),
                                     "decisions": decisions.strip()}, actor)
    for name, people in (("present", present), ("apologies", apologies)):
        if {p.pk for p in people} != set(getattr(meeting, name).values_list("pk", flat=True)):
            with acting_as(actor):
                getattr(meeting, name).set(people)
            changed.append(name)
    if changed:
        record_event(meeting, "meetings.meeting.corrected", actor=actor, centre=team.centre,
                     summary=f"{meeting}: {', '.join(changed)} corrected")
    return meeting


def set_meeting_action(*, actor: User, meeting: Meeting, description: str,
                       owner: User | None, due_on: date | None) -> Action:
    """An action the meeting set, for whoever records the meeting (see `may_record`)."""
    _require_recorder(actor, meeting.team)
    return actions.add_action(actor=actor, centre=meeting.team.centre, description=description,
                              owner=owner, due_on=due_on, meeting=meeting)
