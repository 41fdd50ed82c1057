"""The standards verifier's journey in Chromium, on the demo centre: Gareth Hughes reads Sport's
sample (its learners, their work, the assessment and IV records) and nothing else; the Lead IV
reads the programme's standards verification and the Quality Nominee sees it on the IV
overview; once the last day of his access has passed, Gareth sees nothing at all."""

import re
from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from playwright.sync_api import expect

from qmr.demo import DEMO_PASSWORD
from tests.browser import steps
from tests.browser.steps import h1, nav, region

pytestmark = pytest.mark.browser

SV = "sv@awarding.example"  # Gareth Hughes
LEAD_IV = "lead.iv@brookfield.example"  # Helen Carter
NOMINEE = "quality@brookfield.example"  # Priya Raman

check_page = steps.page_checker("sv")


def test_the_standards_verifier_reads_exactly_the_sample_until_access_ends(demo, visit):
    from assessment.models import Submission
    from qmr.models import Appointment
    from registrations.models import Learner
    from verification.standards.models import SampleRound

    sample = SampleRound.objects.get(standards_verification__programme__centre=demo,
                                     standards_verification__programme__code="BSP3X1")
    sampled = list(sample.learners.order_by("last_name", "first_name"))
    unsampled = Learner.objects.filter(programme__code="BSP3X1", programme__centre=demo).exclude(
        pk__in=[lr.pk for lr in sampled]).first()
    work = Submission.objects.filter(learner=sampled[0], decisions__isnull=False).first()

    # --- (1) Gareth finds the sample from his home page and reads it. -------------------------
    verifier = visit()
    page = verifier.log_in(SV, DEMO_PASSWORD)
    check_page(page, "home")
    nav(page, "Standards verification samples")
    expect(h1(page)).to_have_text("Standards verification samples")
    panel = region(page, f"{sample.standards_verification.programme.title}: sample 1")
    expect(panel).to_contain_text("Released")
    rows = panel.get_by_role("table", name="Learners sampled").get_by_role("row")
    expect(rows).to_have_count(len(sampled) + 1)  # the header row, then one per learner
    check_page(page, "samples")

    panel.get_by_role("link", name=str(sampled[0])).click()
    expect(h1(page)).to_have_text(str(sampled[0]))
    check_page(page, "learner")
    page.get_by_role("link", name=str(work.assignment)).first.click()
    expect(h1(page)).to_have_text(str(work.assignment))
    expect(page.get_by_role("heading", name="Assessment decisions")).to_be_visible()
    expect(page.get_by_role("heading", name="Internal verification", exact=True)).to_be_visible()
    expect(page.get_by_role("table", name="Decision by criterion").first).to_be_visible()
    check_page(page, "work")

    # --- (2) Nothing outside the sample opens for him, not even the assessment pages. ---------
    for url in (f"/verification/standards/sampled/learners/{unsampled.pk}/",
                f"/assessment/submissions/{work.pk}/",
                f"/registrations/learners/{sampled[0].pk}/"):
        response = page.goto(url)
        assert response.status in (403, 404), url
    expect(h1(page)).not_to_have_text(re.compile(str(sampled[0])))

    # --- (3) The Lead IV reads the programme's standards verification. -------------------------
    lead = visit()
    lead_page = lead.log_in(LEAD_IV, DEMO_PASSWORD)
    lead_page.goto(f"/verification/programmes/{sample.standards_verification.programme_id}/")
    lead_page.get_by_role("link", name="Standards verification of this programme").click()
    expect(h1(lead_page)).to_have_text("Standards verification")
    expect(lead_page.get_by_role("heading", name=re.compile("Sample 1"))).to_contain_text(
        "Released")
    check_page(lead_page, "lead-programme")

    # --- (4) The Quality Nominee sees it among every programme's on the IV overview. ----------
    nominee = visit()
    qn_page = nominee.log_in(NOMINEE, DEMO_PASSWORD)
    nav(qn_page, "IV overview")
    expect(region(qn_page, "Standards verification this year")).to_contain_text(
        sample.standards_verification.programme.title)
    check_page(qn_page, "qn-overview")

    # --- (5) After his last day, Gareth logs in again and sees nothing. -----------------------
    last_day = max(a.last_day for a in Appointment.objects.filter(person__email=SV))
    after = datetime.combine(last_day + timedelta(days=1), time(9), ZoneInfo("Europe/London"))
    with time_machine.travel(after, tick=True):
        later = visit()
        page = later.log_in(SV, DEMO_PASSWORD)
        expect(page.get_by_role("navigation", name="Main").get_by_role(
            "link", name="Standards verification samples")).to_have_count(0)
        assert page.goto("/verification/standards/sampled/").status == 403
        assert page.goto(f"/verification/standards/sampled/learners/{sampled[0].pk}/"
                         ).status == 404
        assert page.goto(f"/verification/standards/sampled/work/{work.pk}/").status == 404
        check_page(page, "after-last-day")
