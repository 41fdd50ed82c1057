"""Workflow steps of the centre-wide core. Each checks permission and rule, changes records in
one transaction, keeps history with the actor, and records a named event.

`actor=None` means the system itself (management commands such as the demo loader).
"""

import uuid
from datetime import date, datetime, time, timedelta
from typing import Any

from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import Model
from django.utils import timezone
from guardian.models import GroupObjectPermission

from qmr import permissions
from qmr.audit import acting_as, record_event, save_changes
from qmr.errors import DomainError, TransitionNotAllowed
from qmr.models import AcademicYear, Appointment, Centre, Site, Term, User
from qmr.roles import (
    CENTRE_BASELINE,
    EXTERNAL_ROLES,
    MANAGE_CENTRE,
    MANAGE_PEOPLE,
    ROLE_PERMISSIONS,
    ROLE_SCOPES,
    Role,
    ScopeKind,
)


def _check(actor: User | None, perm: str, obj: Model) -> None:
    if actor is not None:
        permissions.require(actor, perm, obj)


def end_of_day(day: date) -> datetime:
    """The moment a 'last day' ends: midnight after it, centre time."""
    return timezone.make_aware(datetime.combine(day + timedelta(days=1), time.min))


def _centre_of(scope: Model) -> Centre:
    return scope if isinstance(scope, Centre) else scope.centre  # type: ignore[attr-defined]


def _grant(appointment: Appointment, scope: Model) -> None:
    """Write the role's guardian grants on the scope, and the baseline on the centre."""
    wanted = [(scope, code) for code in ROLE_PERMISSIONS[appointment.role]]
    wanted += [(appointment.centre, code) for code in CENTRE_BASELINE.get(appointment.role, ())]
    cts = {type(obj): ContentType.objects.get_for_model(obj) for obj, _ in wanted}
    perms = {
        (p.content_type_id, p.codename): p
        for p in Permission.objects.filter(content_type__in=cts.values(),
                                           codename__in={code for _, code in wanted})
    }
    rows = [
        GroupObjectPermission(
            group=appointment.group, permission=perms[(cts[type(obj)].pk, code)],
            content_type=cts[type(obj)], object_pk=str(obj.pk),
        )
        for obj, code in wanted
    ]
    GroupObjectPermission.objects.bulk_create(rows, ignore_conflicts=True)


@transaction.atomic
def appoint(
    *,
    actor: User | None,
    centre: Centre,
    email: str,
    full_name: str,
    role: str,
    scope: Model | None = None,
    starts_on: date | None = None,
    last_day: date | None = None,
    job_title: str = "",
) -> Appointment:
    """Appoint a person (found or created by e-mail) to a role on a scope of `centre`.

    Needs MANAGE_PEOPLE on the centre. External roles must have a last day.
    """
    _check(actor, MANAGE_PEOPLE, centre)
    scope = scope or centre
    role = Role(role)
    kind = permissions.scope_kind(scope)
    if kind not in ROLE_SCOPES[role]:
        allowed = " or ".join(ScopeKind(k).label.lower() for k in ROLE_SCOPES[role])
        raise DomainError(
            f"The role {role.label} is held for a {allowed}, not for a "
            f"{ScopeKind(kind).label.lower()}. Choose a {allowed} under \"Held for\"."
        )
    if _centre_of(scope).pk != centre.pk:
        raise DomainError("That programme or subject area belongs to another centre.")
    starts_on = starts_on or timezone.localdate()
    if role in EXTERNAL_ROLES and last_day is None:
        raise DomainError(f"A {role.label}'s access must end on a date: give the last day.")
    if last_day is not None and last_day < starts_on:
        raise DomainError("The last day cannot be before the first day.")
    email = User.objects.normalize_email(email).strip().lower()
    with acting_as(actor):
        person = User.objects.filter(email=email).first()
        if person is None:
            person = User.objects.create_user(email, None, full_name=full_name,
                                              job_title=job_title)
        appointment = Appointment.objects.create(
            person=person,
            role=role,
            centre=centre,
            scope_type=ContentType.objects.get_for_model(scope),
            scope_id=scope.pk,
            starts_on=starts_on,
            ends_at=end_of_day(last_day) if last_day else None,
            group=Group.objects.create(name=f"appointment-{uuid.uuid4()}"),
            appointed_by=actor,
        )
        _grant(appointment, scope)
    record_event(
        appointment, "qmr.appointment.made", actor=actor, centre=centre,
        summary=f"{person} appointed {role.label} for {scope}",
    )
    return appointment


@transaction.atomic
def end_appointment(*, actor: User | None, appointment: Appointment, reason: str = "") -> None:
    """End an appointment now: from this moment it grants nothing. Needs MANAGE_PEOPLE."""
    appointment = Appointment.objects.select_for_update(of=("self",)).get(pk=appointment.pk)
    _check(actor, MANAGE_PEOPLE, appointment.centre)
    now = timezone.now()
    if appointment.ends_at is not None and appointment.ends_at <= now:
        raise TransitionNotAllowed("This appointment has already ended.")
    appointment.ends_at = now
    with acting_as(actor):
        appointment.save(update_fields=["ends_at"])
    record_event(
        appointment, "qmr.appointment.ended", actor=actor, centre=appointment.centre,
        summary=f"{appointment} ended", data={"reason": reason},
    )


@transaction.atomic
def change_last_day(*, actor: User | None, appointment: Appointment, last_day: date) -> None:
    """Set or move the last day of an appointment (an external reviewer's access, say)."""
    appointment = Appointment.objects.select_for_update(of=("self",)).get(pk=appointment.pk)
    _check(actor, MANAGE_PEOPLE, appointment.centre)
    if last_day < appointment.starts_on:
        raise DomainError("The last day cannot be before the first day.")
    appointment.ends_at = end_of_day(last_day)
    with acting_as(actor):
        appointment.save(update_fields=["ends_at"])
    record_event(
        appointment, "qmr.appointment.last_day_changed", actor=actor, centre=appointment.centre,
        summary=f"{appointment} now ends after {last_day:%d %B %Y}",
    )


@transaction.atomic
def update_person(*, actor: User, centre: Centre, person: User, **fields: Any) -> User:
    """Change a person's name, job title or e-mail. Needs MANAGE_PEOPLE at a centre they work at."""
    _check(actor, MANAGE_PEOPLE, centre)
    if not person.appointments.filter(centre=centre).exists():
        raise DomainError("That person holds no appointment at this centre.")
    allowed = {"full_name", "job_title", "email"}
    changed = save_changes(person, {k: v for k, v in fields.items() if k in allowed}, actor)
    if changed:
        record_event(person, "qmr.person.updated", actor=actor, centre=centre,
                     summary=f"{person}: {', '.join(changed)} changed")
    return person


@transaction.atomic
def update_centre(*, actor: User | None, centre: Centre, **fields: Any) -> Centre:
    """Change the centre's name, nation or approvals. Needs MANAGE_CENTRE."""
    _check(actor, MANAGE_CENTRE, centre)
    changed = save_changes(centre, fields, actor)
    if changed:
        record_event(centre, "qmr.centre.updated", actor=actor, centre=centre,
                     summary=f"Centre details changed: {', '.join(changed)}")
    return centre


@transaction.atomic
def add_site(*, actor: User | None, centre: Centre, name: str, address: str = "") -> Site:
    _check(actor, MANAGE_CENTRE, centre)
    if centre.sites.filter(name__iexact=name).exists():
        raise DomainError(f"The centre already has a site called {name}.")
    with acting_as(actor):
        site = Site.objects.create(centre=centre, name=name, address=address)
    record_event(site, "qmr.site.added", actor=actor, centre=centre, summary=f"Site {name} added")
    return site


@transaction.atomic
def add_academic_year(
    *, actor: User | None, centre: Centre, name: str, starts_on: date, ends_on: date
) -> AcademicYear:
    """Add an academic year. Years of one centre may not overlap."""
    _check(actor, MANAGE_CENTRE, centre)
    if ends_on <= starts_on:
        raise DomainError("An academic year must end after it starts.")
    if centre.academic_years.filter(name=name).exists():
        raise DomainError(f"There is already an academic year called {name}.")
    clash = centre.academic_years.filter(starts_on__lte=ends_on, ends_on__gte=starts_on).first()
    if clash:
        raise DomainError(f"Those dates overlap the academic year {clash}.")
    with acting_as(actor):
        year = AcademicYear.objects.create(
            centre=centre, name=name, starts_on=starts_on, ends_on=ends_on
        )
    record_event(year, "qmr.academic_year.added", actor=actor, centre=centre,
                 summary=f"Academic year {name} added")
    return year


@transaction.atomic
def add_term(
    *, actor: User | None, year: AcademicYear, name: str, starts_on: date, ends_on: date
) -> Term:
    """Add a term (or half-term) inside its academic year, overlapping no other term."""
    _check(actor, MANAGE_CENTRE, year.centre)
    if ends_on < starts_on:
        raise DomainError("A term must end on or after the day it starts.")
    if not (year.contains(starts_on) and year.contains(ends_on)):
        raise DomainError(
            f"The term must fall inside the academic year {year} "
            f"({year.starts_on:%d %b %Y} to {year.ends_on:%d %b %Y})."
        )
    clash = year.terms.filter(starts_on__lte=ends_on, ends_on__gte=starts_on).first()
    if clash:
        raise DomainError(f"Those dates overlap {clash.name}.")
    with acting_as(actor):
        term = Term.objects.create(academic_year=year, name=name, starts_on=starts_on,
                                   ends_on=ends_on)
    record_event(term, "qmr.term.added", actor=actor, centre=year.centre,
                 summary=f"Term {name} of {year} added")
    return term
