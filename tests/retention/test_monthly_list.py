"""The monthly task lists each centre's records past their time once, and e-mails the
Quality Nominee once, with a link to the page."""

from datetime import date

import pytest
import time_machine
from django.core import mail
from django.urls import reverse

from qmr.retention import tasks
from qmr.retention.models import DisposalList
from tests.retention.conftest import certify, make_record

pytestmark = pytest.mark.django_db


def test_it_lists_and_emails_the_nominee_once(world, committed):
    record = make_record(world)
    certify(record.submission.learner, date(2022, 8, 20))  # past for records and work
    with committed():
        assert tasks.list_due_disposals.delay().get() == 1
    with committed():
        tasks.list_due_disposals.delay()
    listed = DisposalList.objects.get()
    assert listed.centre == world.centre and listed.month == date(2026, 11, 1)
    assert listed.summary == {"Assessment records": 1, "Learner work": 1,
                              "Internal verification records": 1}
    [sent] = mail.outbox
    assert sent.to == ["nominee@a.example"]
    assert "- Assessment records: 1" in sent.body
    assert reverse("retention:disposal-list", args=[world.centre.pk]) in sent.body


def test_nothing_past_its_time_lists_nothing(world, committed):
    record = make_record(world)
    certify(record.submission.learner, date(2026, 11, 1))
    with committed():
        assert tasks.list_due_disposals.delay().get() == 0
    assert not DisposalList.objects.exists() and not mail.outbox


def test_next_month_makes_a_new_list(world, committed):
    record = make_record(world)
    certify(record.submission.learner, date(2022, 8, 20))
    with committed():
        tasks.list_due_disposals.delay()
    with time_machine.travel(date(2026, 12, 1)), committed():
        tasks.list_due_disposals.delay()
    assert DisposalList.objects.count() == 2 and len(mail.outbox) == 2
