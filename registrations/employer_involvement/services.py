"""Workflow steps of employer involvement. The Programme Leader (or the Quality Nominee)
plans the programme's activities with employers and records who took part; an internal
verifier of the programme, never the person who organised it, verifies a sample of them."""

from collections.abc import Iterable
from datetime import date
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from qmr import permissions
from qmr.audit import acting_as, record_event, save_changes
from qmr.errors import DomainError
from qmr.models import AcademicYear, User
from qmr.roles import PREPARE_REVIEW, SIGN_CLASS_LIST, VERIFY
from registrations.employer_involvement.models import EmployerActivity, Participation
from registrations.models import Learner, Programme, Unit


def may_organise(user: Any, programme: Programme) -> bool:
    """The Programme Leader and the Quality Nominee."""
    return any(permissions.can(user, perm, programme)
               for perm in (SIGN_CLASS_LIST, PREPARE_REVIEW))


def may_verify(user: Any, activity: EmployerActivity) -> bool:
    """An internal verifier (or Lead IV) of the activity's programme."""
    return permissions.can(user, VERIFY, activity.programme)


def _require_organise(actor: User, programme: Programme) -> None:
    if not may_organise(actor, programme):
        raise PermissionDenied(
            "Only the Programme Leader or the Quality Nominee can plan this programme's "
            "employer activities and record who took part.")


@transaction.atomic
def plan_activity(*, actor: User, programme: Programme, year: AcademicYear, title: str,
                  employer: str, held_on: date, description: str = "",
                  units: Iterable[Unit] = ()) -> EmployerActivity:
    """Add an activity with an employer to the programme's plan for the year."""
    _require_organise(actor, programme)
    if year.centre_id != programme.centre_id:
        raise DomainError("That academic year belongs to another centre.")
    if not year.starts_on <= held_on <= year.ends_on:
        raise DomainError(f"The date {held_on:%d %B %Y} is outside the {year} academic year "
                          f"({year.starts_on:%d %B %Y} to {year.ends_on:%d %B %Y}).")
    units = list(units)
    stray = [str(u) for u in units if u.programme_id != programme.pk]
    if stray:
        raise DomainError(f"{', '.join(stray)} {'is' if len(stray) == 1 else 'are'} not "
                          f"part of {programme}: choose its own units.")
    if not title.strip() or not employer.strip():
        raise DomainError("Say what the activity is and which employer it is with.")
    with acting_as(actor):
        activity = EmployerActivity.objects.create(
            programme=programme, academic_year=year, title=title.strip(),
            employer=employer.strip(), held_on=held_on, description=description,
            organised_by=actor)
        activity.units.set(units)
    record_event(activity, "registrations.employer_activity.planned", actor=actor,
                 centre=programme.centre, summary=f"{activity} planned for {programme}")
    return activity


@transaction.atomic
def record_participation(*, actor: User, activity: EmployerActivity,
                         learners: Iterable[Learner], took_part: bool = True,
                         notes: str = "") -> list[Participation]:
    """Record whether each of `learners` took part (again for a learner: the record is
    changed, with history). Every learner must be on the activity's programme."""
    activity = EmployerActivity.objects.select_for_update(of=("self",)).select_related(
        "programme__centre").get(pk=activity.pk)
    _require_organise(actor, activity.programme)
    learners = list(learners)
    if not learners:
        raise DomainError("Choose the learners whose participation you are recording.")
    strangers = [str(lr) for lr in learners if lr.programme_id != activity.programme_id]
    if strangers:
        raise DomainError(f"{', '.join(strangers)} {'is' if len(strangers) == 1 else 'are'} "
                          f"not on {activity.programme}: only its own learners take part in "
                          "its activities.")
    existing = {p.learner_id: p for p in Participation.objects.select_for_update().filter(
        activity=activity, learner__in=learners)}
    out = []
    for learner in learners:
        found = existing.get(learner.pk)
        if found is None:
            with acting_as(actor):
                found = Participation.objects.create(activity=activity, learner=learner,
                                                     took_part=took_part, notes=notes,
                                                     recorded_by=actor)
        else:
            save_changes(found, {"took_part": took_part, "notes": notes,
                                 "recorded_by": actor}, actor)
        out.append(found)
    record_event(activity, "registrations.employer_activity.participation_recorded",
                 actor=actor, centre=activity.programme.centre,
                 summary=f"{activity}: {len(out)} learner{'s' if len(out) != 1 else ''} "
                         f"{'took part' if took_part else 'did not take part'}")
    return out


@transaction.atomic
def verify_activity(*, actor: User, activity: EmployerActivity, outcome: str,
                    notes: str = "") -> EmployerActivity:
    """An internal verifier judges whether the activity was meaningful. Not the person who
    organised it; once, after participation is recorded."""
    activity = EmployerActivity.objects.select_for_update(of=("self",)).select_related(
        "programme__centre", "verified_by").get(pk=activity.pk)
    if not may_verify(actor, activity):
        raise PermissionDenied("Only an internal verifier of this programme can verify its "
                               "employer activities.")
    if activity.organised_by_id == actor.pk:
        raise DomainError("You organised this activity, so you cannot verify it: ask another "
                          "internal verifier of the programme.")
    if activity.verified:
        raise DomainError(f"This activity was verified on {activity.verified_on:%d %B %Y} by "
                          f"{activity.verified_by}.")
    if outcome not in EmployerActivity.Outcome.values:
        raise DomainError("Say whether the activity was meaningful.")
    if not activity.participations.exists():
        raise DomainError("Record which learners took part before verifying the activity.")
    activity.verified_by = actor
    activity.verified_on = timezone.localdate()
    activity.outcome = outcome
    activity.verification_notes = notes
    with acting_as(actor):
        activity.save(update_fields=["verified_by", "verified_on", "outcome",
                                     "verification_notes"])
    record_event(activity, "registrations.employer_activity.verified", actor=actor,
                 centre=activity.programme.centre,
                 summary=f"{activity} verified: {activity.get_outcome_display()}")
    return activity
