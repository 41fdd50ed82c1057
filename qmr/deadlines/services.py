"""Keeping the Deadline rows true to the records: each source says what is still to be met;
new ones are added, changed ones updated, and those no source yields any more are closed
(met). Refreshing a centre costs a fixed number of queries per source."""

from datetime import date
from typing import Any

from django.db import transaction
from django.utils import timezone

from qmr.deadlines import owners, registry
from qmr.deadlines.models import CalendarFeed, Deadline, Delivery, Reminder, ReminderSettings
from qmr.errors import DomainError
from qmr.models import Centre
from qmr.roles import Role

FIELDS = ("kind", "title", "due_on", "owner_id", "url", "rule")


def collect(centre: Centre, today: date) -> dict[str, tuple[str, registry.Due]]:
    """key -> (kind, Due) for everything the sources yield for the centre."""
    found: dict[str, tuple[str, registry.Due]] = {}
    for source in registry.sources():
        for due in source.collect(centre, today):
            found[due.key] = (source.kind, due)
    return found


def _row(centre: Centre, kind: str, due: registry.Due, nominee: int | None) -> Deadline:
    return Deadline(centre=centre, kind=kind, key=due.key, title=due.title[:300],
                    due_on=due.due_on, owner_id=due.owner_id or nominee, url=due.url[:300],
                    rule=due.rule[:300])


@transaction.atomic
def refresh(centre: Centre, today: date | None = None) -> dict[str, int]:
    """Bring the centre's open deadlines in line with its records; says how many were
    added, changed and closed."""
    today = today or timezone.localdate()
    nominee = owners.first_holders(centre.pk, (Role.QUALITY_NOMINEE,), today).get(
        Role.QUALITY_NOMINEE)
    wanted = {key: _row(centre, kind, due, nominee)
              for key, (kind, due) in collect(centre, today).items()}
    current = {row.key: row for row in Deadline.objects.filter(centre=centre)}
    stale = [row for key, row in wanted.items() if key not in current
             or current[key].closed_at is not None
             or any(getattr(current[key], f) != getattr(row, f) for f in FIELDS)]
    Deadline.objects.bulk_create(stale, batch_size=500, update_conflicts=True,
                                 unique_fields=["centre", "key"],
                                 update_fields=[*FIELDS, "closed_at"])
    met = [row.pk for key, row in current.items() if row.closed_at is None and key not in wanted]
    now = timezone.now()
    for start in range(0, len(met), 500):
        Deadline.objects.filter(pk__in=met[start:start + 500]).update(closed_at=now)
    added = sum(1 for row in stale if row.key not in current)
    return {"added": added, "changed": len(stale) - added, "closed": len(met)}


def refresh_all(today: date | None = None) -> None:
    for centre in Centre.objects.order_by("pk"):
        refresh(centre, today)


def choose_delivery(*, person: Any, delivery: str) -> None:
    if delivery not in Delivery.values:
        raise DomainError("Choose a daily digest or immediate reminders.")
    ReminderSettings.objects.update_or_create(person=person, defaults={"delivery": delivery})


@transaction.atomic
def new_feed(*, person: Any) -> CalendarFeed:
    """A new private feed address; any earlier one stops working at once."""
    CalendarFeed.objects.filter(person=person).delete()
    return CalendarFeed.objects.create(person=person)


def revoke_feed(*, person: Any) -> None:
    if not CalendarFeed.objects.filter(person=person).delete()[0]:
        raise DomainError("You have no calendar feed to stop.")


def mark_read(*, person: Any) -> int:
    return Reminder.objects.filter(recipient=person, read_at=None).update(
        read_at=timezone.now())
