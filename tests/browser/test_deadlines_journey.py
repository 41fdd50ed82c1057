"""Deadlines walked in a real browser on the demo: an assessor finds their deadlines on the
home page and their own page (the missed hand-in deadline first), chooses immediate e-mails,
makes a private calendar feed and reads it as a calendar app would, and sees the reminders
they were sent; the Quality Nominee reads the year plan month by month with each owner.
axe checks every page visited."""

import re

import pytest
from playwright.sync_api import expect

from qmr.demo import DEMO_PASSWORD
from tests.browser import steps
from tests.browser.steps import h1, nav, region, status

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

ASSESSOR = "r.ng@brookfield.example"
NOMINEE = "quality@brookfield.example"
HAND_IN = "Hand-in deadline: Careers in the sports industry"

check_page = steps.page_checker("deadlines")


def month(page, name):
    """A month of the year plan: the section under its heading."""
    return page.get_by_role("region").filter(has=page.get_by_role("heading", name=name))


def test_deadlines_reminders_calendar_and_the_year_plan(demo, visit):
    page = visit().log_in(ASSESSOR, DEMO_PASSWORD)
    expect(region(page, "What needs you now")).to_contain_text("Your deadlines")
    expect(steps.work_item(page, HAND_IN)).to_be_visible()

    nav(page, "Deadlines")
    expect(h1(page)).to_have_text("Your deadlines")
    expect(page.get_by_role("region", name=re.compile(r"^Overdue"))).to_contain_text(HAND_IN)
    check_page(page, "assessor-mine")

    page.get_by_label("An e-mail as soon as a reminder is due").check()
    page.get_by_role("button", name="Save my choice").click()
    expect(status(page)).to_contain_text("Your reminder choice is saved.")
    expect(page.get_by_label("An e-mail as soon as a reminder is due")).to_be_checked()

    page.get_by_role("button", name="Make my calendar feed").click()
    expect(status(page)).to_contain_text("Your calendar feed address is below.")
    address = page.get_by_label("Your feed address").input_value()
    calendar = page.context.request.get(address)
    assert calendar.headers["content-type"].startswith("text/calendar")
    assert "BEGIN:VEVENT" in calendar.text() and "Careers in the sports industry" in calendar.text()
    check_page(page, "assessor-feed")

    page.get_by_role("link", name="see the reminders you were sent").click()
    expect(h1(page)).to_have_text("Reminders sent to you")
    row = page.get_by_role("row").filter(has_text=HAND_IN)
    expect(row).to_contain_text("Missed")
    check_page(page, "assessor-reminders")

    qn = visit().log_in(NOMINEE, DEMO_PASSWORD)
    nav(qn, "Year plan")
    expect(h1(qn)).to_have_text("Year plan 2026/27")
    expect(month(qn, "November 2026")).to_contain_text("with the awarding body by 30 November")
    expect(month(qn, "July 2027")).to_contain_text("Last day for certification claims")
    check_page(qn, "nominee-year-plan")
