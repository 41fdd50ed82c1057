"""The home page section "Your deadlines" for every staff role: what is overdue or due in
the next fortnight, from the deadline rows (one query)."""

from datetime import timedelta
from typing import Any

from django.utils import timezone

from qmr import home
from qmr.deadlines import selectors
from qmr.meetings.actions import STAFF_ROLES

HORIZON_DAYS = 14
SHOWN = 10


def your_deadlines(user: Any, appointments: list) -> list[home.WorkItem]:
    horizon = timezone.localdate() + timedelta(days=HORIZON_DAYS)
    return [home.WorkItem(d.title, d.url, d.due_on) for d in
            selectors.open_for(user).filter(due_on__lte=horizon).order_by("due_on", "pk")[:SHOWN]]


for _role in STAFF_ROLES:
    home.register(_role, "Your deadlines")(your_deadlines)
