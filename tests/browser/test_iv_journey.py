"""Internal verification walked in a real browser, each step by the demo role whose step it is:
the Internal Verifier checks a brief against the awarding body's checklist (a "No" stops a fit
outcome) and sets an action, the assessor cannot issue it until the action is done, signs the
record and issues it; the assessor assesses a piece of work, the IV takes the year's sample,
the assessor cannot return sampled work before it is verified, the IV disagrees with the
decision on one criterion, declares and raises a remedial action, the assessor acknowledges
the feedback, and the Lead IV countersigns both records and closes the action. axe checks
every page visited."""

import re
from datetime import date, timedelta

import pytest
from django.utils import timezone
from django.utils.formats import date_format
from playwright.sync_api import expect

from qmr.demo import DEMO_PASSWORD
from tests.browser import steps
from tests.browser.steps import criterion, h1, nav, region, status

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

ASSESSOR = "r.ng@brookfield.example"  # Rachel Ng
IV = "s.patel@brookfield.example"  # Samir Patel
LEAD_IV = "lead.iv@brookfield.example"  # Helen Carter
BRIEF = "Planning my development"  # in the signed-off plan, not verified yet
CAREERS = "Careers in the sports industry"  # issued; two hand-ins still waiting for a decision


check_page = steps.page_checker("iv")


def test_an_iv_samples_a_decision_disagrees_and_the_lead_iv_closes_the_action(
        demo, visit, live_server):
    from assessment.models import Submission
    from registrations.models import Cohort

    cohort = Cohort.objects.select_related("programme").get(
        programme__centre=demo, programme__code="BSP3X1")
    programme = cohort.programme
    today = timezone.localdate()
    assert today == date(2026, 11, 23)
    iv_url = f"/verification/programmes/{programme.pk}/"
    waiting = Submission.objects.filter(assignment__title=CAREERS,
                                        assignment__plan__programme=programme,
                                        decisions__isnull=True).select_related("learner")
    assert waiting.count() == 2
    work = waiting.order_by("pk").first()
    learner = str(work.learner)
    work_label = f"{learner} — {CAREERS}"

    # --- (1) The Internal Verifier checks the brief against the checklist. -------------------
    verifier = visit()
    v_page = verifier.log_in(IV, DEMO_PASSWORD)
    nav(v_page, "Assessment plans")
    expect(h1(v_page)).to_have_text("Assessment plans")
    check_page(v_page, "plan-list")
    v_page.get_by_role("link", name=programme.title).click()
    expect(h1(v_page)).to_contain_text("Assessment plan")
    check_page(v_page, "plan")
    v_page.get_by_role("link", name=BRIEF).click()
    expect(h1(v_page)).to_have_text(BRIEF)
    brief_iv = region(v_page, "Internal verification of the brief")
    expect(brief_iv).to_contain_text("Not verified yet")
    check_page(v_page, "brief")
    brief_url = v_page.url
    brief_iv.get_by_role("link", name="Verify the brief with the checklist").click()
    expect(h1(v_page)).to_have_text(f"Internal verification of the brief: {BRIEF}")
    brief_iv_url = v_page.url
    expect(region(v_page, "Can it be issued?")).to_contain_text("has not been internally "
                                                                 "verified yet")
    check_page(v_page, "brief-checklist")
    short = "Is the time given for the assignment of a suitable length?"
    steps.answer_brief_checklist(v_page, no={short: "Four tasks in a month is tight."})
    checklist = region(v_page, "The checklist")
    v_page.get_by_label("Fit for purpose", exact=True).check()
    v_page.get_by_role("button", name="Record the verification").click()
    # A "No" stops a fit outcome: the problem is said in words, and what was entered stays.
    expect(v_page.get_by_role("alert")).to_contain_text(
        f"The brief cannot be recorded as fit for purpose while the answer to “{short}” is No")
    expect(checklist.get_by_label(f"Comment on “{short}”")).to_have_value(
        "Four tasks in a month is tight.")
    check_page(v_page, "brief-checklist-refused")
    checklist.get_by_role("group", name=short).get_by_label("Yes", exact=True).check()
    checklist.get_by_label(f"Comment on “{short}”").fill(
        "Four tasks in a month: enough with the check-in after two weeks.")
    v_page.get_by_label("Fit for purpose", exact=True).check()
    v_page.get_by_label("Comments to the assessor").fill("Each task names its criterion.")
    v_page.get_by_label("Action 1", exact=True).fill("Add the word count to task 2.")
    v_page.get_by_label("Target date for action 1").fill(
        (today + timedelta(days=7)).isoformat())
    v_page.get_by_role("button", name="Record the verification").click()
    expect(status(v_page)).to_contain_text("The brief's verification is recorded.")
    recorded_brief = v_page.get_by_role("region", name=re.compile("Verified by Samir Patel"))
    expect(recorded_brief).to_contain_text("Fit for purpose")
    expect(recorded_brief).to_contain_text("enough with the check-in after two weeks")
    expect(region(v_page, "Can it be issued?")).to_contain_text(
        "An action on the brief 'Planning my development' is not done yet")
    check_page(v_page, "brief-verified")

    # --- (2) The assessor signs, records the action done and issues the brief. --------------
    assessor = visit()
    a_page = assessor.log_in(ASSESSOR, DEMO_PASSWORD)
    a_page.goto(brief_url)
    expect(region(a_page, "Internal verification of the brief")).to_contain_text(
        "Fit for purpose")
    a_page.get_by_label("Cohort").select_option(label=cohort.name)
    a_page.get_by_role("button", name="Issue the brief").click()
    expect(status(a_page)).to_contain_text(
        "An action on the brief 'Planning my development' is not done yet: “Add the word "
        "count to task 2.”")
    expect(region(a_page, "Issued to")).to_contain_text("Not issued yet.")
    region(a_page, "Internal verification of the brief").get_by_role(
        "link", name="The brief's verification: checklist, actions and signatures").click()
    a_brief = a_page.get_by_role("region", name=re.compile("Verified by Samir Patel"))
    a_brief.get_by_role("button", name="Sign: I have read this verification").click()
    expect(status(a_page)).to_contain_text("You signed to say you have read")
    expect(a_brief).to_contain_text("Rachel Ng,")
    a_brief.get_by_text("Record it as done").click()
    a_brief.get_by_label("What was done").fill("Task 2 now asks for about 500 words.")
    a_brief.get_by_role("button", name="Record as done").click()
    expect(status(a_page)).to_contain_text("Action recorded as done.")
    expect(region(a_page, "Can it be issued?")).to_contain_text("Approved for issue")
    check_page(a_page, "assessor-brief-signed")
    a_page.goto(brief_url)
    steps.issue_brief(a_page, cohort.name)
    expect(region(a_page, "Issued to")).to_contain_text(cohort.name)
    check_page(a_page, "assessor-issued")

    # --- (3) The assessor assesses a piece of work, and does not release it yet. -------------
    nav(a_page, "My assessing")
    to_decide = region(a_page, "Waiting for your decision")
    expect(to_decide.get_by_role("link", name=re.compile(CAREERS))).to_have_count(2)
    check_page(a_page, "assessor-my-assessing")
    to_decide.get_by_role("link", name=work_label).click()
    expect(h1(a_page)).to_have_text(CAREERS)
    expect(a_page.get_by_text("Not assessed yet.")).to_be_visible()
    check_page(a_page, "assessor-to-decide")
    steps.decide(a_page, {"P1": True, "P2": True, "M1": False},
                 "A well-researched report. For M1, weigh your skills against the pathway you "
                 "chose.", can_improve=False)
    expect(a_page.get_by_text("Not yet released to the learner.")).to_be_visible()
    check_page(a_page, "assessor-decided")
    work_url = a_page.url

    # The assessor verifies nothing: the programme's IV page is not one she can open.
    response = a_page.goto(iv_url)
    assert response.status == 404
    expect(h1(a_page)).to_have_text("Page not found")
    check_page(a_page, "assessor-no-iv-page")
    assert a_page.goto(f"/verification/work/{work.pk}/").status == 404

    # --- (4) The IV looks at the year's sample and takes it. ---------------------------------
    nav(v_page, "My verifications")
    expect(h1(v_page)).to_have_text("My verifications")
    mine = region(v_page, "Sampled work waiting for you")
    expect(mine).to_contain_text("Nothing waiting.")
    check_page(v_page, "my-verifications-empty")
    region(v_page, "Programmes you verify").get_by_role(
        "link", name=re.compile(re.escape(programme.title))).click()
    expect(h1(v_page)).to_contain_text("Internal verification")
    expect(v_page.locator("main .lead")).to_contain_text(
        "5 pieces of assessed work · 1 sampled · 1 verified")
    covers = region(v_page, "What the sample covers")
    expect(covers).to_contain_text("Not yet covered")
    # The demo's IV verified one piece already (a Merit): Pass and U remain.
    expect(covers).to_contain_text("Grade bands: Pass, Not yet achieved (U)")
    expect(covers.get_by_role("row", name=re.compile("Rachel Ng"))).to_contain_text("1")
    proposal = region(v_page, "Proposed sample")
    proposed = proposal.get_by_role("checkbox")
    # Only work not yet returned to its learner can be verified before it goes back: the
    # proposal is the piece Rachel has just assessed.
    expect(proposed).to_have_count(1)
    expect(proposed.first).to_be_checked()
    expect(proposal).to_contain_text(learner)
    expect(region(v_page, "Remedial actions open")).to_contain_text("None open.")
    check_page(v_page, "programme")
    steps.take_sample(v_page, (today + timedelta(days=7)).isoformat())
    expect(v_page.locator("main .lead")).to_contain_text("2 sampled · 1 verified")
    expect(proposal.get_by_text("in the sample", exact=True)).to_have_count(1)
    # Nothing is left to take, so nothing offers to take it.
    expect(proposal.get_by_text("All the proposed work is in the sample.")).to_be_visible()
    expect(proposal.get_by_role("button", name="Take this sample")).to_be_hidden()
    check_page(v_page, "programme-sampled")
    nav(v_page, "My verifications")
    expect(mine.get_by_role("listitem")).to_have_count(1)
    expect(mine.get_by_role("link", name=work_label)).to_be_visible()
    check_page(v_page, "my-verifications")

    # --- (5) Sampled work goes back to the learner only once verified. -----------------------
    a_page.goto(work_url)
    a_page.get_by_role("button", name="Release the result to the learner").click()
    expect(status(a_page)).to_contain_text(
        "This work is in the internal verification sample: it is returned to the learner once "
        "Samir Patel has verified it.")
    expect(a_page.get_by_text("Not yet released to the learner.")).to_be_visible()
    check_page(a_page, "assessor-release-refused")

    # --- (4, cont.) The IV disagrees on one criterion and raises a remedial action. ----------
    mine.get_by_role("link", name=work_label).click()
    expect(h1(v_page)).to_contain_text(CAREERS)
    expect(v_page.locator("main .lead")).to_contain_text(learner)
    expect(v_page.locator("main .lead")).to_contain_text("Rachel Ng")
    expect(region(v_page, "The assessor's decision")).to_contain_text(
        "Not yet returned to the learner.")
    expect(criterion(v_page, "P2")).to_contain_text("Assessor's feedback: P2: met; see the notes")
    check_page(v_page, "verify")
    verify_url = v_page.url
    steps.verify_decision(
        v_page, "P2 is not met yet: please re-assess against the second role.",
        not_accurate={"P2": "The report explains the skills of one role only; P2 asks for two."})
    recorded = v_page.get_by_role("region", name=re.compile("Verified by Samir Patel"))
    expect(recorded).to_contain_text("Not all accurate")
    expect(recorded).to_contain_text("P2: not accurate")
    expect(recorded).to_contain_text("P1: accurate")
    expect(recorded).to_contain_text("please re-assess against the second role")
    expect(recorded).to_contain_text("waiting for Rachel Ng to acknowledge the feedback")
    expect(recorded).to_contain_text("waiting for the Lead IV (the IV disagreed")
    check_page(v_page, "verified")
    recorded.get_by_text("Raise a remedial action").click()
    recorded.get_by_label("Action").select_option(label="Re-assess the work")
    recorded.get_by_label("What is to be done").fill("Re-assess P2 against both roles.")
    due = today + timedelta(days=14)
    recorded.get_by_label("Target date").fill(due.isoformat())
    recorded.get_by_role("button", name="Raise the action").click()
    expect(status(v_page)).to_contain_text("Remedial action raised.")
    action = recorded.get_by_role("listitem").filter(has_text="Re-assess the work")
    expect(action).to_contain_text(
        f"Re-assess the work, due {date_format(due, 'j M Y')}: Re-assess P2 against both roles.")
    expect(action).to_contain_text("open")
    check_page(v_page, "action-raised")

    # --- (5, cont.) The assessor acknowledges the IV's feedback from her home page. ----------
    a_page.goto("/")
    a_page.get_by_role("link", name=re.compile(
        f"Read and sign the verification of {re.escape(learner)}'s work")).click()
    expect(h1(a_page)).to_have_text(f"Internal verification of {CAREERS}")
    a_record = a_page.get_by_role("region", name=re.compile("Verified by Samir Patel"))
    expect(a_record).to_contain_text("P2: not accurate")
    check_page(a_page, "assessor-decision-record")
    a_record.get_by_role("button", name="Sign: I have read the feedback").click()
    expect(status(a_page)).to_contain_text("You signed to acknowledge the internal verifier's "
                                           "feedback.")
    expect(a_record).to_contain_text("feedback acknowledged")

    # --- (6) The Lead IV countersigns both records and closes the action once done. ----------
    lead = visit()
    lead_page = lead.log_in(LEAD_IV, DEMO_PASSWORD)
    lead_page.get_by_role("link", name=re.compile(
        f"Countersign the verification of the brief '{BRIEF}'")).click()
    expect(h1(lead_page)).to_have_text(f"Internal verification of the brief: {BRIEF}")
    lead_page.get_by_role("button", name="Countersign").click()
    expect(status(lead_page)).to_contain_text("You countersigned the verification.")
    expect(lead_page.get_by_role("region", name=re.compile("Verified by Samir Patel"))
           ).to_contain_text("Helen Carter,")
    check_page(lead_page, "lead-brief-countersigned")
    lead_page.goto("/")
    lead_page.get_by_role("link", name=re.compile(
        f"Countersign the verification of {re.escape(learner)}'s work")).click()
    lead_page.get_by_role("button", name="Countersign").click()
    expect(status(lead_page)).to_contain_text("You countersigned the verification.")
    check_page(lead_page, "lead-decision-countersigned")
    nav(lead_page, "My verifications")
    region(lead_page, "Programmes you verify").get_by_role(
        "link", name=re.compile(re.escape(programme.title))).click()
    expect(lead_page.locator("main .lead")).to_contain_text("2 sampled · 2 verified")
    actions = region(lead_page, "Remedial actions open")
    expect(actions).to_contain_text("Re-assess the work")
    expect(actions).to_contain_text(learner)
    expect(actions).to_contain_text("Samir Patel")
    check_page(lead_page, "lead-programme")
    actions.get_by_label("How it was completed").fill(
        "Rachel re-assessed P2 with Samir; the decision was corrected.")
    actions.get_by_role("button", name="Close the action").click()
    expect(status(lead_page)).to_contain_text("Action closed.")
    expect(actions).to_contain_text("None open.")
    check_page(lead_page, "lead-closed")

    # The IV sees the action closed on the work's page.
    v_page.goto(verify_url)
    expect(action).to_contain_text(f"closed {date_format(today, 'j M Y')}")
    expect(action).to_contain_text("Rachel re-assessed P2 with Samir")
    check_page(v_page, "action-closed")

    # On a phone (WCAG 1.4.10 reflow, 320 CSS pixels) no page scrolls sideways.
    for n, url in enumerate([iv_url, verify_url, "/verification/mine/", brief_iv_url]):
        width = steps.width_at_320(v_page, url, f"iv-320-{n}")
        assert width <= 320, f"{url} is {width}px wide at 320px"

    for visitor in (verifier, assessor, lead):
        assert visitor.csp_errors == []
