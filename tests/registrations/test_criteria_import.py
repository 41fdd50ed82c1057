"""Importing a unit's criteria from a CSV: a background job, all rows or none, every bad
row named on the job's page."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from qmr.jobs.models import Job
from registrations import specification
from registrations.models import Criterion

pytestmark = pytest.mark.django_db

GOOD = "code,learning_aim,text\nP1,A,Describe roles.\nP2,A,Explain skills.\nD1,AB,Evaluate."
BAD = "code,learning_aim,text\nP3,B,Plan.\nQ9,B,Wrong code.\nP1,A,Duplicate."


@pytest.fixture
def unit(world):
    return specification.add_unit(actor=world["leader"], programme=world.programme,
                                  number="3", title="Professional Development",
                                  guided_learning_hours=60, mandatory=True,
                                  externally_assessed=False)


def upload(client, user, unit, text, committed):
    """POST the file as `user`, follow to the job's page: (job, what the page says)."""
    client.force_login(user)
    with committed():
        response = client.post(reverse("registrations:criteria-import",
                                       args=[unit.programme_id, unit.pk]),
                               {"file": SimpleUploadedFile("spec.csv", text.encode())})
    job = Job.objects.latest("pk")
    assert response.url == reverse("jobs:detail", args=[job.pk])
    page = client.get(response.url).content.decode()
    job.refresh_from_db()
    return job, page


def codes(unit):
    return sorted(Criterion.objects.filter(unit=unit).values_list("code", flat=True))


def test_it_imports_every_row_as_a_job(client, world, unit, committed):
    job, page = upload(client, world["leader"], unit, GOOD, committed)
    assert (job.state, job.total, job.done) == ("done", 3, 3)
    assert "Download import-report.txt" in page and codes(unit) == ["D1", "P1", "P2"]
    report = b"".join(client.get(reverse("jobs:download", args=[job.pk])).streaming_content)
    assert report.startswith(b"3 criteria imported into Unit 3: Professional Development")


def test_bad_rows_import_nothing_and_each_is_named(client, world, unit, committed):
    upload(client, world["leader"], unit, GOOD, committed)
    job, page = upload(client, world["leader"], unit, BAD, committed)
    assert job.state == "failed" and job.error.splitlines()[1:] == [
        "Row 3, code: 'Q9' is not a criterion code (P1, M2, D1...).",
        "Row 4, code: Unit 3: Professional Development already has P1."]
    assert "Nothing was imported: 2 problems in the file." in page
    assert "<br>Row 4, code: Unit 3: Professional Development already has P1." in page
    assert codes(unit) == ["D1", "P1", "P2"]


def test_outsider_gets_404_on_the_job_page(client, world, unit, committed):
    job, _ = upload(client, world["leader"], unit, GOOD, committed)
    client.force_login(world["outsider"])
    assert client.get(reverse("jobs:detail", args=[job.pk])).status_code == 404


def test_lead_iv_reads_the_leaders_import(client, world, unit, committed):
    job, _ = upload(client, world["leader"], unit, GOOD, committed)
    client.force_login(world["lead_iv"])
    assert client.get(reverse("jobs:detail", args=[job.pk])).status_code == 200


def test_the_import_page_lists_my_recent_imports(client, world, unit, committed):
    upload(client, world["leader"], unit, BAD, committed)
    page = client.get(reverse("registrations:criteria-import",
                              args=[unit.programme_id, unit.pk])).content.decode()
    assert "Criteria import into Unit 3: Professional Development" in page and "Failed" in page


def test_assessor_gets_403(client, world, unit):
    client.force_login(world["assessor"])
    response = client.post(reverse("registrations:criteria-import",
                                   args=[unit.programme_id, unit.pk]),
                           {"file": SimpleUploadedFile("spec.csv", GOOD.encode())})
    assert response.status_code == 403 and not Job.objects.exists()
