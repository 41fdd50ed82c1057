"""The brief's verification page: the checklist as a table, problems in words with the form
kept as entered, the assessor's signature, an action recorded as done; its query count does
not grow with the records."""

from datetime import date, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from assessment import services as assessment
from tests.assessment.conftest import brief_answers
from verification import briefs
from verification.models import BriefCheck, BriefVerification

pytestmark = pytest.mark.django_db

Item = BriefCheck.Item


def filled(no=(), outcome="fit", **extra):
    data = {"outcome": outcome, "comments": ""}
    for item, (answer, comment) in brief_answers(no=no).items():
        data[f"answer_{item}"] = "yes" if answer else "no"
        data[f"comment_{item}"] = comment
    return data | extra


@pytest.fixture
def signed(world, plan, assignment):
    assessment.sign_off_plan(actor=world["lead_iv"], plan=plan)
    return assignment


def test_the_iv_fills_the_checklist_table(world, client, signed):
    client.force_login(world["iv"])
    url = f"/verification/briefs/{signed.pk}/"
    page = client.get(url).content.decode()
    assert "<caption id=\"checklist-caption\">The checklist</caption>" in page
    assert page.count('type="radio"') == 2 * len(Item) + 2
    assert "No verification recorded yet." in page and "Verify the brief" in page
    response = client.post(f"{url}verify/", filled(), follow=True)
    page = response.content.decode()
    assert "The brief&#x27;s verification is recorded." in page
    assert "Approved for issue" in page and "Re-check the brief" in page
    assert BriefVerification.objects.get().checks.count() == len(Item)


def test_problems_are_shown_in_words_and_the_form_keeps_what_was_entered(world, client,
                                                                         signed):
    client.force_login(world["iv"])
    data = filled(no=(Item.DEADLINES,)) | {"comment_deadlines": "No deadline is shown.",
                                           "answer_scenario": ""}
    page = client.post(f"/verification/briefs/{signed.pk}/verify/", data).content.decode()
    assert "There is a problem" in page
    assert "Does it set a suitable vocational scenario? — Answer Yes or No." in page
    assert "No deadline is shown." in page  # kept as entered
    page = client.post(f"/verification/briefs/{signed.pk}/verify/",
                       filled(no=(Item.DEADLINES,))).content.decode()
    assert ("The brief cannot be recorded as fit for purpose while the answer to “Are the "
            "deadlines clear?” is No") in page
    page = client.post(f"/verification/briefs/{signed.pk}/verify/", filled(
        no=(Item.DEADLINES,), outcome="not_fit", comments="Add the deadline.",
        action_1="Add the deadline to the front page")).content.decode()
    assert "Target date for action 1 — Give the date it must be done by." in page
    assert not BriefVerification.objects.exists()


def test_the_assessor_signs_and_records_an_action_done_on_the_page(world, client, signed):
    verification = briefs.verify_brief(
        actor=world["iv"], assignment=signed, outcome="fit", answers=brief_answers(),
        actions=[("Add the word count to task 2", date.today() + timedelta(days=7))])
    client.force_login(world["assessor"])
    home = client.get("/").content.decode()
    assert "Add the word count to task 2 (Careers in sport)" in home
    assert "Read and sign the verification of the brief &#x27;Careers in sport&#x27;" in home
    url = f"/verification/briefs/{signed.pk}/"
    page = client.get(url).content.decode()
    assert "An action on the brief" in page and "Verify the brief" not in page
    assert "Sign: I have read this verification" in page
    client.post(f"/verification/brief-verifications/{verification.pk}/sign/")
    action = verification.actions.get()
    response = client.post(f"/verification/brief-actions/{action.pk}/done/",
                           {"completed_on": date.today().isoformat(),
                            "note": "Added: about 1,500 words."}, follow=True)
    page = response.content.decode()
    assert "Action recorded as done." in page and "Approved for issue" in page
    assert "Sign: I have read" not in page and "Added: about 1,500 words." in page
    assert "Add the word count" not in client.get("/").content.decode()


def test_the_assignment_page_links_to_the_verification(world, client, signed):
    client.force_login(world["iv"])
    page = client.get(f"/assessment/assignments/{signed.pk}/").content.decode()
    assert f'href="/verification/briefs/{signed.pk}/"' in page
    assert "Verify the brief with the checklist" in page


def test_the_brief_page_does_not_grow_with_its_records(world, client, signed):
    def count():
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(f"/verification/briefs/{signed.pk}/").status_code == 200
        return len(ctx)

    def record(n):
        for _ in range(n):
            briefs.verify_brief(actor=world["iv"], assignment=signed, outcome="not_fit",
                                answers=brief_answers(no=(Item.TIME_FRAME,)), comments="x",
                                actions=[("a", date.today()), ("b", date.today())])

    record(1)
    client.force_login(world["lead_iv"])
    small = count()
    record(4)
    assert count() == small
