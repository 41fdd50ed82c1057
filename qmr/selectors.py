"""Read queries for the core's pages. Each fetches and checks in one call: 404 when the
person may not see the object at all, whether or not it exists."""

from datetime import date
from typing import Any

from django.db.models import Count, Prefetch, Q, QuerySet
from django.http import Http404
from django.utils import timezone

from qmr import permissions
from qmr.models import AcademicYear, Appointment, Centre, User
from qmr.roles import VIEW_CENTRE, VIEW_PEOPLE


def centres_for_user(user: Any) -> QuerySet[Centre]:
    return permissions.visible(user, VIEW_CENTRE, Centre.objects.all())


def get_centre_for_user(user: Any, centre_id: int) -> Centre:
    centre = centres_for_user(user).filter(pk=centre_id).first()
    if centre is None:
        raise Http404("No such centre.")
    return centre


def active_appointments(user: Any) -> list[Appointment]:
    """The person's own appointments in force, with their centre and scope."""
    rows = list(
        Appointment.objects.active()
        .filter(person=user)
        .select_related("centre", "scope_type")
        .order_by("centre__name", "role")
    )
    _attach_scopes(rows)
    return rows


def _attach_scopes(rows: list[Appointment]) -> None:
    """Fill each appointment's generic `scope` with one query per scope model, not per row."""
    by_type: dict[int, list[Appointment]] = {}
    for a in rows:
        by_type.setdefault(a.scope_type_id, []).append(a)
    for group in by_type.values():
        model = group[0].scope_type.model_class()
        objs = model._default_manager.in_bulk({a.scope_id for a in group})
        for a in group:
            a.scope = objs.get(a.scope_id)


def people_for_centre(
    user: Any, centre: Centre, *, role: str = "", search: str = "", current: bool = True
) -> QuerySet[User]:
    """People with an appointment at the centre, each with their appointments prefetched.

    Needs VIEW_PEOPLE on the centre (the caller has already checked the centre is visible).
    """
    permissions.require(user, VIEW_PEOPLE, centre)
    appts = Appointment.objects.filter(centre=centre)
    if current:
        appts = appts.active()
    if role:
        appts = appts.filter(role=role)
    people = User.objects.filter(pk__in=appts.values("person_id"))
    if search:
        people = people.filter(Q(full_name__icontains=search) | Q(email__icontains=search))
    return people.prefetch_related(
        Prefetch(
            "appointments",
            queryset=appts.select_related("scope_type").order_by("role"),
            to_attr="centre_appointments",
        )
    ).order_by("full_name")


def get_person_for_user(user: Any, centre: Centre, person_id: int) -> User:
    """A person seen from one centre: 404 unless they hold (or held) an appointment there."""
    if not permissions.can(user, VIEW_PEOPLE, centre) and user.pk != person_id:
        raise Http404("No such person.")
    person = User.objects.filter(pk=person_id, appointments__centre=centre).distinct().first()
    if person is None:
        raise Http404("No such person.")
    return person


def appointments_of(person: User, centre: Centre) -> list[Appointment]:
    rows = list(
        Appointment.objects.filter(person=person, centre=centre)
        .select_related("scope_type", "appointed_by")
        .order_by("-starts_on")
    )
    _attach_scopes(rows)
    return rows


def get_appointment_for_user(user: Any, pk: int) -> Appointment:
    appointment = permissions.visible(
        user, VIEW_PEOPLE, Appointment.objects.select_related("person", "centre")
    ).filter(pk=pk).first()
    if appointment is None:
        raise Http404("No such appointment.")
    return appointment


def centre_settings(centre: Centre) -> Centre:
    """The centre with its years (and their terms), sites and subject areas prefetched."""
    return (
        Centre.objects.filter(pk=centre.pk)
        .prefetch_related("academic_years__terms", "sites", "subject_areas")
        .annotate(people_count=Count("appointments__person", distinct=True))
        .get()
    )


def get_year(centre: Centre, year_id: int) -> Any:
    year = centre.academic_years.filter(pk=year_id).first()
    if year is None:
        raise Http404("No such academic year.")
    return year


def current_year(centre: Centre | int, day: date | None = None) -> AcademicYear | None:
    """The centre's academic year containing `day` (today by default), if it has one."""
    day = day or timezone.localdate()
    centre_id = centre if isinstance(centre, int) else centre.pk
    return AcademicYear.objects.filter(centre_id=centre_id, starts_on__lte=day,
                                       ends_on__gte=day).first()
