"""The demo centre mid-cycle: last year's review with two Essential Actions (one closed with
evidence, one open), this year's Centre Engagement Document in draft without the Head of
Centre's signature, the reviewer allocated with a visit in March, and a readiness page that
marks a measure missing for the reason it states, which fixing the record clears."""

import io
from datetime import date

import pytest
from django.core.management import call_command
from django.urls import reverse

from qmr.models import Centre, User
from qmr.policies import services as policies
from qmr.policies.models import Policy, PolicyKind
from qmr.review.models import ReviewAction, ReviewCycle

pytestmark = pytest.mark.django_db


@pytest.fixture
def brookfield():
    call_command("load_demo", stdout=io.StringIO())
    return Centre.objects.get(number="48213")


def test_the_demo_is_mid_cycle(brookfield):
    last, this = ReviewCycle.objects.filter(centre=brookfield).order_by(
        "academic_year__starts_on")
    essentials = last.actions.filter(kind=ReviewAction.Kind.ESSENTIAL)
    assert essentials.count() == 2
    closed = essentials.get(closed_at__isnull=False)
    assert closed.closure_evidence and essentials.filter(closed_at__isnull=True).count() == 1
    document = this.documents.get()
    assert document.state == "draft" and document.signed_at is None
    assert this.visit.held_on == date(2027, 3, 10)
    assert this.visit.reviewer.person.email == "reviewer@awarding.example"
    assert document.progress.count() == 3  # last year's two Essential Actions and a Recommendation


def test_loading_twice_adds_no_second_review(brookfield):
    call_command("load_demo", stdout=io.StringIO())
    assert ReviewCycle.objects.filter(centre=brookfield).count() == 2


def test_readiness_marks_a_measure_missing_for_its_reason_until_the_record_is_fixed(
        client, brookfield):
    nominee = User.objects.get(email="quality@brookfield.example")
    head = User.objects.get(email="head@brookfield.example")
    client.force_login(nominee)
    cell = reverse("review:readiness-measure", args=[brookfield.pk, "QO.1.1"])
    page = client.get(cell).content.decode()
    assert "Missing" in page
    assert "Internal verification policy is past the review date" in page
    policy = Policy.objects.get(centre=brookfield, kind=PolicyKind.INTERNAL_VERIFICATION)
    version = policies.start_new_version(actor=nominee, policy=policy)
    policies.edit_draft(actor=nominee, version=version, change_summary="Reviewed for the year")
    policies.submit_for_sign_off(actor=nominee, version=version)
    policies.approve_version(actor=head, version=version)
    page = client.get(cell).content.decode()
    assert "Missing" not in page and "✓</span> In place" in page
