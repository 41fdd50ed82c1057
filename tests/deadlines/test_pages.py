"""The deadline pages as their readers see them: a person's own list (with their reminder
choice and private calendar feed), the reminders sent to them, and the centre's year plan;
each costs the same queries at two sizes."""

from datetime import date, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from icalendar import Calendar

from qmr.deadlines import reminders
from qmr.deadlines.models import CalendarFeed, ReminderSettings
from qmr.models import AcademicYear
from tests.deadlines.conftest import TODAY

pytestmark = pytest.mark.django_db


def test_my_deadlines_lists_overdue_soon_and_later(world, deadline, login):
    iv = world["iv"]
    deadline("late", days=-2, owner=iv, title="Sample the Unit 3 decisions")
    deadline("soon", days=10, owner=iv, title="Verify the Unit 5 brief")
    deadline("far", days=90, owner=iv, title="Register as Lead IV")
    deadline("theirs", days=1, owner=world["assessor"], title="Not mine")
    page = login(iv).get(reverse("deadlines:mine")).content.decode()
    overdue, soon, later = (page.index(h) for h in ("Overdue (1)", "next 30 days (1)",
                                                    "Later (1)"))
    assert overdue < page.index("Sample the Unit 3 decisions") < soon < \
        page.index("Verify the Unit 5 brief") < later < page.index("Register as Lead IV")
    assert "Not mine" not in page


def test_choosing_immediate_reminders(world, login):
    client = login(world["iv"])
    response = client.post(reverse("deadlines:delivery"), {"delivery": "immediate"},
                           follow=True)
    assert "Your reminder choice is saved." in response.content.decode()
    assert ReminderSettings.objects.get(person=world["iv"]).delivery == "immediate"
    response = client.post(reverse("deadlines:delivery"), {"delivery": "hourly"}, follow=True)
    assert "Select a valid choice" in response.content.decode()
    assert ReminderSettings.objects.get(person=world["iv"]).delivery == "immediate"


def test_calendar_feed_is_private_and_revocable(world, deadline, login, client):
    iv = world["iv"]
    deadline("soon", days=10, owner=iv, title="Verify the Unit 5 brief", url="/briefs/5/")
    deadline("theirs", days=3, owner=world["assessor"], title="Not mine")
    login(iv).post(reverse("deadlines:feed-new"))
    token = CalendarFeed.objects.get(person=iv).token
    assert token in client.get(reverse("deadlines:mine")).content.decode()
    client.logout()

    response = client.get(reverse("deadlines:feed", args=[token]))
    assert response["Content-Type"].startswith("text/calendar")
    events = Calendar.from_ical(response.content).walk("VEVENT")
    assert [(str(e["summary"]), e.decoded("dtstart")) for e in events] == [
        ("Verify the Unit 5 brief", TODAY + timedelta(days=10))]
    assert str(events[0]["url"]).endswith("/briefs/5/")

    login(iv).post(reverse("deadlines:feed-new"))
    assert client.get(reverse("deadlines:feed", args=[token])).status_code == 404
    newer = CalendarFeed.objects.get(person=iv).token
    client.post(reverse("deadlines:feed-revoke"))
    assert client.get(reverse("deadlines:feed", args=[newer])).status_code == 404
    assert not CalendarFeed.objects.exists()


def test_the_reminders_sent_are_listed_and_can_be_marked_read(world, deadline, login):
    iv = world["iv"]
    deadline("late", days=-2, owner=iv, title="Sample the Unit 3 decisions")
    reminders.sweep()
    client = login(iv)
    page = client.get(reverse("deadlines:notifications")).content.decode()
    assert "Sample the Unit 3 decisions" in page and "Missed" in page
    assert "Not yet (next digest)" in page and "New" in page
    reminders.send_digests()
    client.post(reverse("deadlines:mark-read"))
    page = client.get(reverse("deadlines:notifications")).content.decode()
    assert "Not yet (next digest)" not in page and ">New<" not in page


def test_year_plan_month_by_month_with_owners(world, deadline, login):
    AcademicYear.objects.create(centre=world.centre, name="2026/27",
                                starts_on=date(2026, 9, 1), ends_on=date(2027, 8, 31))
    deadline("dec", days=20, owner=world["exams"], title="Claim Year 13 certificates")
    deadline("nov", days=-3, owner=world["iv"], title="Sample Unit 2",
             closed_at="2026-11-21T10:00Z")
    deadline("other", days=5, centre=world.other_centre, title="Theirs")
    page = login(world["nominee"]).get(
        reverse("deadlines:year-plan", args=[world.centre.pk])).content.decode()
    assert page.index("November 2026") < page.index("Sample Unit 2") < \
        page.index("December 2026") < page.index("Claim Year 13 certificates")
    assert "Exams" in page and "Done" in page and "Theirs" not in page
    assert "September 2026" in page and "July 2027" in page


@pytest.mark.parametrize("persona", ["assessor", "learner", "outsider", "reviewer"])
def test_year_plan_is_for_the_centres_senior_people(world, login, persona):
    url = reverse("deadlines:year-plan", args=[world.centre.pk])
    assert login(world[persona]).get(url).status_code == 404


def count(client, url):
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx)


def test_query_counts_stay_the_same_as_deadlines_grow(world, deadline, login):
    AcademicYear.objects.create(centre=world.centre, name="2026/27",
                                starts_on=date(2026, 9, 1), ends_on=date(2027, 8, 31))
    client = login(world["nominee"])
    urls = [reverse("deadlines:mine"), reverse("deadlines:notifications"),
            reverse("deadlines:year-plan", args=[world.centre.pk])]
    for n in range(3):
        deadline(f"small{n}", days=n * 9 - 5, owner=world["nominee"])
    reminders.sweep()
    small = [count(client, url) for url in urls]
    for n in range(120):
        deadline(f"big{n}", days=n * 2 - 20, owner=world["nominee"])
    reminders.sweep()
    assert [count(client, url) for url in urls] == small
