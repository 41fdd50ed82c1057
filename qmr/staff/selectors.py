"""Read queries for staff records, each in a fixed number of queries.

A staff record is read by the person themself and by their managers (VIEW_STAFF_RECORDS on
the centre: the Head, SLT and the Quality Nominee); never by colleagues or learners."""

from decimal import Decimal
from typing import Any

from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet, Sum, Value
from django.db.models.functions import Coalesce
from django.http import Http404

from qmr import permissions
from qmr import selectors as core_selectors
from qmr.meetings.actions import STAFF_ROLES
from qmr.models import AcademicYear, Appointment, Centre, User
from qmr.roles import MANAGE_PEOPLE, VIEW_STAFF_RECORDS
from qmr.staff.models import (
    Induction,
    JobDescription,
    Qualification,
    QualificationKind,
    Training,
)

SORTS = {"name": ("full_name",), "hours": ("cpd_hours", "full_name"),
         "-hours": ("-cpd_hours", "full_name")}


def get_centre_for_staff_list(user: Any, centre_id: int) -> Centre:
    """404 if the person cannot see the centre; 403 if they can but read no staff records."""
    centre = core_selectors.get_centre_for_user(user, centre_id)
    permissions.require(user, VIEW_STAFF_RECORDS, centre)
    return centre


def _in_post(centre: Centre) -> QuerySet[Appointment]:
    return Appointment.objects.active().filter(centre=centre, role__in=STAFF_ROLES)


def staff_list(centre: Centre, year: AcademicYear | None, *, search: str = "",
               induction: str = "", sort: str = "name") -> QuerySet[User]:
    """The centre's staff in post now, each with their CPD and standardisation hours this
    year, whether their induction is recorded, how many qualifications they hold and whether
    any is an assessor or verifier award. Two queries (people, their appointments)."""
    people = User.objects.filter(pk__in=_in_post(centre).values("person_id"))
    if search:
        people = people.filter(Q(full_name__icontains=search) | Q(email__icontains=search))
    hours = Training.objects.filter(centre=centre, person=OuterRef("pk"),
                                    academic_year=year).values("person").annotate(
        total=Sum("hours")).values("total")
    quals = Qualification.objects.filter(centre=centre, person=OuterRef("pk"))
    people = people.annotate(
        cpd_hours=Coalesce(hours[:1], Value(Decimal("0"))),
        inducted=Exists(Induction.objects.filter(centre=centre, person=OuterRef("pk"))),
        qualification_count=Count("staff_qualifications",
                                  filter=Q(staff_qualifications__centre=centre), distinct=True),
        assessor_award=Exists(quals.filter(kind=QualificationKind.ASSESSOR)),
        verifier_award=Exists(quals.filter(kind=QualificationKind.VERIFIER)),
    )
    if induction == "done":
        people = people.filter(inducted=True)
    elif induction == "missing":
        people = people.filter(inducted=False)
    return people.prefetch_related(Prefetch(
        "appointments", queryset=_in_post(centre).order_by("role"), to_attr="roles_here",
    )).order_by(*SORTS.get(sort, SORTS["name"]))


def get_staff_person_for_user(user: Any, centre_id: int, person_id: int) -> tuple[Centre, User]:
    """The centre and a person on its staff, for the person themself or their managers;
    404 for anyone else, colleagues included, whether or not the record exists."""
    if not getattr(user, "is_authenticated", False):
        raise Http404("No such staff record.")
    centre = Centre.objects.filter(pk=centre_id).first()
    if centre is None or not (user.pk == person_id
                              or permissions.can(user, VIEW_STAFF_RECORDS, centre)):
        raise Http404("No such staff record.")
    person = User.objects.filter(
        pk=person_id, appointments__centre=centre,
        appointments__role__in=STAFF_ROLES).distinct().first()
    if person is None:
        raise Http404("No such staff record.")
    return centre, person


def may_manage(user: Any, centre: Centre) -> bool:
    return permissions.can(user, MANAGE_PEOPLE, centre)


def staff_record(centre: Centre, person: User) -> dict:
    """Everything on a person's staff record at the centre, training grouped by year."""
    training = list(Training.objects.filter(centre=centre, person=person)
                    .select_related("academic_year", "recorded_by")
                    .order_by("-academic_year__starts_on", "-held_on", "pk"))
    years: dict[Any, dict] = {}
    for t in training:
        entry = years.setdefault(t.academic_year, {"year": t.academic_year, "rows": [],
                                                   "hours": Decimal("0")})
        entry["rows"].append(t)
        entry["hours"] += t.hours
    return {
        "job": JobDescription.objects.filter(centre=centre, person=person)
        .select_related("updated_by").first(),
        "qualifications": list(Qualification.objects.filter(centre=centre, person=person)),
        "induction": Induction.objects.filter(centre=centre, person=person)
        .select_related("completed_by").first(),
        "years": list(years.values()),
        "appointments": core_selectors.appointments_of(person, centre),
    }


def get_file_for_user(user: Any, kind: str, pk: int) -> Any:
    """A staff record's file (job description, qualification or training evidence), for
    whoever may read that record; 404 otherwise."""
    model = {"job": JobDescription, "qualification": Qualification, "training": Training}.get(
        kind)
    row = model.objects.filter(pk=pk).first() if model else None
    if row is None:
        raise Http404("No such file.")
    get_staff_person_for_user(user, row.centre_id, row.person_id)
    file = row.file if kind == "job" else row.evidence
    if not file:
        raise Http404("No such file.")
    return file
