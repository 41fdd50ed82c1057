"""An appeal walked in a real browser on the demo: Theo Lindley (given a learner account here)
appeals his Sport result for P2; the assessor does not uphold it at stage 1; Theo takes it to
stage 2, where the internal verifier upholds it; the result is corrected through the
assessment record and shows corrected on the unit grid and the eligibility page; Theo sees the
outcome. axe checks every page visited."""

import re

import pytest
from playwright.sync_api import expect

from qmr import services as core
from qmr.demo import DEMO_PASSWORD
from qmr.roles import Role
from tests.browser import steps
from tests.browser.steps import h1, nav

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

ASSESSOR = "r.ng@brookfield.example"  # Rachel Ng
IV = "s.patel@brookfield.example"  # Samir Patel
LEAD_IV = "lead.iv@brookfield.example"
THEO = "theo.lindley@brookfield.example"
ASSIGNMENT = "Careers in the sports industry"

check_page = steps.page_checker("appeal")


@pytest.fixture
def theo(demo):
    from registrations.models import Learner

    learner = Learner.objects.get(centre=demo, first_name="Theo", last_name="Lindley")
    person = core.appoint(actor=None, centre=demo, email=THEO, full_name="Theo Lindley",
                          role=Role.LEARNER, scope=demo).person
    person.set_password(DEMO_PASSWORD)
    person.save(update_fields=["password"])
    learner.user = person
    learner.save(update_fields=["user"])
    return learner


def _grid_row(page, learner):
    return page.get_by_role("row").filter(has_text=f"{learner.last_name}, {learner.first_name}")


def test_a_learner_appeals_and_the_iv_upholds_it_at_stage_two(demo, theo, visit):
    from registrations.models import Unit

    unit = Unit.objects.get(programme=theo.programme, number="3")
    grid_url = f"/assessment/grids/cohorts/{theo.cohort_id}/units/{unit.pk}/"
    eligibility_url = (f"/registrations/cohorts/{theo.cohort_id}/eligibility/"
                       f"?scope=units&unit={unit.pk}")
    lead = visit().log_in(LEAD_IV, DEMO_PASSWORD)
    lead.goto(eligibility_url)
    expect(_grid_row(lead, theo)).to_contain_text("P2, P3, P4 not yet achieved")

    # --- (1) Theo appeals the result from My appeals. ---------------------------------------
    learner = visit().log_in(THEO, DEMO_PASSWORD)
    nav(learner, "My appeals")
    expect(h1(learner)).to_have_text("My appeals")
    check_page(learner, "mine")
    learner.get_by_role("link", name=re.compile(f"^Appeal this result.*{ASSIGNMENT}")).click()
    expect(h1(learner)).to_have_text(f"Appeal a result: {ASSIGNMENT}")
    check_page(learner, "lodge")
    learner.get_by_role("button", name="Lodge the appeal").click()
    expect(learner.get_by_role("alert")).to_contain_text("Say why the decision should change.")
    learner.get_by_label("Why do you think the decision is wrong?").fill(
        "My plan compares the three roles on page 4, which is what P2 asks for.")
    learner.get_by_role("button", name="Lodge the appeal").click()
    expect(h1(learner)).to_have_text(f"Appeal: Theo Lindley, {ASSIGNMENT}")
    expect(learner.locator(".lead")).to_contain_text("stage 1")
    check_page(learner, "lodged")
    appeal_url = learner.url

    # --- (2) The assessor does not uphold it at stage 1. ------------------------------------
    assessor = visit().log_in(ASSESSOR, DEMO_PASSWORD)
    steps.work_item(assessor, re.compile(r"^Theo Lindley's appeal")).click()
    expect(h1(assessor)).to_have_text(f"Appeal: Theo Lindley, {ASSIGNMENT}")
    check_page(assessor, "stage-1")
    assessor.get_by_label("Outcome").select_option("not_upheld")
    assessor.get_by_label("Reasons").fill("Page 4 lists the roles but does not compare them.")
    assessor.get_by_role("button", name="Record the outcome").click()
    expect(steps.status(assessor)).to_contain_text("Outcome recorded")

    # --- (3) Theo reads the outcome and takes it to stage 2. --------------------------------
    learner.goto(appeal_url)
    expect(learner.locator("main")).to_contain_text("does not compare them")
    check_page(learner, "stage-1-outcome")
    learner.get_by_role("button", name="Take it to stage 2").click()
    expect(steps.status(learner)).to_contain_text("Taken to the next stage.")

    # --- (4) The internal verifier upholds it and corrects P2. ------------------------------
    verifier = visit().log_in(IV, DEMO_PASSWORD)
    steps.work_item(verifier, re.compile(r"^Theo Lindley's appeal")).click()
    check_page(verifier, "stage-2")
    verifier.get_by_label("Outcome").select_option("upheld")
    verifier.get_by_label("Reasons").fill("Page 4 compares the entry routes of all three "
                                          "roles: P2 is met.")
    verifier.get_by_label("P2 achieved (if upheld)").check()
    verifier.get_by_role("button", name="Record the outcome").click()
    expect(verifier.locator(".lead")).to_contain_text("Upheld")
    expect(verifier.get_by_role("table", name=re.compile("The decision appealed against"))
           ).to_contain_text("Corrected")
    check_page(verifier, "upheld")

    # --- (5) The correction shows on the grid and the eligibility page. ---------------------
    lead.goto(grid_url)
    row = _grid_row(lead, theo)
    expect(row.get_by_role("cell").nth(1)).to_have_text("✓")  # P2
    expect(row).to_contain_text("2/7")
    check_page(lead, "grid")
    lead.goto(eligibility_url)
    row = _grid_row(lead, theo)
    expect(row).to_contain_text("P3, P4 not yet achieved")
    expect(row).not_to_contain_text("P2, P3")
    check_page(lead, "eligibility")

    # --- (6) Theo sees the outcome. ---------------------------------------------------------
    nav(learner, "My appeals")
    expect(learner.get_by_role("region", name="Your appeals")).to_contain_text("Upheld")
    learner.get_by_role("link", name=ASSIGNMENT).first.click()
    expect(learner.locator("main")).to_contain_text("P2 is met.")
    check_page(learner, "outcome")
