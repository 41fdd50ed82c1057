"""The home page's "what needs me now": sections per role, registered by each app.

A section is a function `(user, appointments) -> list[WorkItem]`, called with the person's
appointments in force that hold the role. It must run a constant number of queries.
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any

from django.urls import reverse
from django.utils import timezone

from qmr.roles import Role


@dataclass(frozen=True)
class WorkItem:
    text: str
    url: str = ""
    due: date | None = None

    @property
    def overdue(self) -> bool:
        return self.due is not None and self.due < timezone.localdate()


@dataclass(frozen=True)
class Section:
    role: str
    title: str
    items: Callable[[Any, list], list[WorkItem]]


_sections: list[Section] = []


def register(role: str, title: str, *, lead: bool = False) -> Callable:
    """Add a section for `role`; `lead` puts it before the others (the page's first thing)."""
    def decorator(fn: Callable[[Any, list], list[WorkItem]]) -> Callable:
        section = Section(role, title, fn)
        _sections.insert(0, section) if lead else _sections.append(section)
        return fn

    return decorator


def sections_for(role: str) -> list[Section]:
    return [s for s in _sections if s.role == role]


def register_core_sections() -> None:
    from qmr.models import Appointment

    def _ending_soon(user: Any, appointments: list) -> list[WorkItem]:
        centres = {a.centre_id for a in appointments}
        # Ends on or before the last day 30 days from now (ends_at is midnight after it).
        horizon = timezone.make_aware(
            datetime.combine(timezone.localdate() + timedelta(days=31), time.min)
        )
        rows = (
            Appointment.objects.active()
            .filter(centre_id__in=centres, ends_at__lte=horizon)
            .select_related("person", "centre")
            .order_by("ends_at")[:50]
        )
        return [
            WorkItem(
                f"{a.person}'s appointment as {a.get_role_display()} ends",
                reverse("qmr:person-detail", args=[a.centre_id, a.person_id]),
                a.last_day,
            )
            for a in rows
        ]

    for role in (Role.HEAD_OF_CENTRE, Role.QUALITY_NOMINEE):
        register(role, "Appointments and external access ending in the next 30 days")(
            _ending_soon
        )
