"""The reminder sweep over 50,000 open deadlines, every one of them due within the week or
missed (the worst case: each one claims a reminder), owned by 500 people of whom half chose
immediate e-mails; then the same sweep again (it must claim nothing) and the daily digest."""

import time
from datetime import timedelta

from django.test import override_settings
from django.utils import timezone

from qmr.deadlines import reminders
from qmr.deadlines.models import Deadline, Delivery, Reminder, ReminderSettings
from qmr.models import Centre, User

DEADLINES = 50_000
OWNERS = 500


def run() -> list[dict]:
    centre = Centre.objects.get(number="48213")
    today = timezone.localdate()
    owners = User.objects.bulk_create([
        User(email=f"bench.owner{i}@brookfield.example", full_name=f"Bench Owner {i}")
        for i in range(OWNERS)])
    ReminderSettings.objects.bulk_create([
        ReminderSettings(person=p, delivery=Delivery.IMMEDIATE) for p in owners[::2]])
    Deadline.objects.bulk_create([
        Deadline(centre=centre, kind="assessment.assignment", key=f"bench:{i}",
                 title=f"Bench deadline {i}", due_on=today + timedelta(days=i % 13 - 5),
                 owner=owners[i % OWNERS], url="/deadlines/") for i in range(DEADLINES)],
        batch_size=2000)
    before = Reminder.objects.count()
    with override_settings(MAILERS={"default": {
            "BACKEND": "django.core.mail.backends.locmem.EmailBackend"}}):
        started = time.perf_counter()
        first = reminders.sweep(today)
        sweep_s = time.perf_counter() - started
        started = time.perf_counter()
        again = reminders.sweep(today)
        repeat_s = time.perf_counter() - started
        started = time.perf_counter()
        digests = reminders.send_digests()
        digest_s = time.perf_counter() - started
    assert first["claimed"] >= DEADLINES and again["claimed"] == 0, (first, again)
    assert first["emails"] == OWNERS // 2 and digests >= OWNERS // 2, (first, digests)
    assert Reminder.objects.count() - before == first["claimed"]
    return [
        {"name": "jobs.reminder_sweep_50000_s", "value": sweep_s, "unit": "s", "goal": 30},
        {"name": "jobs.reminder_sweep_repeat_s", "value": repeat_s, "unit": "s"},
        {"name": "jobs.reminder_digest_s", "value": digest_s, "unit": "s"},
    ]
