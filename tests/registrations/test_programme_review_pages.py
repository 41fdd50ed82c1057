"""Programme review pages: who sees what, and query counts that do not grow."""

from datetime import date, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from qmr import services as qmr_services
from registrations.programme_review import services
from tests.factories import LearnerFactory, ProgrammeFactory

pytestmark = pytest.mark.django_db


def count(client, url):
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200, url
    return len(ctx)


def reviewed_programmes(world, year, n, start):
    """n more programmes of our centre, each with a review holding two actions."""
    from qmr.meetings.actions import add_action

    for i in range(n):
        programme = ProgrammeFactory(centre=world.centre, subject_area=world.subject_area)
        review = services.start_review(actor=world["nominee"], programme=programme, year=year)
        for k in range(2):
            review.actions.add(add_action(
                actor=world["nominee"], centre=world.centre, owner=world["iv"],
                description=f"Action {start + i}.{k}",
                due_on=timezone.localdate() + timedelta(days=5)))


def test_the_list_keeps_its_query_count(world, year, login):
    client = login(world["nominee"])
    url = reverse("registrations:review-list")
    reviewed_programmes(world, year, 2, 0)
    # 1 session  2 user  3 grants  4 consortium grants  5 programmes with no review this
    # year  6 their academic years  7 the reviews with their action counts
    small = count(client, url)
    reviewed_programmes(world, year, 10, 100)
    assert count(client, url) == small == 7


def test_the_review_page_keeps_its_query_count(world, year, login):
    review = services.start_review(actor=world["leader"], programme=world.programme, year=year)
    client = login(world["leader"])
    url = reverse("registrations:review-detail", args=[review.pk])
    small = count(client, url)
    from qmr.meetings.actions import add_action

    for i in range(10):
        review.actions.add(add_action(actor=world["leader"], centre=world.centre,
                                      owner=world["iv"], description=f"Action {i}",
                                      due_on=timezone.localdate() + timedelta(days=5)))
        LearnerFactory(programme=world.programme, cohort=None)
    assert count(client, url) == small


def test_another_centres_review_is_not_found(world, login):
    other_year = qmr_services.add_academic_year(actor=None, centre=world.other_centre,
                                                name="2026/27", starts_on=date(2026, 8, 1),
                                                ends_on=date(2027, 7, 31))
    review = services.start_review(actor=world["outsider"], programme=world.other_programme,
                                   year=other_year)
    for persona in ("head", "slt", "nominee", "leader"):
        page = login(world[persona]).get(reverse("registrations:review-detail",
                                                 args=[review.pk]))
        assert page.status_code == 404
