"""A cohort's registration walked in a real browser, each step by the demo role whose step it
is: enrolment, class list, registration numbers, the awarding body's list, a withdrawal with
both sign-offs, and the learner reading their number. axe checks every page visited."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone
from django.utils.formats import date_format
from playwright.sync_api import expect

from qmr.demo import DEMO_PASSWORD
from tests.browser import steps
from tests.browser.steps import awarding_body_export, cohort_step, status
from tests.browser.support import axe_check

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

EXAMS = "exams@brookfield.example"
LEADER = "hsc.lead@brookfield.example"
NOMINEE = "quality@brookfield.example"
HEAD = "head@brookfield.example"
LEARNER = "learner@brookfield.example"
OTHER_LEADER = "sport.lead@brookfield.example"


check_page = steps.page_checker("reg")


def hsc_cohort():
    from registrations.models import Cohort

    return Cohort.objects.select_related("programme").get(
        programme__centre__number="48213", programme__code="BHS2T1")


def learner_status(page):
    """The Status fact of a learner's record."""
    return page.locator("main dl.facts dt", has_text=re.compile("^Status$")).locator(
        "xpath=following-sibling::dd[1]")


def test_cohort_goes_from_enrolment_to_confirmed_registration_and_one_learner_withdraws(
        demo, visit):
    from registrations.models import Learner, LearnerStatus

    cohort = hsc_cohort()
    cohort_url = f"/registrations/cohorts/{cohort.pk}/"
    assert cohort.learners.filter(status=LearnerStatus.ENROLLED).count() == 30
    assert not cohort.class_lists.exists()
    today = timezone.localdate()

    # --- The Exams Officer enrols a late arrival -----------------------------------------
    exams = visit()
    page = exams.log_in(EXAMS, DEMO_PASSWORD)
    page.goto("/registrations/cohorts/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Cohorts and registration")
    row = page.get_by_role("row").filter(has_text=cohort.name)
    expect(row).to_contain_text("Not signed")
    check_page(page, "eo-cohort-list")
    row.get_by_role("link", name=cohort.name).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(cohort.name)
    expect(cohort_step(page, "Class list signed as accurate")).to_contain_text("To do")
    expect(page.get_by_role("button", name="Sign the class list as accurate")).to_have_count(0)
    expect(page.get_by_text("Check the awarding body's registration list")).to_have_count(0)
    check_page(page, "eo-cohort-before")

    steps.enrol(page, ref="HSC-LATE-01", first="Zainab", last="Okonkwo-Hart", born="2011-02-14",
                admitted=today.isoformat(), email="z.okonkwo-hart@learners.example")
    late = page.get_by_role("row").filter(has_text="Okonkwo-Hart, Zainab")
    expect(late).to_contain_text("HSC-LATE-01")
    expect(late).to_contain_text("Passport")
    expect(cohort_step(page, "Learners registered")).to_contain_text("0 of 31 registered")
    check_page(page, "eo-cohort-enrolled")

    # --- The Programme Leader signs the class list ---------------------------------------
    leader = visit()
    lpage = leader.log_in(LEADER, DEMO_PASSWORD)
    lpage.goto(cohort_url)
    expect(lpage.get_by_role("link", name="Record registration numbers")).to_have_count(0)
    expect(lpage.get_by_text("Enrol a learner on this cohort")).to_have_count(0)
    check_page(lpage, "pl-cohort-unsigned")
    steps.sign_class_list(lpage)
    expect(cohort_step(lpage, "Class list signed as accurate")).to_contain_text("Done")
    expect(cohort_step(lpage, "Class list signed as accurate")).to_contain_text(
        "signed by Aisha Bello")
    expect(lpage.get_by_role("table").get_by_text("not on a signed class list")).to_have_count(0)
    expect(lpage.get_by_role("button", name="Sign the class list again")).to_be_visible()
    check_page(lpage, "pl-cohort-signed")

    # --- The Exams Officer records the numbers: five typed, the rest imported ------------
    page.goto("/registrations/queue/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Registration queue")
    expect(page.get_by_role("listitem").filter(has_text=cohort.name)).to_contain_text(
        "31 waiting")
    check_page(page, "eo-queue")
    page.goto(cohort_url)
    page.get_by_role("link", name="Record registration numbers").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Record registration numbers")
    check_page(page, "eo-register")
    waiting = list(cohort.learners.filter(status=LearnerStatus.ENROLLED).order_by("pk"))
    assert len(waiting) == 31
    numbers = {lr.pk: f"HSC{cohort.pk:02d}{i:05d}" for i, lr in enumerate(waiting)}

    steps.type_registration_numbers(page, {waiting[0].full_name: "HS-1"})
    expect(status(page)).to_contain_text("is not a registration number")
    expect(page.get_by_label(f"Registration number for {waiting[0].full_name}")).to_have_value(
        "HS-1")
    check_page(page, "eo-register-refused")

    steps.type_registration_numbers(page, {lr.full_name: numbers[lr.pk] for lr in waiting[:5]})
    expect(status(page)).to_contain_text("5 learners registered.")
    expect(cohort_step(page, "Learners registered")).to_contain_text("5 of 31 registered")

    page.get_by_role("link", name="Record registration numbers").click()
    rest = "centre_ref,registration_number\n" + "".join(
        f"{lr.centre_ref},{numbers[lr.pk]}\n" for lr in waiting[5:])
    page.get_by_label("CSV file").set_input_files(
        {"name": "numbers.csv", "mimeType": "text/csv", "buffer": rest.encode()})
    page.get_by_role("button", name="Import registration numbers").click()
    expect(status(page)).to_contain_text("Registration numbers imported.")
    expect(cohort_step(page, "Learners registered")).to_contain_text("31 of 31 registered")
    expect(cohort_step(page, "Learners registered")).to_contain_text("Done")
    expect(page.get_by_role("link", name="Record registration numbers")).to_have_count(0)
    check_page(page, "eo-cohort-registered")
    assert cohort.learners.filter(status=LearnerStatus.REGISTERED).count() == 31

    # --- The Programme Leader checks the awarding body's list: one difference first ------
    misspelt = Learner.objects.get(pk=waiting[3].pk)
    lpage.goto(cohort_url)
    steps.compare_awarding_body_list(lpage, awarding_body_export(cohort, misspelt))
    expect(lpage.get_by_role("heading", name="1 difference")).to_be_visible()
    differences = lpage.get_by_role("table", name="Differences")
    expect(differences.get_by_role("row")).to_have_count(2)  # the header and one difference
    expect(differences).to_contain_text(
        f"{misspelt.full_name} ({misspelt.registration_number}) is named "
        f"{misspelt.first_name} {misspelt.last_name}e by the awarding body.")
    expect(lpage.get_by_role("button", name="Confirm the registrations are accurate")) \
        .to_have_count(0)
    check_page(lpage, "pl-check-difference")
    check_url = lpage.url

    lpage.get_by_role("button", name="Ask the Exams Officer for these changes").click()
    expect(status(lpage)).to_contain_text("Say what the Exams Officer needs to change.")
    lpage.get_by_label("What needs changing").fill(
        f"The awarding body spells {misspelt.full_name}'s surname wrongly: please correct it "
        f"to {misspelt.last_name}.")
    lpage.get_by_role("button", name="Ask the Exams Officer for these changes").click()
    expect(status(lpage)).to_contain_text("Changes asked of the Exams Officer.")
    expect(lpage.get_by_role("button", name="Ask the Exams Officer for these changes")) \
        .to_have_count(0)
    check_page(lpage, "pl-check-changes-asked")

    # The Exams Officer finds the request in their queue and makes the change.
    page.goto("/registrations/queue/")
    changes = page.get_by_role("listitem").filter(has_text="spells")
    expect(changes).to_contain_text(cohort.name)
    check_page(page, "eo-queue-changes")
    changes.get_by_role("link", name=cohort.name).click()
    expect(page).to_have_url(check_url)
    expect(page.get_by_role("button", name="Ask the Exams Officer for these changes")) \
        .to_have_count(0)
    check_page(page, "eo-check-changes-asked")
    page.get_by_role("button", name="I have made these changes with the awarding body").click()
    expect(status(page)).to_contain_text("The Programme Leader will check a fresh list.")
    expect(page.get_by_role("button", name=re.compile("I have made these changes"))) \
        .to_have_count(0)
    check_page(page, "eo-check-changes-made")

    # A fresh, correct export, confirmed.
    lpage.goto(cohort_url)
    expect(cohort_step(lpage, "Awarding body's list checked")).to_contain_text("To do")
    steps.compare_awarding_body_list(lpage, awarding_body_export(cohort))
    expect(lpage.get_by_role("heading", name="No differences")).to_be_visible()
    check_page(lpage, "pl-check-clean")
    steps.confirm_registrations(lpage)
    check_page(lpage, "pl-check-confirmed")
    lpage.get_by_role("link", name=cohort.name).first.click()
    for title in ("Class list signed as accurate", "Learners registered",
                  "Awarding body's list checked"):
        expect(cohort_step(lpage, title)).to_contain_text("Done")
    check_page(lpage, "pl-cohort-confirmed")

    # --- A withdrawal: the Programme Leader asks, the QN and the EO both sign ------------
    leaving = Learner.objects.get(pk=waiting[7].pk)
    lpage.get_by_role("link", name=f"{leaving.last_name}, {leaving.first_name}").click()
    expect(lpage.get_by_role("heading", level=1)).to_have_text(leaving.full_name)
    expect(lpage.get_by_role("definition").filter(has_text=leaving.registration_number)) \
        .to_be_visible()
    check_page(lpage, "pl-learner")
    lpage.get_by_text("Start a withdrawal").click()
    lpage.get_by_label("Reason").fill("Moved out of the area with the family.")
    lpage.get_by_label("Last day on the programme").fill((today - timedelta(days=1))
                                                         .isoformat())
    lpage.get_by_role("button", name="Request withdrawal").click()
    expect(status(lpage)).to_contain_text("Withdrawal requested.")
    expect(lpage.get_by_text("Waiting for sign-off by the Quality Nominee and the Exams "
                             "Officer")).to_be_visible()
    expect(learner_status(lpage)).to_have_text("Registered — withdrawal waiting for sign-off")
    expect(lpage.get_by_role("button", name=re.compile("^Sign off as"))).to_have_count(0)
    check_page(lpage, "pl-learner-withdrawal-asked")
    learner_url = lpage.url

    nominee = visit()
    qpage = nominee.log_in(NOMINEE, DEMO_PASSWORD)
    qpage.goto("/registrations/overview/")
    expect(qpage.get_by_role("heading", level=1)).to_have_text("Registration overview")
    expect(qpage.get_by_role("heading", name=re.compile("Evidence for QO.3"))).to_be_visible()
    waiting_sign_off = qpage.get_by_role("listitem").filter(has_text=leaving.full_name)
    expect(waiting_sign_off).to_contain_text("Quality Nominee: not signed")
    expect(qpage.get_by_role("listitem").filter(has_text=cohort.name)).to_have_count(0)
    check_page(qpage, "qn-overview")
    waiting_sign_off.get_by_role("link", name=leaving.full_name).click()
    expect(qpage.get_by_role("button", name="Sign off as Exams Officer")).to_have_count(0)
    qpage.get_by_role("button", name="Sign off as Quality Nominee").click()
    expect(status(qpage)).to_contain_text("Signed off.")
    expect(qpage.get_by_text("signed by Priya Raman")).to_be_visible()
    expect(qpage.get_by_text("Waiting for sign-off by the Exams Officer")).to_be_visible()
    expect(learner_status(qpage)).to_have_text("Registered — withdrawal waiting for sign-off")
    expect(qpage.locator("main p.lead")).not_to_contain_text("Withdrawn")
    check_page(qpage, "qn-learner-signed")
    assert Learner.objects.get(pk=leaving.pk).status == LearnerStatus.REGISTERED

    page.goto("/registrations/queue/")
    mine = page.get_by_role("listitem").filter(has_text=leaving.full_name)
    expect(mine).to_contain_text("requested by Aisha Bello")
    expect(mine).to_contain_text("Quality Nominee: signed")
    check_page(page, "eo-queue-withdrawal")
    mine.get_by_role("link", name=leaving.full_name).click()
    expect(page).to_have_url(learner_url)
    expect(page.get_by_role("button", name="Sign off as Quality Nominee")).to_have_count(0)
    page.get_by_role("button", name="Sign off as Exams Officer").click()
    expect(status(page)).to_contain_text("Signed off.")
    expect(learner_status(page)).to_have_text("Withdrawn")
    expect(page.locator(".panel").filter(has_text="Reason:")).to_contain_text(
        f"Withdrawn on {date_format(today, 'j M Y')}")
    expect(page.get_by_role("button", name=re.compile("^Sign off as"))).to_have_count(0)
    check_page(page, "eo-learner-withdrawn")
    assert Learner.objects.get(pk=leaving.pk).status == LearnerStatus.WITHDRAWN

    # The cohort page counts the withdrawn learner out and shows her status.
    page.goto(cohort_url)
    expect(page.get_by_role("row").filter(has_text=leaving.centre_ref)).to_contain_text(
        "Withdrawn")

    # --- The Head of Centre reads, and has no one's buttons ------------------------------
    head = visit()
    hpage = head.log_in(HEAD, DEMO_PASSWORD)
    hpage.goto(cohort_url)
    expect(hpage.get_by_role("heading", level=1)).to_have_text(cohort.name)
    expect(hpage.get_by_role("button", name="Sign the class list as accurate")).to_have_count(0)
    expect(hpage.get_by_role("link", name="Record registration numbers")).to_have_count(0)
    expect(hpage.locator("main details")).to_have_count(0)
    check_page(hpage, "hoc-cohort")

    # --- The learner reads their own number ----------------------------------------------
    me = Learner.objects.get(user__email=LEARNER)
    assert me.registration_number
    learner = visit()
    mpage = learner.log_in(LEARNER, DEMO_PASSWORD)
    mpage.goto("/registrations/me/")
    expect(mpage.get_by_role("heading", level=1)).to_have_text("My registration")
    expect(mpage.get_by_role("definition").filter(has_text=me.registration_number)) \
        .to_be_visible()
    expect(mpage.locator("main")).to_contain_text("Registered")
    check_page(mpage, "learner-my-record")

    # --- On a phone (WCAG 1.4.10, 320 CSS pixels) no page scrolls sideways ---------------
    pages = [(page, "eo", ["/registrations/cohorts/", cohort_url, "/registrations/queue/",
                           f"/registrations/cohorts/{demo_sport_cohort_pk()}/register/",
                           learner_url]),
             (lpage, "pl", [check_url, cohort_url]),
             (qpage, "qn", ["/registrations/overview/"]),
             (mpage, "learner", ["/registrations/me/"])]
    too_wide = []
    for p, who, urls in pages:
        p.set_viewport_size({"width": 320, "height": 800})
        for n, url in enumerate(urls):
            width = steps.width_at_320(p, url, f"reg-320-{who}-{n}")
            if width > 320:
                too_wide.append(f"{who} {url}: {width}px")
            axe_check(p, f"reg-320-{who}-{n}")
    assert too_wide == [], "\n".join(too_wide)
    for visitor in (exams, leader, nominee, head, learner):
        assert visitor.csp_errors == []


def demo_sport_cohort_pk():
    """The Sport cohort still has learners waiting, so its register page has a table."""
    from registrations.models import Cohort

    return Cohort.objects.get(programme__centre__number="48213", programme__code="BSP3X1").pk


def post_from_the_page(page, url):
    """POST to `url` from a form in the page, with the page's CSRF token, as a forged or stale
    form would; returns once the browser shows the answer."""
    token = next(c["value"] for c in page.context.cookies() if c["name"] == "csrftoken")
    with page.expect_navigation():
        page.evaluate("""([url, token]) => {
            const form = document.createElement('form');
            form.method = 'post';
            form.action = url;
            const input = document.createElement('input');
            input.type = 'hidden';
            input.name = 'csrfmiddlewaretoken';
            input.value = token;
            form.append(input);
            document.body.append(form);
            form.submit();
        }""", [url, token])
    return token


def test_only_the_cohorts_own_programme_leader_can_sign_its_class_list(demo, visit, live_server):
    """Another programme's leader cannot even find the cohort (404, as for anything they may
    not read); the Exams Officer, who reads it, is offered no sign button, and a POST to the
    sign action is refused with a page that says so (403). Nothing is signed."""
    cohort = hsc_cohort()
    sign_url = f"/registrations/cohorts/{cohort.pk}/class-list/sign/"

    visitor = visit()
    page = visitor.log_in(OTHER_LEADER, DEMO_PASSWORD)
    page.goto("/registrations/cohorts/")
    expect(page.get_by_role("link", name=cohort.name)).to_have_count(0)
    response = page.goto(f"/registrations/cohorts/{cohort.pk}/")
    assert response.status == 404
    expect(page.get_by_role("heading", level=1)).to_have_text("Page not found")
    axe_check(page, "reg-other-pl-cohort-404")
    token = next(c["value"] for c in visitor.context.cookies() if c["name"] == "csrftoken")
    refused = page.request.post(sign_url, headers={
        "X-CSRFToken": token, "Referer": f"{live_server.url}/registrations/cohorts/"})
    assert refused.status == 404

    exams = visit()
    page = exams.log_in(EXAMS, DEMO_PASSWORD)
    page.goto(f"/registrations/cohorts/{cohort.pk}/")
    expect(page.get_by_role("heading", level=1)).to_have_text(cohort.name)
    expect(page.get_by_role("button", name=re.compile("Sign the class list"))).to_have_count(0)
    token = next(c["value"] for c in exams.context.cookies() if c["name"] == "csrftoken")
    refused = page.request.post(sign_url, headers={
        "X-CSRFToken": token, "Referer": f"{live_server.url}/registrations/cohorts/"})
    assert refused.status == 403
    post_from_the_page(page, sign_url)
    expect(page.get_by_role("heading", level=1)).to_have_text("You cannot do that here")
    expect(page.get_by_text("Nothing has been changed.")).to_be_visible()
    expect(page.get_by_role("link", name="Go to your home page")).to_be_visible()
    axe_check(page, "reg-eo-sign-refused")
    assert not cohort.class_lists.exists()
    assert visitor.csp_errors == [] and exams.csp_errors == []
