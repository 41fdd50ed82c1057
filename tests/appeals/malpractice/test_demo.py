"""The demo's malpractice cases: a closed learner case with every stage, and an open staff
case seen only by the Head of Centre, the Quality Nominee and its investigator."""

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from appeals.malpractice.models import Category, MalpracticeCase, Status
from qmr.evidence import Status as EvidenceStatus
from qmr.evidence import for_centre
from qmr.models import Centre, User

pytestmark = pytest.mark.django_db


def test_the_demo_cases():
    call_command("load_demo")
    centre = Centre.objects.get(number="48213")
    learner_case = MalpracticeCase.objects.get(centre=centre, kind="learner")
    assert learner_case.category == Category.AI_MISUSE and learner_case.status == Status.CLOSED
    assert learner_case.fully_documented and learner_case.reported_to_awarding_body_on
    staff_case = MalpracticeCase.objects.get(centre=centre, kind="staff")
    assert staff_case.is_open and staff_case.investigator.email == "hsc.lead@brookfield.example"
    url = reverse("appeals:case-detail", args=[staff_case.pk])
    for email, status in [("head", 200), ("quality", 200), ("hsc.lead", 200), ("r.ng", 404),
                          ("s.patel", 404), ("sport.lead", 404), ("slt", 404)]:
        client = Client()
        client.force_login(User.objects.get(email=f"{email}@brookfield.example"))
        assert client.get(url).status_code == status, email
    evidence = {e.title: e.status for e in for_centre(centre, "QO.10")}
    assert evidence["Malpractice investigations documented"] == EvidenceStatus.IN_PLACE
    assert evidence["Malpractice reported to the awarding body"] == EvidenceStatus.WEAK
    call_command("load_demo")
    assert MalpracticeCase.objects.filter(centre=centre).count() == 2
