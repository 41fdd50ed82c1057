"""The deadline source: one per centre while anything is past its time, due at the end of
the month, owned by the Quality Nominee (None), pointing at the page."""

from datetime import date

import pytest
from django.urls import reverse

from qmr.deadlines import registry
from qmr.retention.deadlines import disposal_due
from tests.retention.conftest import certify, make_record

pytestmark = pytest.mark.django_db


def test_it_is_registered_for_its_kind():
    assert any(s.kind == "retention.disposal" and s.collect is disposal_due
               for s in registry.sources())


def test_one_due_per_centre_when_anything_is_past_its_time(world):
    record = make_record(world)
    certify(record.submission.learner, date(2022, 8, 20))
    [due] = disposal_due(world.centre, date(2026, 11, 23))
    assert due.key == f"retention.disposal:{world.centre.pk}"
    assert due.due_on == date(2026, 11, 30) and due.owner_id is None
    assert due.url == reverse("retention:disposal-list", args=[world.centre.pk])
    assert due.title == "Confirm the disposal of 3 records past their time"
    assert list(disposal_due(world.other_centre, date(2026, 11, 23))) == []


def test_nothing_is_due_inside_the_time(world):
    record = make_record(world)
    certify(record.submission.learner, date(2026, 11, 1))
    assert list(disposal_due(world.centre, date(2026, 11, 23))) == []
