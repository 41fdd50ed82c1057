"""One cohort walked in a real browser from its class list to a certificate in the learner's
hands, each step by the demo role whose step it is: a late arrival enrolled and the class list
signed again, the learners still waiting registered and the awarding body's list reconciled;
an assignment planned, its brief verified and issued; the work handed in and assessed, sampled
and verified, and the result released; the eligibility for a claim read, the student report
completed and checked; the claim submitted and confirmed by a second person; the certificate
recorded, checked and issued; and the learner reads that it is issued. axe checks every page
visited.

The cohort is the demo's Sport cohort, where the demo learner persona studies. Its full
qualification needs two externally assessed mandatory units the centre cannot award, so the
learner is claimed unit certification (the route for a learner leaving early) for the unit the
new assignment covers."""

import re
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.utils import timezone
from playwright.sync_api import expect

from qmr.demo import DEMO_PASSWORD
from tests.browser import steps
from tests.browser.steps import h1, nav, region, status, work_item
from tests.browser.support import axe_check

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

EXAMS = "exams@brookfield.example"  # Tom Whitaker
LEADER = "sport.lead@brookfield.example"  # Jordan Ellis
LEAD_IV = "lead.iv@brookfield.example"  # Helen Carter
IV = "s.patel@brookfield.example"  # Samir Patel
ASSESSOR = "r.ng@brookfield.example"  # Rachel Ng
NOMINEE = "quality@brookfield.example"  # Priya Raman, the claim's second person
LEARNER = "learner@brookfield.example"
TITLE = "Leading a sports session"
UNIT = "Unit 4 Sports Leadership"
EVIDENCE = {"name": "session.pdf", "mimeType": "application/pdf",
            "buffer": b"%PDF-1.4 my session plan and leadership log"}
# The certificates come in December; sessions last two weeks, so the day is within them.
CERTIFICATES_DAY = datetime(2026, 12, 3, 10, 0, tzinfo=ZoneInfo("Europe/London"))
CERTIFICATES_CAME = date(2026, 12, 2)

check_page = steps.page_checker("cert")


def test_one_cohort_goes_from_its_class_list_to_a_certificate_the_learner_sees(
        demo, visit, live_server):
    from registrations.models import Cohort, Learner, LearnerStatus

    cohort = Cohort.objects.select_related("programme").get(
        programme__centre=demo, programme__code="BSP3X1")
    programme = cohort.programme
    cohort_url = f"/registrations/cohorts/{cohort.pk}/"
    learner = Learner.objects.get(user__email=LEARNER)
    assert learner.cohort_id == cohort.pk
    today = timezone.localdate()
    assert today == date(2026, 11, 23)

    # --- (1) The Exams Officer enrols a late arrival. ------------------------------------------
    exams = visit()
    e_page = exams.log_in(EXAMS, DEMO_PASSWORD)
    e_page.goto(cohort_url)
    expect(h1(e_page)).to_have_text(cohort.name)
    steps.enrol(e_page, ref="SP-LATE-01", first="Imogen", last="Farrant-Lowe",
                born="2009-05-02", admitted=today.isoformat(),
                email="i.farrant-lowe@learners.example")
    expect(e_page.get_by_role("row").filter(has_text="Farrant-Lowe, Imogen")).to_contain_text(
        "not on a signed class list")
    check_page(e_page, "eo-cohort-enrolled")

    # --- (2) The Programme Leader signs the class list again, with her on it. ------------------
    leader = visit()
    pl_page = leader.log_in(LEADER, DEMO_PASSWORD)
    pl_page.goto(cohort_url)
    check_page(pl_page, "pl-cohort")
    steps.sign_class_list(pl_page, again=True)
    expect(steps.cohort_step(pl_page, "Class list signed as accurate")).to_contain_text(
        "signed by Jordan Ellis")
    expect(pl_page.get_by_role("table").get_by_text("not on a signed class list")
           ).to_have_count(0)
    check_page(pl_page, "pl-cohort-signed")

    # --- (3) The Exams Officer registers the four learners still waiting. ----------------------
    waiting = list(cohort.learners.filter(status=LearnerStatus.ENROLLED).order_by("pk"))
    assert len(waiting) == 4
    e_page.goto(cohort_url)
    e_page.get_by_role("link", name="Record registration numbers").click()
    expect(h1(e_page)).to_have_text("Record registration numbers")
    check_page(e_page, "eo-register")
    steps.type_registration_numbers(e_page, {
        lr.full_name: f"SP{cohort.pk:02d}{900 + i:05d}" for i, lr in enumerate(waiting)})
    expect(status(e_page)).to_contain_text("4 learners registered.")
    expect(steps.cohort_step(e_page, "Learners registered")).to_contain_text("31 of 31 registered")
    check_page(e_page, "eo-cohort-registered")

    # --- (4) The Programme Leader reconciles the awarding body's list. -------------------------
    pl_page.goto(cohort_url)
    steps.compare_awarding_body_list(pl_page, steps.awarding_body_export(cohort))
    check_page(pl_page, "pl-check-clean")
    steps.confirm_registrations(pl_page)
    pl_page.get_by_role("link", name=cohort.name).first.click()
    for title in ("Class list signed as accurate", "Learners registered",
                  "Awarding body's list checked"):
        expect(steps.cohort_step(pl_page, title)).to_contain_text("Done")
    check_page(pl_page, "pl-cohort-confirmed")

    # --- (5) The Programme Leader plans an assignment for Unit 4 in a new version of the plan;
    # the Lead IV signs the version off. ---------------------------------------------------------
    nav(pl_page, "Assessment plans")
    pl_page.get_by_role("link", name=programme.title).click()
    expect(pl_page.locator("main .lead")).to_contain_text("Signed off")
    pl_page.get_by_role("button", name="Start a new version to change it").click()
    expect(status(pl_page)).to_contain_text("Version 2 started from this one.")
    pl_page.get_by_text("Add an assignment").click()
    pl_page.get_by_label("Title").fill(TITLE)
    for code in ("P1", "P2", "M1", "P3", "M2", "D1"):
        pl_page.get_by_label(f"Unit 4 {code}", exact=True).check()
    pl_page.get_by_label("Hand-out date").fill(today.isoformat())
    pl_page.get_by_label("Submission deadline").fill((today + timedelta(days=11)).isoformat())
    pl_page.get_by_label("Brief verified by").fill(today.isoformat())
    pl_page.get_by_label("Assessor").select_option(label="Rachel Ng")
    pl_page.get_by_label("Internal verifier").select_option(label="Samir Patel")
    pl_page.get_by_label("Vocational scenario").fill(
        "A primary school asks the college's sports leaders to run its lunchtime club.")
    pl_page.get_by_label("Tasks").fill(
        "1. Describe the qualities of effective sports leaders (P1).\n2. Compare two leaders' "
        "styles (P2, M1).\n3. Plan and lead a safe session (P3), adapting it (M2).\n"
        "4. Evaluate your own leadership (D1).")
    pl_page.get_by_label("Evidence expected").fill(
        "A session plan, a leadership log and an observation record signed by the assessor.")
    pl_page.get_by_role("button", name="Add assignment").click()
    expect(status(pl_page)).to_contain_text("Assignment added.")
    expect(pl_page.get_by_role("link", name=TITLE)).to_be_visible()
    check_page(pl_page, "pl-plan-v2")

    lead = visit()
    lead_page = lead.log_in(LEAD_IV, DEMO_PASSWORD)
    nav(lead_page, "Assessment plans")
    lead_page.get_by_role("row").filter(has_text="Not yet").get_by_role(
        "link", name=programme.title).click()
    check_page(lead_page, "lead-plan-v2")
    lead_page.get_by_role("button", name="Sign the plan off").click()
    expect(status(lead_page)).to_contain_text("You signed the plan off.")
    plan_url = lead_page.url

    # --- (6) The Internal Verifier verifies the brief; the assessor issues it. -----------------
    verifier = visit()
    v_page = verifier.log_in(IV, DEMO_PASSWORD)
    v_page.goto(plan_url)
    v_page.get_by_role("link", name=TITLE).click()
    expect(h1(v_page)).to_have_text(TITLE)
    check_page(v_page, "iv-assignment")
    v_page.get_by_role("link", name="Verify the brief with the checklist").click()
    check_page(v_page, "iv-brief")
    steps.verify_brief(v_page, "Each task names the criteria it covers; a fair time to lead "
                               "and log a session.")
    check_page(v_page, "iv-brief-verified")

    assessor = visit()
    a_page = assessor.log_in(ASSESSOR, DEMO_PASSWORD)
    nav(a_page, "My assessing")
    a_page.get_by_role("link", name=TITLE).click()
    expect(h1(a_page)).to_have_text(TITLE)
    steps.issue_brief(a_page, cohort.name)
    expect(region(a_page, "Issued to")).to_contain_text(cohort.name)
    check_page(a_page, "assessor-issued")

    # --- (7) The learner hands in; the assessor assesses the work. -----------------------------
    pupil = visit()
    l_page = pupil.log_in(LEARNER, DEMO_PASSWORD)
    nav(l_page, "My work")
    work = l_page.get_by_role("region", name=TITLE)
    steps.hand_in(l_page, work, EVIDENCE)
    expect(work).to_contain_text("Handed in")
    check_page(l_page, "learner-handed-in")

    work_label = f"{learner} — {TITLE}"
    nav(a_page, "My assessing")
    region(a_page, "Waiting for your decision").get_by_role("link", name=work_label).click()
    check_page(a_page, "assessor-to-decide")
    steps.decide(a_page, {"P1": True, "P2": True, "M1": True, "P3": True, "M2": True,
                          "D1": False},
                 "A safe, well-paced session. For D1, set targets from your own evaluation.",
                 can_improve=False)
    work_url = a_page.url
    check_page(a_page, "assessor-decided")

    # --- (8) The IV samples the decision and verifies it; the assessor releases the result. ----
    nav(v_page, "My verifications")
    region(v_page, "Programmes you verify").get_by_role(
        "link", name=re.compile(re.escape(programme.title))).click()
    proposal = region(v_page, "Proposed sample")
    expect(proposal).to_contain_text(str(learner))
    check_page(v_page, "iv-programme")
    steps.take_sample(v_page, (today + timedelta(days=7)).isoformat())
    nav(v_page, "My verifications")
    region(v_page, "Sampled work waiting for you").get_by_role("link", name=work_label).click()
    check_page(v_page, "iv-verify")
    steps.verify_decision(v_page, "Accurate throughout; D1 rightly not yet met.")
    expect(v_page.get_by_role("region", name=re.compile("Verified by Samir Patel"))
           ).to_contain_text("Decisions accurate")
    check_page(v_page, "iv-verified")

    a_page.goto(work_url)
    steps.release_result(a_page)
    check_page(a_page, "assessor-released")

    # --- (9) The Lead IV reads the cohort's eligibility and completes the student report. -------
    lead_page.goto(cohort_url)
    lead_page.get_by_role("link", name="Eligibility for claims").click()
    expect(h1(lead_page)).to_have_text("Eligibility for claims")
    lead_page.get_by_label("Unit certification (a learner who leaves early)").check()
    lead_page.get_by_label(UNIT).check()
    lead_page.get_by_role("button", name="Show").click()
    row = lead_page.get_by_role("row").filter(has=lead_page.get_by_role(
        "link", name=f"{learner.last_name}, {learner.first_name}"))
    expect(row).to_contain_text("Can be claimed")
    expect(row).to_contain_text("Unit 4: M")
    check_page(lead_page, "lead-eligibility")
    row.get_by_role("link", name=f"{learner.last_name}, {learner.first_name}").click()
    expect(h1(lead_page)).to_have_text(learner.full_name)
    check_page(lead_page, "lead-learner")
    lead_page.get_by_role("link", name="Complete a student report").click()
    expect(h1(lead_page)).to_have_text(f"Student report for {learner}")
    report_new_url = lead_page.url
    check_page(lead_page, "lead-report-new")
    # Leaving early: unit certification for the unit the assignment covers.
    lead_page.get_by_role("radio", name=re.compile("Unit certification")).check()
    lead_page.get_by_role("checkbox", name="Unit 4 Sports Leadership (M)").check()
    lead_page.get_by_role("button", name="Complete the student report").click()
    expect(status(lead_page)).to_contain_text("Student report completed.")
    expect(lead_page.get_by_role("paragraph").filter(has=lead_page.get_by_role(
        "link", name="Student report", exact=True))).to_contain_text(
        "Unit certification: Unit 4: M, 10 points")
    expect(lead_page.locator("main")).to_contain_text("not yet checked by the Programme Leader")
    check_page(lead_page, "lead-learner-reported")

    # --- (10) The Programme Leader checks it. --------------------------------------------------
    pl_page.goto("/")
    work_item(pl_page, f"Check the student report of {learner}").click()
    expect(h1(pl_page)).to_have_text(f"Student report for {learner}")
    expect(pl_page.locator("main")).to_contain_text("Unit certification")
    check_page(pl_page, "pl-report")
    report_url = pl_page.url
    pl_page.get_by_role("button", name="The report is accurate").click()
    expect(status(pl_page)).to_contain_text("Checked.")
    expect(pl_page.get_by_role("button", name="The report is accurate")).to_have_count(0)
    check_page(pl_page, "pl-report-checked")

    # --- (11) The Exams Officer submits the claim; the Quality Nominee confirms it. ------------
    nav(e_page, "Claims")
    expect(h1(e_page)).to_have_text("Certification claims")
    check_page(e_page, "eo-claims")
    ready = e_page.get_by_role("group", name=re.compile(re.escape(programme.title)))
    ready.get_by_label(re.compile(re.escape(str(learner)))).check()
    ready.get_by_role("button", name="Submit a claim for the learners ticked").click()
    expect(status(e_page)).to_contain_text("Claim submitted.")
    expect(h1(e_page)).to_have_text(f"Claim for {programme.title}")
    expect(e_page.get_by_role("row", name=str(learner))).to_contain_text(
        "Unit certification: Unit 4: M, 10 points")
    expect(e_page.get_by_role("button", name=re.compile("Confirm this claim"))).to_have_count(0)
    check_page(e_page, "eo-claim-submitted")
    claim_url = e_page.url

    nominee = visit()
    q_page = nominee.log_in(NOMINEE, DEMO_PASSWORD)
    work_item(q_page, re.compile(rf"^Confirm Claim \d+ for {re.escape(programme.title)}")
              ).click()
    expect(q_page).to_have_url(re.compile(re.escape(claim_url) + "$"))
    check_page(q_page, "qn-claim")
    q_page.get_by_role("button", name="Confirm this claim as the second person").click()
    expect(status(q_page)).to_contain_text("Claim confirmed: it now counts as submitted.")
    expect(q_page.locator("main dl.facts")).to_contain_text("confirmed by Priya Raman")
    check_page(q_page, "qn-claim-confirmed")

    # --- (12) In December the certificate comes: recorded, checked and issued. -----------------
    with time_machine.travel(CERTIFICATES_DAY, tick=True):
        nav(e_page, "Claims")
        e_page.get_by_role("link", name=re.compile(re.escape(programme.title))).click()
        check_page(e_page, "eo-claim-confirmed")
        e_page.get_by_label(str(learner)).check()
        e_page.get_by_label("Date they arrived").fill(CERTIFICATES_CAME.isoformat())
        e_page.get_by_role("button", name="Record them as received").click()
        expect(status(e_page)).to_contain_text("Recorded.")
        expect(e_page.get_by_role("table")).to_contain_text("Received 2 Dec 2026")
        check_page(e_page, "eo-certificate-received")
        e_page.get_by_label("Yes: name, units and grades match").check()
        e_page.get_by_role("button", name="Record the check").click()
        expect(status(e_page)).to_contain_text("Certificate checked.")
        check_page(e_page, "eo-certificate-checked")
        e_page.get_by_role("button", name=f"Issue to {learner.first_name}").click()
        expect(status(e_page)).to_contain_text("Certificate issued to the learner.")
        expect(e_page.get_by_role("table")).to_contain_text("Issued 3 Dec 2026")
        check_page(e_page, "eo-certificate-issued")

        # --- (13) The learner sees it. ---------------------------------------------------------
        l_page.goto("/")
        nav(l_page, "My registration")
        certificate = l_page.locator("main dl.facts dt", has_text="My certificate").locator(
            "xpath=following-sibling::dd[1]")
        expect(certificate).to_contain_text("Issued")
        check_page(l_page, "learner-my-record")

        # The Quality Nominee's overview counts it.
        nav(q_page, "Certification overview")
        sport = q_page.get_by_role("row").filter(
            has=q_page.get_by_role("rowheader", name=programme.title))
        expect(sport.get_by_role("cell")).to_have_text(
            ["1", "1", "1", "none", "1", "1", "0", "0", "1"])
        check_page(q_page, "qn-overview")

        # On a phone (WCAG 1.4.10 reflow, 320 CSS pixels) no certification page scrolls
        # sideways.
        too_wide = []
        for page, url, who in [
                (e_page, "/registrations/claims/", "eo-claims"), (e_page, claim_url, "eo-claim"),
                (lead_page, report_new_url, "lead-report-new"), (pl_page, report_url, "pl-report"),
                (q_page, "/registrations/certification/", "qn-overview"),
                (l_page, "/registrations/me/", "learner-my-record")]:
            width = steps.width_at_320(page, url, f"cert-320-{who}")
            if width > 320:
                too_wide.append(f"{who} {url}: {width}px")
            axe_check(page, f"cert-320-{who}")
        assert too_wide == [], "\n".join(too_wide)

    for visitor in (exams, leader, lead, verifier, assessor, pupil, nominee):
        assert visitor.csp_errors == []
