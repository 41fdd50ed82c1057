"""Employer involvement pages: who sees what, refusals shown, query counts that do not grow."""

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from qmr import services as qmr_services
from registrations.employer_involvement import services
from registrations.employer_involvement.models import EmployerActivity
from tests.factories import LearnerFactory, ProgrammeFactory

pytestmark = pytest.mark.django_db


def count(client, url):
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200, url
    return len(ctx)


def activities(world, year, n, start):
    """n more programmes of our centre, each with two activities and two learners on each."""
    for i in range(n):
        programme = ProgrammeFactory(centre=world.centre, subject_area=world.subject_area)
        learners = LearnerFactory.create_batch(2, programme=programme)
        for k in range(2):
            activity = services.plan_activity(
                actor=world["nominee"], programme=programme, year=year,
                title=f"Activity {start + i}.{k}", employer="A club",
                held_on=date(2026, 10, 1))
            services.record_participation(actor=world["nominee"], activity=activity,
                                          learners=learners)


def test_the_list_keeps_its_query_count(world, year, login):
    client = login(world["nominee"])
    url = reverse("registrations:employer-list")
    activities(world, year, 2, 0)
    # 1 session  2 user  3 grants  4 consortium grants  5 the activities with their
    # participation counts and last certificate  6 programmes for the filter
    # 7 programmes the person may plan for
    small = count(client, url)
    activities(world, year, 10, 100)
    assert count(client, url) == small == 7


def test_the_list_filters_by_programme_and_year(world, year, login):
    activities(world, year, 2, 0)
    chosen = EmployerActivity.objects.order_by("pk").first()
    page = login(world["nominee"]).get(reverse("registrations:employer-list"),
                                       {"programme": chosen.programme_id, "year": "2026/27"})
    assert "2 activities" in page.text and "Activity 0.0" in page.text
    assert "Activity 1.0" not in page.text
    page = login(world["nominee"]).get(reverse("registrations:employer-list"),
                                       {"year": "2019/20"})
    assert "No employer activities match." in page.text


def test_the_activity_page_keeps_its_query_count(world, year, login):
    activity = services.plan_activity(actor=world["leader"], programme=world.programme,
                                      year=year, title="Coaching", employer="A club",
                                      held_on=date(2026, 10, 1))
    client = login(world["iv"])
    url = reverse("registrations:employer-detail", args=[activity.pk])
    more = LearnerFactory.create_batch
    services.record_participation(actor=world["leader"], activity=activity,
                                  learners=more(2, programme=world.programme))
    small = count(client, url)
    services.record_participation(actor=world["leader"], activity=activity,
                                  learners=more(10, programme=world.programme))
    assert count(client, url) == small


def test_the_leader_plans_from_the_form_and_records_who_took_part(world, year, login):
    learner = LearnerFactory(programme=world.programme, first_name="Ada", last_name="Quill")
    client = login(world["leader"])
    response = client.post(reverse("registrations:employer-add", args=[world.programme.pk]),
                           {"title": "Fitness testing", "employer": "Meadowbank Leisure",
                            "held_on": "2026-11-02"}, follow=True)
    activity = EmployerActivity.objects.get()
    assert "The activity is in the plan." in response.text
    response = client.post(reverse("registrations:employer-participation", args=[activity.pk]),
                           {"learners": [learner.pk], "took_part": "yes"}, follow=True)
    assert activity.participations.get().took_part
    assert "Ada Quill" in response.text


def test_an_empty_form_says_what_is_missing(world, year, login):
    response = login(world["leader"]).post(
        reverse("registrations:employer-add", args=[world.programme.pk]), {})
    assert response.status_code == 400
    assert "Name the employer." in response.text and "Give the date" in response.text
    assert not EmployerActivity.objects.exists()


def test_the_organiser_is_told_they_cannot_verify_and_nothing_changes(world, year, login):
    from tests.conftest import appoint

    leader = appoint(world.centre, world["leader"].email, "internal_verifier", world.programme)
    activity = services.plan_activity(actor=leader, programme=world.programme,
                                      year=year, title="Coaching", employer="A club",
                                      held_on=date(2026, 10, 1))
    services.record_participation(actor=leader, activity=activity,
                                  learners=[LearnerFactory(programme=world.programme)])
    client = login(leader)
    url = reverse("registrations:employer-detail", args=[activity.pk])
    assert "You organised this activity" in client.get(url).text
    response = client.post(reverse("registrations:employer-verify", args=[activity.pk]),
                           {"outcome": "meaningful"}, follow=True)
    assert "you cannot verify it" in response.text
    activity.refresh_from_db()
    assert activity.verified_on is None


def test_another_centres_activity_is_not_found(world, login):
    other_year = qmr_services.add_academic_year(actor=None, centre=world.other_centre,
                                                name="2026/27", starts_on=date(2026, 8, 1),
                                                ends_on=date(2027, 7, 31))
    activity = services.plan_activity(actor=world["outsider"], programme=world.other_programme,
                                      year=other_year, title="Coaching", employer="A club",
                                      held_on=date(2026, 10, 1))
    for persona in ("head", "slt", "nominee", "leader", "iv"):
        page = login(world[persona]).get(reverse("registrations:employer-detail",
                                                 args=[activity.pk]))
        assert page.status_code == 404
