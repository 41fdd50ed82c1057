"""What each demo login sees in a real browser, and whether axe finds WCAG 2.2 AA problems."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone
from django.utils.formats import date_format
from playwright.sync_api import expect

from qmr.demo import DEMO_PASSWORD
from tests.browser.steps import open_all_details
from tests.browser.support import SCREENSHOTS, axe_check

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# Every demo login: (e-mail, first name greeted, a role shown under "Your roles").
DEMO_LOGINS = [
    ("head@brookfield.example", "Margaret", "Head of Centre"),
    ("slt@brookfield.example", "Daniel", "Senior manager"),
    ("quality@brookfield.example", "Priya", "Quality Nominee"),
    ("exams@brookfield.example", "Tom", "Exams Officer"),
    ("reviewer@awarding.example", "Elaine", "Centre Quality Reviewer (external)"),
    ("quality@hillside.example", "Owen", "Quality Nominee"),
    ("quality@northgate.example", "Fiona", "Quality Nominee"),
    ("sport.lead@brookfield.example", "Jordan", "Programme Leader"),
    ("r.ng@brookfield.example", "Rachel", "Assessor"),
    ("s.patel@brookfield.example", "Samir", "Internal Verifier"),
    ("hsc.lead@brookfield.example", "Aisha", "Programme Leader"),
    ("it.lead@brookfield.example", "Marcus", "Programme Leader"),
    ("lead.iv@brookfield.example", "Helen", "Lead Internal Verifier"),
    ("sv@awarding.example", "Gareth", "Standards Verifier (external)"),
    ("learner@brookfield.example", None, "Learner"),  # the learner's name is generated
]


def test_every_demo_login_reaches_an_accessible_home_page(demo, visit, live_server):
    """Each persona logs in through the real form and lands on a home page that names them
    and their role; each home page differs by role, so each is checked by axe."""
    for email, first_name, role in DEMO_LOGINS:
        visitor = visit()
        page = visitor.log_in(email, DEMO_PASSWORD)
        expect(page).to_have_url(f"{live_server.url}/")
        greeting = f"Hello, {first_name}" if first_name else re.compile(r"^Hello, \w+$")
        expect(page.get_by_role("heading", level=1)).to_have_text(greeting)
        expect(page.get_by_role("region", name="Your roles")).to_contain_text(role)
        axe_check(page, f"home-{email.replace('@', '-at-')}")
        assert visitor.csp_errors == []
        visitor.close()


def test_no_home_page_offers_a_link_that_ends_in_an_error(demo, visit):
    """A link on someone's own home page must lead somewhere they are allowed to go."""
    broken = []
    for email, _, _ in DEMO_LOGINS:
        visitor = visit()
        page = visitor.log_in(email, DEMO_PASSWORD)
        hrefs = page.eval_on_selector_all("main a[href]", "links => links.map(a => a.href)")
        for href in hrefs:
            status = page.request.get(href).status
            if status >= 400:
                broken.append(f"{email}: {href} -> {status}")
        visitor.close()
    assert broken == [], "\n".join(broken)


def test_quality_nominee_appoints_an_external_reviewer_with_a_last_day(demo, visit):
    """The Quality Nominee's everyday round: settings, people, a person, then appointing a
    time-boxed external reviewer, whose page then shows who made the appointment."""
    visitor = visit()
    page = visitor.log_in("quality@brookfield.example", DEMO_PASSWORD)
    expect(page.get_by_role("heading", level=1)).to_have_text("Hello, Priya")

    page.get_by_role("navigation", name="Main").get_by_role("link", name="Priya Raman").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Your profile")
    axe_check(page, "qn-profile")
    page.get_by_role("link", name="Change your password").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Change your password")
    axe_check(page, "qn-password-change")

    page.get_by_role("navigation", name="Main").get_by_role("link", name="Home").click()
    page.get_by_role("link", name="settings, years and terms").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Brookfield Community College")
    expect(page.get_by_role("heading", name="Academic years and term dates")).to_be_visible()
    open_all_details(page)
    axe_check(page, "qn-centre-settings")

    page.get_by_role("link", name="People and roles").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("People and roles")
    page.get_by_label("Name or e-mail").fill("Patel")
    page.get_by_role("button", name="Filter").click()
    expect(page.get_by_role("table")).to_contain_text("Samir Patel")
    axe_check(page, "qn-people-list")

    page.get_by_role("link", name="Samir Patel").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Samir Patel")
    expect(page.get_by_role("table").first).to_contain_text("Internal Verifier")
    open_all_details(page)
    axe_check(page, "qn-person")

    page.get_by_role("link", name="People and roles").first.click()
    page.get_by_role("link", name="Appoint someone to a role").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Appoint someone to a role")
    axe_check(page, "qn-appoint")

    page.get_by_role("button", name="Appoint").click()  # nothing filled in
    expect(page.get_by_text("This field is required.").first).to_be_visible()
    axe_check(page, "qn-appoint-errors")

    last_day = timezone.localdate() + timedelta(days=60)
    page.get_by_label("Full name").fill("Imogen Okafor")
    page.get_by_label("E-mail address").fill("i.okafor@awarding.example")
    page.get_by_label("Role").select_option("quality_reviewer")
    page.get_by_label("Held for").select_option(label="The whole centre — Brookfield Community "
                                                      "College")
    page.get_by_label("Last day").fill(last_day.isoformat())
    page.get_by_role("button", name="Appoint").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Imogen Okafor")
    expect(page.get_by_role("status")).to_contain_text("appointed")
    appointment = page.get_by_role("row").filter(has_text="Centre Quality Reviewer (external)")
    expect(appointment.first).to_contain_text("In force")
    expect(appointment.first).to_contain_text(date_format(last_day, "j M Y"))
    history = page.get_by_role("table", name="Change history")
    expect(history.get_by_role("row").filter(has_text="Priya Raman").first).to_be_visible()
    open_all_details(page)
    axe_check(page, "qn-appointed-reviewer")

    # The review overruns: a week more.
    later = last_day + timedelta(days=7)
    page.get_by_label("New last day").fill(later.isoformat())
    page.get_by_role("button", name="Set last day").click()
    expect(page.get_by_role("status")).to_contain_text("The last day was changed.")
    expect(appointment.first).to_contain_text(date_format(later, "j M Y"))
    open_all_details(page)
    axe_check(page, "qn-changed-last-day")

    # On a phone (WCAG 1.4.10 reflow, 320 CSS pixels) only a data table may scroll sideways,
    # inside its own region; the page itself must not.
    person_page = page.url
    page.set_viewport_size({"width": 320, "height": 800})
    for name, url in [("home", "/"), ("settings", f"/centres/{demo.pk}/settings/"),
                      ("people", f"/centres/{demo.pk}/people/"), ("person", person_page),
                      ("appoint", f"/centres/{demo.pk}/people/appoint/")]:
        page.goto(url)
        open_all_details(page)
        widths = page.evaluate("() => [document.documentElement.scrollWidth, innerWidth]")
        page.screenshot(path=str(SCREENSHOTS / f"qn-320-{name}.png"), full_page=True)
        assert widths[0] <= widths[1], f"{name} is {widths[0]}px wide at 320px"
    assert visitor.csp_errors == []


def test_login_and_password_reset_pages_are_accessible_when_logged_out(visit, transactional_db):
    """The pages everyone meets first, including the wrong-password state."""
    visitor = visit()
    page = visitor.page
    page.goto("/accounts/login/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Log in")
    axe_check(page, "login")

    page.get_by_label("E-mail address").fill("nobody@brookfield.example")
    page.get_by_label("Password").fill("not-the-password")
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_role("alert")).to_contain_text("do not match")
    axe_check(page, "login-wrong-password")

    page.get_by_role("link", name="Forgotten your password?").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Reset your password")
    axe_check(page, "password-reset")

    page.get_by_label("E-mail address").fill("nobody@brookfield.example")
    page.get_by_role("button", name="Send the link").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Check your e-mail")
    axe_check(page, "password-reset-sent")
    assert visitor.csp_errors == []


def test_learner_gets_not_found_for_the_centres_people(demo, visit):
    """A learner has no business with the staff list; it must not even admit it exists."""
    visitor = visit()
    page = visitor.log_in("learner@brookfield.example", DEMO_PASSWORD)
    response = page.goto(f"/centres/{demo.pk}/people/")
    assert response.status == 404
    expect(page.get_by_role("heading", level=1)).to_have_text("Page not found")
    expect(page.get_by_role("link", name="Go to your home page")).to_be_visible()
    axe_check(page, "learner-404")
    assert visitor.csp_errors == []


def test_senior_manager_is_told_plainly_they_cannot_appoint(demo, visit):
    """Seeing people is not managing them: the appoint form refuses with a page that says why
    and offers a way on, not Django's bare "403 Forbidden"."""
    visitor = visit()
    page = visitor.log_in("slt@brookfield.example", DEMO_PASSWORD)
    response = page.goto(f"/centres/{demo.pk}/people/appoint/")
    assert response.status == 403
    expect(page.get_by_role("heading", level=1)).to_have_text("You cannot do that here")
    expect(page.get_by_role("link", name="Go to your home page")).to_be_visible()
    axe_check(page, "slt-403")
