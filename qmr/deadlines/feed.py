"""A person's open deadlines as an iCalendar feed (RFC 5545, written by the icalendar
library): one all-day event per deadline, its UID the deadline's key so calendar apps update
an event in place when its date moves."""

from typing import Any

from django.conf import settings
from django.utils import timezone
from icalendar import Calendar, Event

from qmr.deadlines import selectors


def calendar_for(user: Any) -> bytes:
    calendar = Calendar()
    calendar.add("prodid", "-//BTEC quality management//Deadlines//EN")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", "My BTEC deadlines")
    stamp = timezone.now()
    for deadline in selectors.open_for(user).order_by("due_on", "pk"):
        event = Event()
        event.add("uid", f"{deadline.key}@{settings.SITE_URL.split('//')[-1]}")
        event.add("dtstamp", stamp)
        event.add("dtstart", deadline.due_on)
        event.add("summary", deadline.title)
        description = " ".join(part for part in (deadline.rule, deadline.centre.name) if part)
        event.add("description", description)
        if deadline.url:
            event.add("url", f"{settings.SITE_URL}{deadline.url}")
        calendar.add_component(event)
    return calendar.to_ical()
