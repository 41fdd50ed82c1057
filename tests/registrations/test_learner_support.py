"""Induction, learning plans and tutorial reviews: the programme team records them, the
learner reads their own, nobody else sees them."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import PermissionDenied
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from qmr.errors import DomainError
from qmr.evidence import Status
from registrations.learner_support import evidence, services
from registrations.learner_support.models import Induction, InductionItem, TutorialReview
from tests.factories import LearnerFactory

pytestmark = pytest.mark.django_db

TODAY = date(2026, 11, 23)


@pytest.fixture
def learner(world, cohort):
    own = world["learner"].learner
    own.cohort = cohort
    own.save(update_fields=["cohort"])
    return own


def test_the_team_records_an_induction_and_it_is_complete_only_with_every_item(world, learner):
    induction = services.record_induction(actor=world["leader"], learner=learner,
                                          covered=["programme", "appeals"], held_on=TODAY)
    assert not induction.complete and len(induction.missing) == 3
    services.record_induction(actor=world["iv"], learner=learner,
                              covered=list(InductionItem.values), held_on=TODAY)
    induction.refresh_from_db()
    assert induction.complete and induction.recorded_by == world["iv"]
    assert Induction.objects.count() == 1


@pytest.mark.parametrize("persona", ["exams", "head", "learner", "outsider", "reviewer"])
def test_others_cannot_record_support(world, learner, persona):
    with pytest.raises(PermissionDenied):
        services.record_tutorial_review(actor=world[persona], learner=learner, held_on=TODAY,
                                        progress="Fine", targets="More")
    assert not TutorialReview.objects.exists()


def test_bad_input_is_refused_and_changes_nothing(world, learner):
    with pytest.raises(DomainError, match="future"):
        services.record_tutorial_review(actor=world["leader"], learner=learner,
                                        held_on=TODAY + timedelta(days=2), progress="x",
                                        targets="y")
    with pytest.raises(DomainError, match="targets"):
        services.agree_learning_plan(actor=world["leader"], learner=learner, targets=" ",
                                     support="", agreed_on=TODAY)
    with pytest.raises(DomainError, match="Tick"):
        services.record_induction(actor=world["leader"], learner=learner, covered=[],
                                  held_on=TODAY)
    assert not hasattr(learner, "plan") or learner.plan is None


def test_the_learner_reads_their_own_and_nobody_elses(world, learner, login):
    services.agree_learning_plan(actor=world["leader"], learner=learner,
                                 targets="Merit overall", support="", agreed_on=TODAY)
    client = login(world["learner"])
    assert "Merit overall" in client.get(reverse("registrations:my-support")).text
    other = LearnerFactory(programme=world.programme)
    assert client.get(reverse("registrations:learner-support",
                              args=[other.pk])).status_code == 404
    page = client.get(reverse("registrations:learner-support", args=[learner.pk]))
    assert page.status_code == 200 and "Save the plan" not in page.text


def test_a_form_error_is_shown_in_plain_words(world, learner, login):
    response = login(world["leader"]).post(
        reverse("registrations:learner-tutorial", args=[learner.pk]), {"held_on": "soon"})
    assert response.status_code == 400
    assert "Give the date as day, month and year." in response.text
    assert "Say how the learner is getting on." in response.text


def test_evidence_counts_inductions_plans_and_reviews(world, learner, cohort):
    assert evidence.induction(world.centre).status == Status.MISSING
    for lr in cohort.learners.all():
        services.record_induction(actor=world["leader"], learner=lr,
                                  covered=list(InductionItem.values), held_on=TODAY)
    assert evidence.induction(world.centre).status == Status.IN_PLACE
    services.agree_learning_plan(actor=world["leader"], learner=learner, targets="Merit",
                                 support="", agreed_on=TODAY)
    services.record_tutorial_review(actor=world["leader"], learner=learner, held_on=TODAY,
                                    progress="Fine", targets="More")
    plans = evidence.learning_plans(world.centre)
    assert plans.status == Status.WEAK and "1 of 6" in plans.summary


def _count(client, url):
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx)


def test_the_cohort_page_keeps_its_query_count(world, learner, cohort, login):
    client = login(world["leader"])
    url = reverse("registrations:cohort-support", args=[cohort.pk])
    # 1 session  2 user  3 grants (a programme-scoped person has no consortium grants to
    # expand)  4 the cohort  5 its learners with induction, plan and tutorial counts
    assert _count(client, url) == 5
    for i in range(10):
        lr = LearnerFactory(programme=world.programme, cohort=cohort, centre_ref=f"N{i}")
        services.record_induction(actor=world["leader"], learner=lr, covered=["programme"],
                                  held_on=TODAY)
        services.record_tutorial_review(actor=world["leader"], learner=lr, held_on=TODAY,
                                        progress="ok", targets="more")
    assert _count(client, url) == 5


def test_the_learner_page_keeps_its_query_count(world, learner, login):
    client = login(world["leader"])
    url = reverse("registrations:learner-support", args=[learner.pk])
    small = _count(client, url)
    for i in range(10):
        services.record_tutorial_review(actor=world["leader"], learner=learner,
                                        held_on=timezone.localdate() - timedelta(days=i),
                                        progress=f"week {i}", targets="more")
    assert _count(client, url) == small
