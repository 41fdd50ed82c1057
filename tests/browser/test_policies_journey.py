"""The policy library walked in a real browser: the Quality Nominee adopts the product's
appeals template, makes it the centre's own and sends it for sign-off; the Head of Centre signs
it off from the home page; two of three teachers confirm they have read it; the Quality
Nominee's readers page shows the third has not. axe checks every page visited.

A centre of its own rather than the demo: the demo's centre has adopted the appeals policy
already."""

import re

import pytest
from playwright.sync_api import expect

from qmr.roles import Role
from tests.browser import steps
from tests.browser.steps import h1, nav, status
from tests.conftest import PASSWORD, appoint
from tests.factories import ProgrammeFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

check_page = steps.page_checker("policies")


@pytest.fixture
def centre(browser, live_server, transactional_db):
    programme = ProgrammeFactory()
    centre = programme.centre
    people = {
        "nominee": appoint(centre, "nominee@a.example", Role.QUALITY_NOMINEE),
        "head": appoint(centre, "head@a.example", Role.HEAD_OF_CENTRE),
    }
    for i in (1, 2, 3):
        people[f"teacher{i}"] = appoint(centre, f"teacher{i}@a.example", Role.ASSESSOR,
                                        programme)
    return people


def test_the_nominee_adopts_the_appeals_policy_the_head_signs_it_and_teachers_read_it(
        centre, visit):
    # --- (1) The Quality Nominee adopts the starting template and edits the draft. ----------
    nominee = visit()
    page = nominee.log_in("nominee@a.example", PASSWORD)
    nav(page, "Policies")
    expect(h1(page)).to_have_text("Policy library")
    check_page(page, "library")
    page.get_by_role("link", name=re.compile(r"^Appeals.*starting text")).click()
    expect(h1(page)).to_have_text("Starting text: Appeals policy")
    expect(page.locator(".prose")).to_contain_text("working days")
    check_page(page, "template")
    page.get_by_role("button", name="Adopt as our first draft").click()

    expect(h1(page)).to_have_text("Edit the draft: Appeals policy, version 1")
    check_page(page, "edit")
    body = page.get_by_label("Text of the policy")
    body.fill(body.input_value() + "\n\n## Contact\n\nAppeals go to the Quality Nominee.")
    page.get_by_label("What changed in this version").fill("Our first appeals policy.")
    page.get_by_label("Committee that approves it").fill("Senior leadership team")
    expect(page.get_by_label("Assessor", exact=True)).to_be_checked()
    page.get_by_role("button", name="Save the draft").click()

    expect(h1(page)).to_have_text("Appeals policy, version 1")
    expect(page.locator(".prose")).to_contain_text("Appeals go to the Quality Nominee.")
    page.get_by_role("button", name="Send to the Head of Centre for sign-off").click()
    expect(page.locator(".lead")).to_contain_text("sent for sign-off")
    check_page(page, "draft")

    # --- (2) The Head of Centre signs it off from the home page. -----------------------------
    head = visit().log_in("head@a.example", PASSWORD)
    steps.work_item(head, re.compile(r"^Appeals policy, version 1")).click()
    expect(h1(head)).to_have_text("Appeals policy, version 1")
    check_page(head, "sign-off")
    head.get_by_role("button", name="Sign off version 1").click()
    expect(status(head)).to_be_visible()
    expect(head.locator(".lead")).to_contain_text("Current")
    check_page(head, "approved")

    # --- (3) Two of the three teachers confirm they have read it. ----------------------------
    for n in (1, 2):
        teacher = visit().log_in(f"teacher{n}@a.example", PASSWORD)
        nav(teacher, "Policies")
        teacher.get_by_role("link", name="Appeals policy").click()
        expect(h1(teacher)).to_have_text("Appeals policy")
        if n == 1:
            check_page(teacher, "to-read")
        teacher.get_by_role("button", name="I have read version 1").click()
        expect(teacher.get_by_role("region", name="Your confirmation")).to_contain_text(
            "You confirmed")
        if n == 1:
            check_page(teacher, "read")

    # --- (4) The Quality Nominee sees who has read it and who has not. -----------------------
    nav(page, "Policies")
    page.get_by_role("link", name="Appeals policy").click()
    page.get_by_role("link", name="See who has and who has not").click()
    expect(h1(page)).to_have_text("Who has read Appeals policy")
    not_read = page.get_by_role("table", name="People who have not confirmed")
    read = page.get_by_role("table", name="People who have confirmed")
    expect(not_read).to_contain_text("Teacher3")
    expect(not_read).not_to_contain_text("Teacher1")
    expect(read).to_contain_text("Teacher1")
    expect(read).to_contain_text("Teacher2")
    expect(read).not_to_contain_text("Teacher3")
    check_page(page, "readers")
