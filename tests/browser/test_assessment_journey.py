"""One assignment walked in a real browser from the signed-off plan to a resubmission assessed,
each step by the demo role whose step it is: the brief's internal verification, its issue, a
learner's hand-in with the declaration, the assessor's decision and feedback, the learner
reading it, the Lead IV authorising the one resubmission, and the resubmission assessed. axe
checks every page visited."""

import re
from datetime import date, timedelta

import pytest
from django.utils import timezone
from django.utils.formats import date_format
from playwright.sync_api import expect

from qmr.demo import DEMO_PASSWORD
from tests.browser import steps
from tests.browser.steps import h1, nav, result_row, status

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

ASSESSOR = "r.ng@brookfield.example"  # Rachel Ng
IV = "s.patel@brookfield.example"  # Samir Patel
LEAD_IV = "lead.iv@brookfield.example"  # Helen Carter
LEARNER = "learner@brookfield.example"
TITLE = "Planning my development"
EVIDENCE = {"name": "plan.pdf", "mimeType": "application/pdf",
            "buffer": b"%PDF-1.4 my personal development plan"}


check_page = steps.page_checker("assess")


def test_an_assignment_goes_from_plan_to_an_assessed_resubmission(demo, visit, live_server):
    from qmr.calendar import WorkingDays
    from registrations.models import Cohort, Learner

    cohort = Cohort.objects.select_related("programme").get(
        programme__centre=demo, programme__code="BSP3X1")
    learner = Learner.objects.get(user__email=LEARNER)
    learner_name = f"{learner.first_name} {learner.last_name}"
    today = timezone.localdate()
    assert today == date(2026, 11, 23)

    # --- Before verification the assessor cannot issue the brief. ---------------------------
    assessor = visit()
    a_page = assessor.log_in(ASSESSOR, DEMO_PASSWORD)
    nav(a_page, "My assessing")
    expect(h1(a_page)).to_have_text("My assessing")
    check_page(a_page, "assessor-my-assessing")
    a_page.get_by_role("link", name=TITLE).click()
    expect(h1(a_page)).to_have_text(TITLE)
    expect(a_page.get_by_text("Not verified yet")).to_be_visible()
    check_page(a_page, "assessor-assignment-unverified")
    assignment_url = a_page.url
    a_page.get_by_label("Cohort").select_option(label=cohort.name)
    a_page.get_by_role("button", name="Issue the brief").click()
    expect(status(a_page)).to_contain_text(
        f"The brief '{TITLE}' has not been internally verified yet")
    expect(status(a_page)).to_contain_text("Samir Patel")
    check_page(a_page, "assessor-issue-refused")

    # --- (1) The Internal Verifier finds the brief fit for purpose. ---------------------------
    verifier = visit()
    v_page = verifier.log_in(IV, DEMO_PASSWORD)
    nav(v_page, "Assessment plans")
    expect(h1(v_page)).to_have_text("Assessment plans")
    check_page(v_page, "iv-plan-list")
    v_page.get_by_role("link", name=cohort.programme.title).click()
    expect(h1(v_page)).to_contain_text("Assessment plan")
    expect(v_page.get_by_text("Signed off", exact=True)).to_be_visible()
    check_page(v_page, "iv-plan")
    v_page.get_by_role("link", name=TITLE).click()
    expect(h1(v_page)).to_have_text(TITLE)
    # The verifier verifies; issuing is not theirs.
    expect(v_page.get_by_role("button", name="Issue the brief")).to_have_count(0)
    check_page(v_page, "iv-assignment")
    v_page.get_by_role("link", name="Verify the brief with the checklist").click()
    steps.verify_brief(v_page, "Tasks match P3, P4, M2 and D1 as specified.")
    expect(v_page.get_by_role("region", name="Can it be issued?")).to_contain_text(
        "Approved for issue")
    v_page.get_by_role("link", name=f"← {TITLE}").click()
    verification = v_page.get_by_role("region", name="Internal verification of the brief")
    expect(verification).to_contain_text("Fit for purpose")
    expect(verification).to_contain_text("Samir Patel")
    check_page(v_page, "iv-verified")

    # --- (2) The assessor issues it to the Sport cohort. -------------------------------------
    a_page.goto(assignment_url)
    expect(a_page.get_by_role("region", name="Internal verification of the brief")
           ).to_contain_text("Fit for purpose")
    steps.issue_brief(a_page, cohort.name)
    issued = a_page.get_by_role("region", name="Issued to")
    expect(issued).to_contain_text(cohort.name)
    expect(issued).to_contain_text("Rachel Ng")
    # Issued to its only cohort, the brief is not offered for issue again.
    expect(a_page.get_by_role("button", name="Issue the brief")).to_have_count(0)
    check_page(a_page, "assessor-issued")

    # --- (3) The learner hands in their work with the declaration. ---------------------------
    pupil = visit()
    l_page = pupil.log_in(LEARNER, DEMO_PASSWORD)
    nav(l_page, "My work")
    expect(h1(l_page)).to_have_text("My work")
    work = l_page.get_by_role("region", name=TITLE)
    expect(work).to_contain_text("Not handed in yet")
    check_page(l_page, "learner-my-work")
    work.get_by_text("Hand in your work").click()
    work.get_by_label("Your work").set_input_files(EVIDENCE)
    # Forgetting the declaration is refused, and says why.
    work.get_by_role("button", name="Hand in").click()
    expect(status(l_page)).to_contain_text("Tick the declaration to say the work is your own")
    check_page(l_page, "learner-hand-in-refused")
    steps.hand_in(l_page, work, EVIDENCE)
    expect(work).to_contain_text("Handed in")
    expect(work.get_by_text("Hand in your work")).to_have_count(0)
    check_page(l_page, "learner-handed-in")
    work.get_by_role("link", name=re.compile("what you handed in")).click()
    expect(h1(l_page)).to_have_text(TITLE)
    expect(l_page.get_by_role("link", name="plan.pdf")).to_be_visible()
    expect(l_page.get_by_text("Your result has not been released yet.")).to_be_visible()
    check_page(l_page, "learner-submission-waiting")

    # --- (4) The assessor assesses it, with feedback, and releases the result. ---------------
    nav(a_page, "My assessing")
    waiting = a_page.get_by_role("region", name="Waiting for your decision")
    waiting.get_by_role("link", name=f"{learner_name} — {TITLE}").click()
    expect(h1(a_page)).to_have_text(TITLE)
    expect(a_page.get_by_text("Not assessed yet.")).to_be_visible()
    check_page(a_page, "assessor-to-decide")
    steps.decide(a_page, {"P3": True, "P4": True, "M2": False, "D1": False},
           "A clear plan. To reach M2, evaluate how each target supports your career aim.",
           can_improve=True)
    expect(result_row(a_page, "P3")).to_contain_text("Achieved")
    expect(result_row(a_page, "M2")).to_contain_text("Not yet achieved")
    expect(a_page.get_by_text("Not yet released to the learner.")).to_be_visible()
    check_page(a_page, "assessor-decided")
    first_url = a_page.url
    steps.release_result(a_page)
    expect(a_page.get_by_role("button", name="Release the result to the learner")
           ).to_have_count(0)
    check_page(a_page, "assessor-released")

    # --- (5) The learner reads the result and says they have received it. --------------------
    nav(l_page, "My work")
    work.get_by_role("link", name=re.compile("your result and feedback")).click()
    expect(h1(l_page)).to_have_text(TITLE)
    expect(result_row(l_page, "P4")).to_contain_text("Achieved")
    expect(result_row(l_page, "D1")).to_contain_text("Not yet achieved")
    expect(result_row(l_page, "M2")).to_contain_text("M2: not yet met")
    expect(l_page.get_by_text("evaluate how each target supports")).to_be_visible()
    check_page(l_page, "learner-result")
    l_page.get_by_role("button", name="I have received my result").click()
    expect(status(l_page)).to_contain_text("Recorded: the result was received today.")
    expect(l_page.get_by_text(f"You confirmed you received it on "
                              f"{date_format(today, 'j M Y')}.")).to_be_visible()
    check_page(l_page, "learner-received")

    # --- (6) The assessor asks the Lead IV for a resubmission. --------------------------------
    a_page.goto(first_url)
    a_page.get_by_role("button", name="Ask the Lead IV for a resubmission").click()
    expect(status(a_page)).to_contain_text("Resubmission requested: the Lead IV decides.")
    expect(a_page.get_by_text(re.compile("Resubmission: Requested"))).to_be_visible()
    check_page(a_page, "assessor-resubmission-requested")
    # A correction has its own page, which starts from the recorded decision (only looked at).
    a_page.get_by_role("link", name="Correct this decision").click()
    expect(h1(a_page)).to_have_text("Correct the decision")
    expect(a_page.get_by_role("group", name=re.compile(r"^M2\b")).get_by_label(
        "Not yet achieved", exact=True)).to_be_checked()
    check_page(a_page, "assessor-correct")

    # --- (7) The Lead IV authorises it, within ten term-time working days. -------------------
    lead = visit()
    lead_page = lead.log_in(LEAD_IV, DEMO_PASSWORD)
    lead_page.get_by_role("link", name=f"{learner_name} — {TITLE}").click()
    expect(h1(lead_page)).to_have_text("Resubmission requests")
    request = lead_page.get_by_role("region", name=f"{learner_name} — {TITLE}")
    check_page(lead_page, "lead-iv-requests")
    request.get_by_label("Resubmission deadline").fill((today + timedelta(days=30)).isoformat())
    request.get_by_role("button", name="Authorise").click()
    expect(status(lead_page)).to_contain_text("A resubmission cannot be authorised")
    latest = WorkingDays(demo).add(today, 10)
    expect(status(lead_page)).to_contain_text(
        f"within 10 term-time working days of the learner receiving the result, that is by "
        f"{latest.day} {latest:%B %Y}")
    check_page(lead_page, "lead-iv-too-late")
    deadline = WorkingDays(demo).add(today, 5)
    request.get_by_label("Resubmission deadline").fill(deadline.isoformat())
    request.get_by_role("button", name="Authorise").click()
    expect(status(lead_page)).to_contain_text("Resubmission authorised.")
    expect(request).to_have_count(0)
    check_page(lead_page, "lead-iv-authorised")

    # --- (8) The learner hands in the resubmission. -------------------------------------------
    nav(l_page, "My work")
    expect(work).to_contain_text("You may resubmit once")
    expect(work).to_contain_text(date_format(deadline, "l j F Y"))
    check_page(l_page, "learner-may-resubmit")
    steps.hand_in(l_page, work, EVIDENCE, summary="Hand in your resubmission")
    expect(work).to_contain_text("Resubmission: Handed in")
    expect(work.get_by_text("Hand in your resubmission")).to_have_count(0)
    check_page(l_page, "learner-resubmitted")

    # --- (9) The assessor assesses the resubmission; the learner sees the new result. --------
    nav(a_page, "My assessing")
    waiting.get_by_role("link", name=f"{learner_name} — {TITLE}").click()
    expect(a_page.locator("main .lead")).to_contain_text("Resubmission")
    check_page(a_page, "assessor-resubmission-to-decide")
    steps.decide(a_page, {"P3": True, "P4": True, "M2": True, "D1": True},
           "Your evaluation now links every target to your career aim.", can_improve=False)
    expect(result_row(a_page, "D1")).to_contain_text("Achieved")
    # Only one resubmission: none is offered for a resubmission.
    expect(a_page.get_by_role("button", name="Ask the Lead IV for a resubmission")
           ).to_have_count(0)
    steps.release_result(a_page)
    check_page(a_page, "assessor-resubmission-released")

    nav(l_page, "My work")
    expect(work.get_by_role("link", name=re.compile("your result and feedback"))
           ).to_have_count(2)
    check_page(l_page, "learner-both-results")
    work.get_by_role("link", name=re.compile("your result and feedback")).last.click()
    expect(l_page.locator("main .lead")).to_contain_text("Resubmission")
    for code in ("P3", "P4", "M2", "D1"):
        expect(result_row(l_page, code).get_by_text("Achieved", exact=True)).to_be_visible()
    expect(l_page.get_by_text("links every target to your career aim")).to_be_visible()
    check_page(l_page, "learner-resubmission-result")

    # On a phone (WCAG 1.4.10 reflow, 320 CSS pixels) no page scrolls sideways.
    pages = [(l_page, "/assessment/my-work/"), (l_page, l_page.url),
             (a_page, "/assessment/assessing/"), (a_page, assignment_url),
             (a_page, first_url), (lead_page, "/assessment/resubmissions/")]
    for n, (page, url) in enumerate(pages):
        width = steps.width_at_320(page, url, f"assess-320-{n}")
        assert width <= 320, f"{url} is {width}px wide at 320px"

    for visitor in (assessor, verifier, pupil, lead):
        assert visitor.csp_errors == []
