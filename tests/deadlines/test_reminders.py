"""Reminders go to each deadline's owner a week ahead and once when missed, in the app and
by e-mail (digest or immediate), and each is sent exactly once however many sweeps run."""

import threading
from collections import Counter

import pytest
from django.core import mail
from django.db import connection

from qmr.deadlines import reminders, services
from qmr.deadlines.models import Reminder

pytestmark = pytest.mark.django_db


def test_due_soon_and_missed_are_claimed_once(world, deadline):
    assessor = world["assessor"]
    soon = deadline("soon", days=7, owner=assessor)
    missed = deadline("missed", days=-1, owner=assessor)
    deadline("later", days=8, owner=assessor)
    deadline("met", days=-3, owner=assessor, closed_at="2026-11-20T10:00Z")
    deadline("nobody", days=1)

    assert reminders.sweep()["claimed"] == 2
    assert set(Reminder.objects.values_list("deadline__key", "kind", "recipient")) == {
        (soon.key, "soon", assessor.pk), (missed.key, "missed", assessor.pk)}
    assert reminders.sweep()["claimed"] == 0


def test_digest_is_one_email_a_day_listing_everything(world, deadline):
    iv = world["iv"]
    deadline("one", days=2, owner=iv, title="Sample Unit 3 decisions")
    deadline("two", days=-2, owner=iv, title="Verify the Unit 5 brief", url="/briefs/5/")
    reminders.sweep()
    assert mail.outbox == []  # the digest waits for its hour

    assert reminders.send_digests() == 1
    assert reminders.send_digests() == 0
    [message] = mail.outbox
    assert message.to == [iv.email]
    assert message.subject == "Your deadlines: 1 missed, 1 due soon"
    assert message.body.index("Missed:") < message.body.index("Verify the Unit 5 brief") < \
        message.body.index("Due soon:") < message.body.index("Sample Unit 3 decisions")
    assert "/briefs/5/" in message.body
    assert not Reminder.objects.filter(emailed_at=None).exists()


def test_immediate_reminders_go_with_the_sweep(world, deadline):
    services.choose_delivery(person=world["assessor"], delivery="immediate")
    deadline("a", days=1, owner=world["assessor"])
    deadline("b", days=1, owner=world["iv"])
    assert reminders.sweep() == {"claimed": 2, "emails": 1}
    assert [m.to for m in mail.outbox] == [[world["assessor"].email]]
    assert reminders.send_digests() == 1
    assert [m.to for m in mail.outbox][1:] == [[world["iv"].email]]


def test_a_message_that_cannot_go_is_tried_again_next_time(world, deadline, settings):
    deadline("a", days=1, owner=world["iv"])
    reminders.sweep()
    settings.MAILERS = {"default": {"BACKEND": "django.core.mail.backends.smtp.EmailBackend",
                                    "OPTIONS": {"host": "127.0.0.1", "port": 9}}}
    assert reminders.send_digests() == 0
    assert Reminder.objects.get().emailed_at is None
    settings.MAILERS = {"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}}
    assert reminders.send_digests() == 1


@pytest.mark.skipif(connection.vendor != "postgresql",
                    reason="needs real concurrent transactions (PostgreSQL, as CI runs)")
@pytest.mark.django_db(transaction=True)
def test_two_sweeps_and_two_digests_at_once_send_each_reminder_once(world, deadline):
    people = [world[name] for name in ("assessor", "iv", "lead_iv", "leader", "exams")]
    for i in range(300):
        deadline(f"d{i}", days=(i % 12) - 4, owner=people[i % len(people)])
    services.choose_delivery(person=world["exams"], delivery="immediate")

    def at_once(fn):
        start = threading.Barrier(2)
        results = []

        def run():
            start.wait()
            try:
                results.append(fn())
            finally:
                connection.close()

        threads = [threading.Thread(target=run) for _ in range(2)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        return results

    sweeps = at_once(reminders.sweep)
    due = sum(1 for i in range(300) if (i % 12) - 4 <= 7)  # a week ahead, or missed
    assert sum(r["claimed"] for r in sweeps) == due == Reminder.objects.count()
    at_once(reminders.send_digests)

    listed = Counter()
    for message in mail.outbox:
        for line in message.body.splitlines():
            if line.startswith("- Do d"):
                listed[(message.to[0], line.split(":")[0])] += 1
    assert sum(listed.values()) == due
    assert set(listed.values()) == {1}
    assert Counter(m.to[0] for m in mail.outbox) == {p.email: 1 for p in people}
