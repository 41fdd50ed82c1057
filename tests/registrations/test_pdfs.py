"""The student report PDF: the units, grades and points claimed for a learner, asked for from
the report's page and offered to those who read it."""

import pytest
from django.urls import reverse

from registrations import certification
from tests.assessment.conftest import (  # noqa: F401  (fixtures: the assessment ones, not ours)
    assignment,
    cohort,
    issued,
    plan,
    unit,
    year,
)
from tests.certification.conftest import claimable  # noqa: F401
from tests.pdf_support import ask, assert_only_readers, download, text_of
from tests.qmr.matrix_support import READ

pytestmark = pytest.mark.django_db


@pytest.fixture
def report(world, claimable):  # noqa: F811
    report = certification.complete_student_report(actor=world["lead_iv"], learner=claimable)
    return certification.check_student_report(actor=world["leader"], report=report)


def test_the_student_report_pdf_shows_the_claim(client, world, report, committed):
    url = reverse("registrations:student-report-pdf", args=[report.pk])
    client.force_login(world["exams"])
    page = client.get(reverse("registrations:student-report-detail", args=[report.pk]))
    assert url in page.content.decode()  # the button is on the report's page
    job = ask(client, committed, world["exams"], url)
    text = text_of(download(client, job))
    assert "Student report" in text and str(report.learner) in text
    assert "Professional Development" in text and "Full qualification" in text
    assert "by Leader (Programme Leader)" in text and "by Lead_Iv (Lead IV)" in text


def test_only_the_reports_readers_get_the_pdf(client, world, report, committed):
    url = reverse("registrations:student-report-pdf", args=[report.pk])
    job = ask(client, committed, world["leader"], url)
    assert_only_readers(client, world, job, READ)
    for persona in ("learner", "outsider", "sv"):
        client.force_login(world[persona])
        assert client.post(url).status_code == 404
