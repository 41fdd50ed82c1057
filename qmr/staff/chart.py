"""The organisation chart (QO.2.4), drawn from the appointments in force on a chosen day.

qmr never imports the app that owns programmes: a programme is reached through an
appointment's generic scope (any scope that is neither the centre nor a subject area) and
its `subject_area_id`. So the chart knows only programmes someone at the centre has been
appointed on; one whose leader left still shows, with the leader vacant, but a programme
nobody was ever appointed on cannot be seen here."""

from dataclasses import dataclass, field
from datetime import date, datetime, time
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db.models import Q
from django.utils import timezone

from qmr.models import Appointment, Centre, SubjectArea
from qmr.roles import Role
from qmr.selectors import _attach_scopes

SENIOR = [Role.HEAD_OF_CENTRE, Role.SENIOR_MANAGER, Role.QUALITY_NOMINEE, Role.EXAMS_OFFICER]
# The senior roles the framework expects every centre to fill (QO.2.1, QO.2.4; seed 002).
EXPECTED_SENIOR = [Role.HEAD_OF_CENTRE, Role.QUALITY_NOMINEE, Role.EXAMS_OFFICER]
TEAM_ROLES = [Role.LEAD_IV, Role.PROGRAMME_LEADER, Role.INTERNAL_VERIFIER, Role.ASSESSOR]


@dataclass
class Post:
    """A box on the chart: a role and who holds it on the day (none: vacant)."""

    role: str
    people: list[Any] = field(default_factory=list)
    expected: bool = False

    @property
    def label(self) -> str:
        return Role(self.role).label

    @property
    def vacant(self) -> bool:
        return self.expected and not self.people


@dataclass
class ProgrammeBox:
    programme: Any
    posts: list[Post]

    @property
    def vacancies(self) -> list[Post]:
        return [p for p in self.posts if p.vacant]


@dataclass
class AreaBox:
    area: Any
    posts: list[Post]
    programmes: list[ProgrammeBox]

    @property
    def vacancies(self) -> list[Post]:
        return [p for p in self.posts if p.vacant]


@dataclass
class Chart:
    centre: Centre
    day: date
    senior: list[Post]
    areas: list[AreaBox]
    unplaced: list[ProgrammeBox]  # programmes whose subject area is not the centre's

    @property
    def vacancies(self) -> list[str]:
        """Every vacant role the framework expects, in words."""
        out = [f"No {p.label}" for p in self.senior if p.vacant]
        for box in self.areas:
            out += [f"{box.area}: no {p.label}" for p in box.vacancies]
            out += [f"{pb.programme}: no {p.label}" for pb in box.programmes
                    for p in pb.vacancies]
        out += [f"{pb.programme}: no {p.label}" for pb in self.unplaced for p in pb.vacancies]
        return out


def in_force_on(day: date) -> Q:
    """Appointments in force at some moment of `day`: started by then, not ended before it
    began. Today means now: an appointment ended an hour ago is no longer on today's chart."""
    if day == timezone.localdate():
        now = timezone.now()
        return Q(starts_on__lte=day) & (Q(ends_at__isnull=True) | Q(ends_at__gt=now))
    start = timezone.make_aware(datetime.combine(day, time.min))
    return Q(starts_on__lte=day) & (Q(ends_at__isnull=True) | Q(ends_at__gt=start))


def _posts(rows: list[Appointment], roles: list, expected: list) -> list[Post]:
    posts = [Post(r, expected=r in expected) for r in roles]
    by_role = {p.role: p for p in posts}
    for a in sorted(rows, key=lambda a: a.person.full_name):
        post = by_role.get(a.role)
        if post is not None and a.person not in post.people:
            post.people.append(a.person)
    return [p for p in posts if p.people or p.expected]


def org_chart(centre: Centre, day: date) -> Chart:
    """The chart for `day`. Four queries: subject areas, appointments in force with their
    people, every programme scope ever held at the centre, and those programmes."""
    areas = list(SubjectArea.objects.filter(centre=centre).order_by("code"))
    rows = list(Appointment.objects.filter(centre=centre).filter(in_force_on(day))
                .select_related("person", "scope_type").order_by("role", "starts_on"))
    area_ct = ContentType.objects.get_for_model(SubjectArea).pk
    centre_ct = ContentType.objects.get_for_model(Centre).pk
    # Programmes anyone at the centre has been appointed on, at any time, so a programme
    # whose leader has gone still shows with the leader vacant.
    ever = list(Appointment.objects.filter(centre=centre, role__in=TEAM_ROLES)
                .exclude(scope_type_id__in=[centre_ct, area_ct])
                .select_related("scope_type").order_by("scope_type_id", "scope_id"))
    by_scope: dict[tuple[int, int], list[Appointment]] = {}
    for a in rows:
        by_scope.setdefault((a.scope_type_id, a.scope_id), []).append(a)
    _attach_scopes(ever)
    programmes = {(a.scope_type_id, a.scope_id): a.scope for a in ever if a.scope is not None}
    area_boxes = {}
    for area in areas:
        held = by_scope.get((area_ct, area.pk), [])
        area_boxes[area.pk] = AreaBox(area, _posts(held, TEAM_ROLES, [Role.LEAD_IV]), [])
    unplaced = []
    for key, programme in sorted(programmes.items(), key=lambda kv: str(kv[1])):
        box = ProgrammeBox(programme, _posts(by_scope.get(key, []), TEAM_ROLES,
                                             [Role.PROGRAMME_LEADER]))
        area = area_boxes.get(getattr(programme, "subject_area_id", None))
        (area.programmes if area else unplaced).append(box)
    senior = _posts([a for a in rows if a.role in SENIOR], SENIOR, EXPECTED_SENIOR)
    return Chart(centre, day, senior, list(area_boxes.values()), unplaced)
