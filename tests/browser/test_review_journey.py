"""The annual review walked in a real browser on the demo: the Quality Nominee prepares the
Centre Engagement Document and cannot submit it unsigned; the Head of Centre signs the
re-declaration; the Quality Nominee submits it. After the visit in March the reviewer reads the
pack objective by objective, follows an evidence link to a record, downloads the pack as a PDF
(its progress bar at the download link), opens a learner trail, records a judgement per
objective with one Essential Action and submits the report; the Quality Nominee closes the
action with evidence. axe checks every page visited."""

import re
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from playwright.sync_api import expect

from qmr.demo import DEMO_PASSWORD
from tests.browser import steps
from tests.browser.steps import h1, nav, status

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

NOMINEE = "quality@brookfield.example"
HEAD = "head@brookfield.example"
REVIEWER = "reviewer@awarding.example"
AFTER_VISIT = datetime(2027, 3, 12, 9, tzinfo=ZoneInfo("Europe/London"))
ACTION = "Feedback on every unit must say what the learner did well and what was missing."

check_page = steps.page_checker("review")


def test_the_document_is_submitted_the_pack_read_and_the_report_acted_on(demo, visit):
    # --- (1) The Quality Nominee finishes the draft; unsigned, it cannot be submitted. -----
    qn = visit().log_in(NOMINEE, DEMO_PASSWORD)
    nav(qn, "Annual review")
    expect(h1(qn)).to_have_text("2026/27 annual review")
    check_page(qn, "qn-cycle")
    qn.get_by_role("link", name="Version 1").click()
    expect(h1(qn)).to_have_text("Centre Engagement Document 2026/27")
    check_page(qn, "qn-document")
    qn.get_by_label("Changes to systems and procedures since the last review").fill(
        "A new assessment and internal verification policy was approved in July.")
    qn.get_by_role("button", name="Save the draft").click()
    expect(status(qn)).to_contain_text("Saved.")
    qn.get_by_role("button", name="Submit the document").click()
    expect(status(qn)).to_contain_text("The Head of Centre has not signed the re-declaration.")
    document_url = qn.url

    # --- (2) The Head of Centre signs the re-declaration from the home page. ---------------
    head = visit().log_in(HEAD, DEMO_PASSWORD)
    steps.work_item(head, re.compile("^Sign the re-declaration")).click()
    expect(h1(head)).to_have_text("Centre Engagement Document 2026/27")
    check_page(head, "head-document")
    head.get_by_role("button", name="Sign as Head of Centre").click()
    expect(status(head)).to_contain_text("You have signed the re-declaration.")

    # --- (3) The Quality Nominee submits it; it is locked. ---------------------------------
    qn.goto(document_url)
    qn.get_by_role("button", name="Submit the document").click()
    expect(status(qn)).to_contain_text("This version is now locked.")
    expect(qn.get_by_role("button", name="Save the draft")).to_have_count(0)
    check_page(qn, "qn-submitted")

    with time_machine.travel(AFTER_VISIT, tick=True):
        # --- (4) The reviewer reads the pack objective by objective. ------------------------
        reviewer = visit().log_in(REVIEWER, DEMO_PASSWORD)
        steps.work_item(reviewer, "read the 2026/27 evidence pack").click()
        expect(h1(reviewer)).to_have_text("Evidence pack 2026/27")
        check_page(reviewer, "pack")
        reviewer.get_by_role("link", name="Start reading at QO.1").click()
        expect(h1(reviewer)).to_have_text("QO.1 Centre management systems")
        check_page(reviewer, "qo1")
        reviewer.get_by_role("link", name=re.compile("^Next: QO.2")).click()
        reviewer.get_by_role("link", name=re.compile("^Next: QO.3")).click()
        expect(h1(reviewer)).to_have_text("QO.3 Learner registration and certification")
        check_page(reviewer, "qo3")
        pack_page = reviewer.url

        # ... follows an evidence link to the record behind a statement, read-only ...
        reviewer.get_by_role("link", name=re.compile(r"^Sport L3 Year 12 .*registered")).click()
        expect(h1(reviewer)).to_contain_text("Sport L3 Year 12")
        check_page(reviewer, "record")

        # ... downloads the whole pack as a PDF, made in the background ...
        reviewer.goto(pack_page)
        reviewer.get_by_role("link", name="← Contents of the evidence pack").click()
        reviewer.get_by_role("button", name="Download the whole pack as a PDF").click()
        expect(h1(reviewer)).to_have_text("Evidence pack 2026/27 (PDF)")
        expect(reviewer.get_by_role("progressbar")).to_have_attribute("value", "100")
        check_page(reviewer, "pack-pdf")
        with reviewer.expect_download() as download:
            reviewer.get_by_role("link", name=re.compile(r"^Download evidence-pack-48213")).click()
        with open(download.value.path(), "rb") as pdf:
            assert pdf.read(5) == b"%PDF-"
        reviewer.get_by_role("link", name="← Contents of the evidence pack").click()

        # ... and traces one learner end to end.
        reviewer.get_by_role("link", name="Trace a learner through the records").click()
        check_page(reviewer, "trail-picker")
        reviewer.get_by_role("searchbox").fill("Theo Mbeki")
        reviewer.get_by_role("button", name="Find").click()
        reviewer.get_by_role("link", name=re.compile("^Theo Mbeki")).click()
        expect(h1(reviewer)).to_have_text("Learner trail: Theo Mbeki")
        expect(reviewer.get_by_role("table")).to_contain_text("Appeal")
        check_page(reviewer, "trail")

        # --- (5) Judgements per objective, one Essential Action, the report submitted. ------
        reviewer.goto(pack_page)
        reviewer.get_by_role("link", name="← Contents of the evidence pack").click()
        reviewer.get_by_role("link", name="← The 2026/27 review").click()
        reviewer.get_by_role("link", name="Write the report").click()
        expect(h1(reviewer)).to_have_text("The reviewer's report")
        check_page(reviewer, "report")
        for number in range(1, 11):
            judgement = reviewer.get_by_role("region", name=re.compile(rf"^QO\.{number} "))
            verdict = "In place but not all effective" if number == 8 else \
                "In place and effective"
            judgement.get_by_label(verdict, exact=True).check()
            judgement.get_by_role("button", name=f"Save the judgement on QO.{number}").click()
            expect(status(reviewer)).to_contain_text(f"Judgement on QO.{number} saved.")
        reviewer.get_by_label("Kind", exact=True).select_option("Essential Action")
        reviewer.get_by_label("Objective", exact=True).select_option(
            label="QO.8 Managing assessment")
        reviewer.get_by_label("What the centre has to do").fill(ACTION)
        reviewer.get_by_label("Due by").fill("2027-06-04")
        reviewer.get_by_role("button", name="Add the action").click()
        expect(status(reviewer)).to_contain_text("Essential Action added.")
        reviewer.get_by_role("button", name="Submit the report").click()
        expect(status(reviewer)).to_contain_text("The report is submitted.")
        check_page(reviewer, "report-submitted")

        # --- (6) The Quality Nominee closes the action with evidence. -----------------------
        qn = visit().log_in(NOMINEE, DEMO_PASSWORD)
        steps.work_item(qn, re.compile("^Essential Action \\(QO.8")).click()
        expect(h1(qn)).to_have_text("Essential Action")
        check_page(qn, "qn-action")
        qn.get_by_label("What shows it was done").fill(
            "Feedback standardised at the April team meeting; ten sampled records checked.")
        qn.get_by_role("button", name="Close the action").click()
        expect(status(qn)).to_contain_text("Action closed with its evidence.")
        expect(qn.locator(".lead")).to_contain_text("Closed")
        check_page(qn, "qn-action-closed")
