"""Subject access: a learner's whole record exported on request as a readable PDF and the same
data as JSON, asked for by the centre's Quality Nominee or Exams Officer, or by the learner;
and a correction the learner asked for recorded as such in the history."""

import io
import json
import zipfile

import pytest
from django.urls import reverse

from registrations import services
from registrations.models import Learner
from tests.appeals.conftest import appeal, mine, released  # noqa: F401  (fixtures)
from tests.assessment.conftest import (  # noqa: F401  (fixtures)
    assignment,
    cohort,
    issued,
    plan,
    unit,
    year,
)
from tests.pdf_support import ask, assert_only_readers, download, text_of

pytestmark = pytest.mark.django_db


def unpack(content: bytes) -> tuple[str, dict]:
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        assert sorted(archive.namelist()) == ["record.json", "record.pdf"]
        return text_of(archive.read("record.pdf")), json.loads(archive.read("record.json"))


def walk(record: dict):
    """Every part of the record, however deep."""
    for part in record["parts"]:
        yield part
        for child in part["records"]:
            yield from walk(child)


def test_the_nominee_exports_the_learners_whole_record(client, world, appeal, committed):  # noqa: F811
    learner = world["learner"].learner
    services.change_details(actor=world["exams"], learner=learner, first_name="Jo",
                            corrects_error=True)
    url = reverse("registrations:learner-subject-access", args=[learner.pk])
    client.force_login(world["nominee"])
    page = client.get(reverse("registrations:learner-detail", args=[learner.pk])).content.decode()
    assert url in page and "Export the learner's whole record" in page

    job = ask(client, committed, world["nominee"], url)
    assert job.filename.endswith(".zip")
    text, data = unpack(download(client, job))

    assert data["learner"] == f"Jo {learner.last_name}"
    assert data["record"]["fields"]["date_of_birth"] == learner.date_of_birth.isoformat()
    parts = {p["model"]: p for p in walk(data["record"])}
    [decision] = parts["assessment.Decision"]["records"]
    assert decision["fields"]["feedback"] == "P1 met; P2 and M1 not yet."
    [lodged] = parts["appeals.Appeal"]["records"]
    assert lodged["fields"]["grounds"] == "My P2 comparison is on page 3."
    assert data["history"][0]["reason"] == services.CORRECTION_REASON
    assert data["history"][0]["changes"][0]["to"] == "Jo"

    assert f"Everything we hold about Jo {learner.last_name}" in text
    for heading in ["Identity and enrolment", "History of changes to this record",
                    "Corrects an error the learner reported", "My P2 comparison is on page 3.",
                    *(p["title"] for p in parts.values())]:
        assert heading in text
    assert_only_readers(client, world, job, {"nominee", "exams", "learner"})


def test_the_learner_exports_their_own_record(client, world, mine, committed):  # noqa: F811
    client.force_login(world["learner"])
    url = reverse("registrations:my-subject-access")
    assert url in client.get(reverse("registrations:my-record")).content.decode()
    job = ask(client, committed, world["learner"], url)
    text, data = unpack(download(client, job))
    learner = world["learner"].learner
    assert data["record"]["id"] == learner.pk and learner.full_name in text
    assert "assessment.Decision" in {p["model"] for p in walk(data["record"])}


def test_only_the_nominee_exams_officer_and_learner_may_ask(client, world):
    learner = Learner.objects.get(user=world["learner"])
    url = reverse("registrations:learner-subject-access", args=[learner.pk])
    for persona in ("outsider", "head", "leader", "assessor", "reviewer", "sv"):
        client.force_login(world[persona])
        assert client.post(url).status_code == 404, persona
    client.force_login(world["head"])
    page = client.get(reverse("registrations:learner-detail", args=[learner.pk]))
    assert url not in page.content.decode()


def test_a_correction_is_shown_as_one_in_the_learners_history(client, world):
    learner = Learner.objects.get(user=world["learner"])
    services.change_details(actor=world["exams"], learner=learner, phone="01234 567890")
    client.force_login(world["exams"])
    page = client.get(reverse("registrations:learner-detail", args=[learner.pk])).content.decode()
    assert "This corrects an error the learner reported" in page  # on the details form
    client.post(reverse("registrations:learner-details", args=[learner.pk]), {
        "first_name": learner.first_name, "last_name": "Smyth",
        "date_of_birth": learner.date_of_birth.isoformat(), "corrects_error": "on"})
    reasons = list(learner.history.order_by("-history_id").values_list(
        "history_change_reason", flat=True)[:2])
    assert reasons == [services.CORRECTION_REASON, None]
    learner.refresh_from_db()
    assert learner.last_name == "Smyth"
    page = client.get(reverse("registrations:learner-detail", args=[learner.pk])).content.decode()
    assert "(corrects an error the learner reported)" in page
