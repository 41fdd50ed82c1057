"""Retention's deadline (see `qmr.deadlines.registry`): when anything at the centre is past
its time, the Quality Nominee confirms its disposal by the end of the month."""

import calendar
from collections.abc import Iterator
from datetime import date

from django.urls import reverse

from qmr.deadlines import registry
from qmr.deadlines.registry import Due
from qmr.retention import selectors


@registry.register("retention.disposal")
def disposal_due(centre, today: date) -> Iterator[Due]:
    """One deadline per centre while anything is listed; none once all is disposed of. One
    query per kind of record."""
    groups = selectors.due_for_centre(centre, today)
    if not groups:
        return
    count = sum(len(g.items) for g in groups)
    yield Due(key=f"retention.disposal:{centre.pk}",
              title=f"Confirm the disposal of {count} record{'s' if count != 1 else ''} past "
                    f"their time",
              due_on=today.replace(day=calendar.monthrange(today.year, today.month)[1]),
              owner_id=None, url=reverse("retention:disposal-list", args=[centre.pk]),
              rule="Records past the time the awarding body's rules keep them are disposed of "
                   "by the end of the month they become due.")
