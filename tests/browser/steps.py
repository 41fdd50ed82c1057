"""Steps of the browser journeys, each done in the page as the person whose step it is.

The journeys share them, so a page that changes is mended here once. A step ends once the page
has said it worked (the flash message), so the caller's next look sees the new state.
"""

import re
from collections.abc import Callable
from typing import Any

from playwright.sync_api import expect

from tests.browser.support import SCREENSHOTS, axe_check
from verification.models import BriefCheck

EXPORT_COLUMNS = "registration_number,first_name,last_name,date_of_birth,programme_code"
DECLARATION = "I declare that this work is my own"
FEEDBACK_CHECKS = ("Learner and assessor both confirmed the work is the learner's own",
                   "The feedback links to the criteria",
                   "The feedback justifies each criterion awarded",
                   "The feedback avoids specific actions for improvement")


# --- Looking at pages ---------------------------------------------------------------------------

def open_all_details(page: Any) -> None:
    """Open every collapsed <details>, as a person would, so axe checks the forms inside."""
    closed = page.locator("details:not([open]) > summary")
    while closed.count():
        closed.first.click()


def page_checker(prefix: str) -> Callable[[Any, str], None]:
    """check(page, name): axe on the page as it is, then with its disclosures open (their forms
    too); screenshots go to var/screenshots/<prefix>-<name>[-open].png."""

    def check(page: Any, name: str) -> None:
        axe_check(page, f"{prefix}-{name}")
        if page.locator("details:not([open]) > summary").count():
            open_all_details(page)
            axe_check(page, f"{prefix}-{name}-open")
            page.reload()

    return check


def width_at_320(page: Any, url: str, shot: str) -> int:
    """How wide `url` is on a 320-pixel screen (WCAG 1.4.10 reflow: no sideways scrolling),
    with its disclosures open; the screenshot goes to var/screenshots/<shot>.png."""
    page.set_viewport_size({"width": 320, "height": 800})
    page.goto(url)
    open_all_details(page)
    page.screenshot(path=str(SCREENSHOTS / f"{shot}.png"), full_page=True)
    return page.evaluate("() => document.documentElement.scrollWidth")


def nav(page: Any, label: str) -> None:
    page.get_by_role("navigation", name="Main").get_by_role("link", name=label).click()


def status(page: Any) -> Any:
    """The flash messages."""
    return page.get_by_role("status")


def h1(page: Any) -> Any:
    return page.get_by_role("heading", level=1)


def region(page: Any, name: str) -> Any:
    return page.get_by_role("region", name=name, exact=True)


def criterion(page: Any, code: str) -> Any:
    """A criterion's group of answers on a decision or verification form."""
    return page.get_by_role("group", name=re.compile(rf"^{code}\b"))


def result_row(page: Any, code: str) -> Any:
    return page.get_by_role("table", name="Decision by criterion").get_by_role(
        "row").filter(has=page.get_by_role("rowheader", name=code, exact=True))


def work_item(page: Any, text: str) -> Any:
    """A link under "What needs you now" on the home page."""
    return page.get_by_role("region", name="What needs you now").get_by_role(
        "link", name=text)


# --- Registration -------------------------------------------------------------------------------

def cohort_step(page: Any, title: str) -> Any:
    """One step of the cohort's "Registration at a glance", found by its title."""
    return page.get_by_role("region", name="Registration at a glance").get_by_role(
        "listitem").filter(has_text=title)


def enrol(page: Any, *, ref: str, first: str, last: str, born: str, admitted: str,
          email: str) -> None:
    """The Exams Officer enrols a learner from the cohort's page, identity seen on a passport."""
    page.get_by_text("Enrol a learner on this cohort").click()
    page.get_by_label("Centre's learner reference").fill(ref)
    page.get_by_label("First name").fill(first)
    page.get_by_label("Last name").fill(last)
    page.get_by_label("Date of birth").fill(born)
    page.get_by_label("Admitted on").fill(admitted)
    page.get_by_label("E-mail address").fill(email)
    page.get_by_label("Identity checked with").select_option(label="Passport")
    page.get_by_role("button", name="Enrol").click()
    expect(status(page)).to_contain_text(f"{first} {last} enrolled.")


def sign_class_list(page: Any, *, again: bool = False) -> None:
    """The Programme Leader signs the class list on the cohort's page."""
    name = "Sign the class list again" if again else "Sign the class list as accurate"
    page.get_by_role("button", name=name).click()
    expect(status(page)).to_contain_text("You signed the class list as accurate.")


def type_registration_numbers(page: Any, numbers: dict[str, str]) -> None:
    """The Exams Officer types numbers ({"First Last": number}) on the register page."""
    for name, number in numbers.items():
        page.get_by_label(f"Registration number for {name}").fill(number)
    page.get_by_role("button", name="Save registrations").click()


def awarding_body_export(cohort: Any, wrong_surname_of: Any = None) -> dict:
    """The awarding body's export of this cohort's registered learners, built from our records;
    with `wrong_surname_of` (a learner) carrying a misspelt surname."""
    from registrations.models import LearnerStatus

    rows = [EXPORT_COLUMNS]
    for lr in cohort.learners.filter(status=LearnerStatus.REGISTERED).order_by("pk"):
        last = lr.last_name + "e" if wrong_surname_of and lr.pk == wrong_surname_of.pk \
            else lr.last_name
        # The awarding body writes dates the British way; both forms are accepted.
        rows.append(f"{lr.registration_number},{lr.first_name},{last},"
                    f"{lr.date_of_birth:%d/%m/%Y},{cohort.programme.code}")
    return {"name": "awarding-body-export.csv", "mimeType": "text/csv",
            "buffer": ("\n".join(rows) + "\n").encode()}


def compare_awarding_body_list(page: Any, export: dict) -> None:
    """The Programme Leader uploads the awarding body's list from the cohort's page."""
    page.get_by_text("Check the awarding body's registration list").click()
    page.get_by_label("CSV file").set_input_files(export)
    page.get_by_role("button", name="Compare with our records").click()
    expect(h1(page)).to_have_text("Awarding body's list compared with our records")


def confirm_registrations(page: Any) -> None:
    """The Programme Leader confirms a list with no differences."""
    expect(page.get_by_role("heading", name="No differences")).to_be_visible()
    page.get_by_role("button", name="Confirm the registrations are accurate").click()
    expect(status(page)).to_contain_text("You confirmed the registrations are accurate.")


# --- Assessment ---------------------------------------------------------------------------------

def answer_brief_checklist(page: Any, no: dict[str, str] | None = None) -> None:
    """The Internal Verifier answers the brief's checklist: every check Yes, except the
    questions in `no` (answered No, with the comment given); the facts No (a brief the centre
    wrote itself, not amended)."""
    checklist = region(page, "The checklist")
    for item in BriefCheck.Item:
        answer = "No" if item in BriefCheck.FACTS or item.label in (no or {}) else "Yes"
        checklist.get_by_role("group", name=item.label).get_by_label(answer, exact=True).check()
    for question, comment in (no or {}).items():
        checklist.get_by_label(f"Comment on “{question}”").fill(comment)


def verify_brief(page: Any, comments: str) -> None:
    """From the brief's verification page: every check passed, the brief found fit."""
    answer_brief_checklist(page)
    page.get_by_label("Fit for purpose", exact=True).check()
    page.get_by_label("Comments to the assessor").fill(comments)
    page.get_by_role("button", name="Record the verification").click()
    expect(status(page)).to_contain_text("The brief's verification is recorded.")


def issue_brief(page: Any, cohort_name: str) -> None:
    """The assessor issues the brief to a cohort from the assignment's page."""
    page.get_by_label("Cohort").select_option(label=cohort_name)
    page.get_by_role("button", name="Issue the brief").click()
    expect(status(page)).to_contain_text(f"The brief was issued to {cohort_name}.")


def hand_in(page: Any, work: Any, evidence: dict, *,
            summary: str = "Hand in your work") -> None:
    """The learner hands in from "My work" (`work`: the assignment's region) with the
    declaration."""
    work.get_by_text(summary).click()
    work.get_by_label("Your work").set_input_files(evidence)
    work.get_by_label(re.compile(DECLARATION)).check()
    work.get_by_role("button", name="Hand in").click()
    expect(status(page)).to_contain_text("Handed in. Your assessor has it now.")


def decide(page: Any, results: dict[str, bool], feedback: str, *, can_improve: bool) -> None:
    """The assessor's decision form: per criterion achieved or not with feedback."""
    for code, achieved in results.items():
        group = criterion(page, code)
        group.get_by_label("Achieved" if achieved else "Not yet achieved", exact=True).check()
        group.get_by_label(f"Feedback on {code}").fill(
            f"{code}: {'met' if achieved else 'not yet met'}; see the notes on your work.")
    page.get_by_label("Overall feedback for the learner").fill(feedback)
    page.get_by_label(re.compile("I confirm the evidence is authentic")).check()
    if can_improve:
        page.get_by_label(re.compile("can improve this without further guidance")).check()
    page.get_by_role("button", name="Record the decision").click()
    expect(status(page)).to_contain_text("Decision recorded.")


def release_result(page: Any) -> None:
    page.get_by_role("button", name="Release the result to the learner").click()
    expect(status(page)).to_contain_text("The result is released to the learner.")


# --- Internal verification ----------------------------------------------------------------------

def take_sample(page: Any, verify_by: str) -> None:
    """The IV takes the proposed sample on the programme's IV page."""
    proposal = region(page, "Proposed sample")
    proposal.get_by_label("Verify by").fill(verify_by)
    proposal.get_by_role("button", name="Take this sample").click()
    expect(status(page)).to_contain_text("The work is in the sample.")


def verify_decision(page: Any, comments: str,
                    not_accurate: dict[str, str] | None = None) -> None:
    """The IV checks each criterion (accurate unless named in `not_accurate`, with why), the
    authenticity and feedback, and records the verification with the declaration."""
    for code, why in (not_accurate or {}).items():
        group = criterion(page, code)
        group.get_by_label("The decision is not accurate").check()
        group.get_by_label(re.compile("Why")).fill(why)
    for label in FEEDBACK_CHECKS:
        page.get_by_label(label).check()
    page.get_by_label("Comments to the assessor").fill(comments)
    page.get_by_label(re.compile("I declare that I checked the assessor's decisions")).check()
    page.get_by_role("button", name="Record the verification").click()
    expect(status(page)).to_contain_text("Verification recorded.")
