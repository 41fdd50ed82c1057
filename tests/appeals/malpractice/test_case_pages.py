"""The malpractice pages: only the Head of Centre, the Quality Nominee and the investigator
learn a case exists; the register's query count does not grow; the report's fields."""

import pytest
from django.core.files.base import ContentFile
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from appeals.malpractice import selectors, services
from appeals.malpractice.models import Category, MalpracticeCase

pytestmark = pytest.mark.django_db


def _client(person):
    c = Client()
    c.force_login(person)
    return c


def test_the_accused_and_their_colleagues_get_404(world, staff_case, outside_team):
    services.appoint_investigator(actor=world["head"], case=staff_case,
                                  investigator=outside_team)
    evidence = services.add_evidence(actor=world["head"], case=staff_case,
                                     file=ContentFile(b"notes", name="n.txt"))
    urls = [reverse("appeals:case-detail", args=[staff_case.pk]),
            reverse("appeals:case-report", args=[staff_case.pk]),
            reverse("appeals:case-evidence", args=[evidence.pk])]
    for who in ("assessor", "iv", "leader", "lead_iv", "slt", "exams", "learner", "outsider"):
        client = _client(world[who])
        for url in urls:
            assert client.get(url).status_code == 404, (who, url)
        assert client.get(reverse("appeals:malpractice-register")).status_code == (
            200 if who == "outsider" else 404)
    for person in (world["head"], world["nominee"], outside_team):
        client = _client(person)
        for url in urls:
            assert client.get(url).status_code == 200
    body = _client(world["outsider"]).get(reverse("appeals:malpractice-register")).content
    assert b"Rewrote" not in body and str(world["assessor"]).encode() not in body


def test_the_accused_learner_gets_404(world, learner_case):
    url = reverse("appeals:case-detail", args=[learner_case.pk])
    assert _client(world["learner"]).get(url).status_code == 404


def test_the_head_takes_steps_on_the_page_and_others_are_refused(world, staff_case,
                                                                 outside_team, login):
    client = login(world["head"])
    page = client.get(reverse("appeals:case-detail", args=[staff_case.pk]))
    assert b"Appoint the investigator" in page.content and page.content.count(b"<h1") == 1
    response = client.post(reverse("appeals:case-step", args=[staff_case.pk, "appoint"]),
                           {"appoint-investigator": world["iv"].pk}, follow=True)
    assert b"same programme team" in response.content
    assert MalpracticeCase.objects.get(pk=staff_case.pk).investigator is None
    client.post(reverse("appeals:case-step", args=[staff_case.pk, "appoint"]),
                {"appoint-investigator": outside_team.pk})
    assert MalpracticeCase.objects.get(pk=staff_case.pk).investigator == outside_team
    nominee = _client(world["nominee"])
    assert nominee.post(reverse("appeals:case-step", args=[staff_case.pk, "notify"]),
                        {}).status_code == 403
    investigator = _client(outside_team)
    investigator.post(reverse("appeals:case-step", args=[staff_case.pk, "notify"]), {})
    assert MalpracticeCase.objects.get(pk=staff_case.pk).told_of_allegation_on


def test_raising_a_case_on_the_page(world, login):
    client = login(world["nominee"])
    assert client.get(reverse("appeals:malpractice-raise")).status_code == 200
    response = client.post(reverse("appeals:malpractice-raise"), {
        "learner": world["learner"].learner.pk, "category": Category.COPYING,
        "allegation": "Copied a classmate's table."})
    case = MalpracticeCase.objects.get()
    assert response.status_code == 302 and case.raised_by == world["nominee"]


def _count(client, url):
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx)


def test_the_register_keeps_its_query_count(world, staff_case, outside_team):
    head = _client(world["head"])
    urls = [reverse("appeals:malpractice-register"),
            reverse("appeals:malpractice-register") + "?status=open&kind=staff"]
    small = [_count(head, u) for u in urls]
    for n in range(4):
        case = services.raise_case(
            actor=world["nominee"], centre=world.centre, staff_member=world["iv"],
            category=Category.CHANGED_MARKS, allegation=f"Changed marks {n}.")
        services.appoint_investigator(actor=world["head"], case=case,
                                      investigator=outside_team)
        services.raise_case(actor=world["nominee"], centre=world.centre,
                            learner=world["learner"].learner, category=Category.PLAGIARISM,
                            allegation=f"Copied {n}.")
    assert [_count(head, u) for u in urls] == small
    body = head.get(urls[1]).content.decode()
    assert "Changed marks" not in body  # the register shows the category, not the allegation
    assert body.count("Case ") >= 5


def _fields(case):
    return {f.label: f.value for f in selectors.awarding_body_report(case)}


def test_the_report_for_a_learner_case(world, learner_case):
    learner = world["learner"].learner
    learner.registration_number = "RN12345"
    learner.save(update_fields=["registration_number"])
    case = selectors.get_case_for_user(world["head"], learner_case.pk)
    fields = _fields(case)
    assert fields["Centre"] == f"{world.centre.name} ({world.centre.number})"
    assert fields["Head of Centre"] == str(world["head"])
    assert fields["Candidate"] == f"{learner.first_name} {learner.last_name}, registration " \
                                  f"number RN12345"
    assert fields["Qualification"] == str(world.programme)
    assert fields["Witnesses"] == "The assessor."
    assert fields["What happened"] == "The report was written by a chatbot."
    assert fields["How it was found"] == "The assessor checked the references."
    assert fields["How candidates were told the rules"] == "Induction and the handbook."
    assert fields["Declaration of authenticity signed"] == "Yes"


def test_the_report_for_a_staff_case(world, staff_case, outside_team, login):
    services.appoint_investigator(actor=world["head"], case=staff_case,
                                  investigator=outside_team)
    fields = _fields(selectors.get_case_for_user(world["head"], staff_case.pk))
    assert fields["Member of staff"] == str(world["assessor"])
    assert "Assessor" in fields["Their position at the centre"]
    assert fields["What is suspected"].startswith("Improper help given to learners")
    assert fields["How it was discovered"] == "An IV sample."
    assert fields["Whether candidates were advantaged or disadvantaged"] == \
        "Some learners advantaged."
    assert fields["The planned investigation"] == "Interviews."
    assert fields["Investigator"] == str(outside_team)
    page = login(world["nominee"]).get(reverse("appeals:case-report", args=[staff_case.pk]))
    assert b"Some learners advantaged." in page.content


def test_home_sections_and_navigation(world, staff_case, outside_team):
    services.appoint_investigator(actor=world["head"], case=staff_case,
                                  investigator=outside_team)
    home = reverse("qmr:home")
    investigator = _client(outside_team).get(home).content.decode()
    assert "Malpractice cases you are investigating" in investigator
    assert "Malpractice register" not in investigator
    head = _client(world["head"]).get(home).content.decode()
    assert "Malpractice cases to act on" in head and "Malpractice register" in head
    accused = _client(world["assessor"]).get(home).content.decode()
    case_url = reverse("appeals:case-detail", args=[staff_case.pk])
    assert case_url in investigator and case_url in head
    assert case_url not in accused and "Improper help" not in accused
    assert "Malpractice register" not in accused


def test_the_case_page_and_its_report_do_not_grow_with_evidence(world, staff_case,
                                                                 outside_team):
    from django.core.files.base import ContentFile

    services.appoint_investigator(actor=world["head"], case=staff_case,
                                  investigator=outside_team)
    head = _client(world["head"])
    urls = [reverse("appeals:case-detail", args=[staff_case.pk]),
            reverse("appeals:case-report", args=[staff_case.pk])]
    services.add_evidence(actor=world["head"], case=staff_case,
                          file=ContentFile(b"%PDF-1.4", name="e0.pdf"))
    small = [_count(head, u) for u in urls]
    for n in range(1, 5):
        services.add_evidence(actor=world["head"], case=staff_case,
                              file=ContentFile(b"%PDF-1.4", name=f"e{n}.pdf"))
    assert [_count(head, u) for u in urls] == small
