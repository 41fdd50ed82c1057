"""The policy review deadline: each adopted policy's next review, from its last signed-off
version, owned by that version's author while they are still at the centre."""

from datetime import date, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from qmr import services as core
from qmr.deadlines import registry
from qmr.models import Appointment
from qmr.policies import services
from qmr.policies.models import PolicyKind
from tests.policies.conftest import approve

pytestmark = pytest.mark.django_db


def collect(centre, today=None):
    source = {s.kind: s for s in registry.sources()}["policies.review"]
    return list(source.collect(centre, today or timezone.localdate()))


def test_an_approved_policy_is_due_for_review_on_its_stored_date(world, draft):
    version = approve(world, draft, approved_on=date(2026, 11, 2))
    [due] = collect(world.centre)
    assert (due.key, due.due_on, due.owner_id) == (
        f"policies.review:{version.pk}", date(2027, 11, 2), world["nominee"].pk)
    assert due.title == "Review the Appeals policy and have version 2 signed off"
    assert due.url == reverse("policies:policy-detail", args=[version.policy_id])
    assert due.rule == ("Set when version 1 was signed off on 2 November 2026: the draft's "
                        "review date, or 12 months after approval.")


def test_a_draft_not_yet_signed_off_has_no_review(world, draft):
    assert collect(world.centre) == []


def test_the_next_signed_off_version_meets_the_review_and_sets_the_next(world, draft):
    first = approve(world, draft, approved_on=date(2026, 11, 2))
    second = services.start_new_version(actor=world["nominee"], policy=first.policy)
    services.edit_draft(actor=world["nominee"], version=second, author=world["leader"])
    [due] = collect(world.centre)
    assert due.key == f"policies.review:{first.pk}"  # a draft in progress meets nothing
    approve(world, second)
    [due] = collect(world.centre)
    assert due.key == f"policies.review:{second.pk}" and due.owner_id == world["leader"].pk
    assert due.due_on == timezone.localdate().replace(year=2027)


def test_an_overdue_review_is_still_due(world, draft):
    version = approve(world, draft, approved_on=date(2026, 11, 2))
    [due] = collect(world.centre, version.next_review_on + timedelta(days=30))
    assert due.due_on == version.next_review_on


def test_an_author_who_has_left_leaves_it_to_the_quality_nominee(world, draft):
    approve(world, draft)
    for appointment in Appointment.objects.filter(person=world["nominee"]):
        core.end_appointment(actor=None, appointment=appointment, reason="Left")
    [due] = collect(world.centre)
    assert due.owner_id is None


def test_another_centres_policy_is_not_due_here(world, draft):
    approve(world, draft)
    assert collect(world.other_centre) == []


def test_it_costs_the_same_with_one_policy_as_with_three(world, draft):
    approve(world, draft)
    with CaptureQueriesContext(connection) as one:
        collect(world.centre)
    for kind in (PolicyKind.MALPRACTICE, PolicyKind.ASSESSMENT):
        approve(world, services.adopt_template(actor=world["nominee"], centre=world.centre,
                                               kind=kind))
    with CaptureQueriesContext(connection) as three:
        assert len(collect(world.centre)) == 3
    # 1 the policies with their current versions  2 the authors still at the centre
    assert len(three) == len(one) == 2
