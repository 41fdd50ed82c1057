"""Reminders: a week before a deadline and once when it is missed, to its owner, in the app
and by e-mail (a daily digest, or straight away for those who chose that).

Exactly once, however many sweeps run at the same moment: a sweep first *claims* each
reminder by inserting its row (unique per deadline, person and kind; a row another sweep
inserted first is skipped), then works only on the rows carrying its own sweep token. E-mail
is claimed the same way: one conditional update stamps the unsent rows with a batch token
before anything is sent, so a second sender finds nothing left to send."""

import uuid
from collections import defaultdict
from datetime import date, timedelta
from itertools import islice

from django.conf import settings
from django.core.mail import send_mail
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils import timezone

from qmr.deadlines.models import Deadline, Delivery, Reminder

LEAD_DAYS = 7  # the "due soon" reminder goes a week ahead
BATCH = 1000


def _due(kind: str, today: date) -> QuerySet:
    when = (Q(due_on__gte=today, due_on__lte=today + timedelta(days=LEAD_DAYS))
            if kind == Reminder.Kind.SOON else Q(due_on__lt=today))
    sent = Reminder.objects.filter(deadline=OuterRef("pk"), recipient=OuterRef("owner_id"),
                                   kind=kind)
    return (Deadline.objects.filter(when, closed_at=None, owner__isnull=False)
            .exclude(Exists(sent)).values_list("pk", "owner_id"))


def sweep(today: date | None = None) -> dict[str, int]:
    """Claim every reminder due today and e-mail those who want them straight away."""
    today = today or timezone.localdate()
    token, now = uuid.uuid4(), timezone.now()
    for kind in Reminder.Kind.values:
        rows = _due(kind, today).iterator(chunk_size=BATCH)
        while chunk := list(islice(rows, BATCH)):
            Reminder.objects.bulk_create(
                [Reminder(deadline_id=pk, recipient_id=owner, kind=kind, sweep=token,
                          created_at=now) for pk, owner in chunk], ignore_conflicts=True)
    mine = Reminder.objects.filter(sweep=token)
    claimed = mine.count()
    sent = deliver(mine.filter(recipient__reminder_settings__delivery=Delivery.IMMEDIATE))
    return {"claimed": claimed, "emails": sent}


def send_digests() -> int:
    """The daily digest: everything not yet e-mailed to those who chose the digest."""
    return deliver(Reminder.objects.exclude(
        recipient__reminder_settings__delivery=Delivery.IMMEDIATE))


def deliver(reminders: QuerySet) -> int:
    """One e-mail per person for their unsent reminders among `reminders`; how many went.
    A message that cannot be sent hands its reminders back for the next run."""
    batch = uuid.uuid4()
    # The unsent test sits on the updated rows themselves, so PostgreSQL re-checks it after
    # waiting for a concurrent sender's update: the second sender then claims none of them.
    Reminder.objects.filter(emailed_at=None, pk__in=reminders.values("pk")).update(
        email_batch=batch, emailed_at=timezone.now())
    by_person: dict[int, list[Reminder]] = defaultdict(list)
    for reminder in (Reminder.objects.filter(email_batch=batch)
                     .select_related("deadline__centre", "recipient")
                     .order_by("recipient_id", "deadline__due_on", "pk")):
        by_person[reminder.recipient_id].append(reminder)
    sent = 0
    for items in by_person.values():
        try:
            _send(items)
        except OSError:
            Reminder.objects.filter(pk__in=[r.pk for r in items]).update(
                email_batch=None, emailed_at=None)
        else:
            sent += 1
    return sent


def _send(items: list[Reminder]) -> None:
    missed = [r for r in items if r.kind == Reminder.Kind.MISSED]
    soon = [r for r in items if r.kind == Reminder.Kind.SOON]
    parts = []
    for heading, group in (("Missed", missed), ("Due soon", soon)):
        if group:
            parts.append(heading + ":\n" + "\n".join(
                f"- {r.deadline.title}: due {r.deadline.due_on:%-d %B %Y}"
                + (f"\n  {settings.SITE_URL}{r.deadline.url}" if r.deadline.url else "")
                for r in group))
    counts = ", ".join(f"{len(g)} {word}" for word, g in (("missed", missed),
                                                          ("due soon", soon)) if g)
    person = items[0].recipient
    send_mail(subject=f"Your deadlines: {counts}",
              message=(f"Hello {person.get_short_name() or person.email},\n\n"
                       + "\n\n".join(parts)
                       + f"\n\nAll your deadlines: {settings.SITE_URL}/deadlines/\n"),
              from_email=None, recipient_list=[person.email])
