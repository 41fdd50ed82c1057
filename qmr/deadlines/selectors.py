"""Reading deadlines for the pages: a person's own, a centre's year month by month, and the
reminders a person was sent. Each is one query whatever the numbers."""

from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from django.db.models import QuerySet

from qmr.deadlines import kinds
from qmr.deadlines.models import Deadline, Reminder

SOON_DAYS = 30
LATER_SHOWN = 50


@dataclass
class Personal:
    overdue: list[Deadline] = field(default_factory=list)
    soon: list[Deadline] = field(default_factory=list)
    later: list[Deadline] = field(default_factory=list)
    later_count: int = 0


def label(deadline: Deadline) -> str:
    return kinds.REQUIRED.get(deadline.kind, deadline.kind)


def open_for(user: Any) -> QuerySet:
    return Deadline.objects.filter(owner=user, closed_at=None).select_related("centre")


def personal(user: Any, today: date) -> Personal:
    """The person's open deadlines: overdue, due in the next 30 days, and the next few after."""
    found = Personal()
    for deadline in open_for(user).order_by("due_on", "title"):
        deadline.label = label(deadline)
        if deadline.due_on < today:
            found.overdue.append(deadline)
        elif deadline.due_on <= today + timedelta(days=SOON_DAYS):
            found.soon.append(deadline)
        else:
            found.later_count += 1
            if len(found.later) < LATER_SHOWN:
                found.later.append(deadline)
    return found


@dataclass
class Month:
    first_day: date
    deadlines: list[Deadline]


def year_plan(centre: Any, starts_on: date, ends_on: date) -> list[Month]:
    """Every deadline of the centre in the year, month by month (empty months included), met
    ones too, each with its owner."""
    months: dict[tuple[int, int], Month] = {}
    day = starts_on.replace(day=1)
    while day <= ends_on:
        months[(day.year, day.month)] = Month(day, [])
        day = (day + timedelta(days=32)).replace(day=1)
    for deadline in (Deadline.objects.filter(centre=centre, due_on__range=(starts_on, ends_on))
                     .select_related("owner").order_by("due_on", "title")):
        deadline.label = label(deadline)
        months[(deadline.due_on.year, deadline.due_on.month)].deadlines.append(deadline)
    return list(months.values())


def sent_to(user: Any, limit: int = 200) -> list[Reminder]:
    return list(Reminder.objects.filter(recipient=user).select_related("deadline__centre")
                .order_by("-created_at", "pk")[:limit])
