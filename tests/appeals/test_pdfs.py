"""The appeals log PDF: the year's appeals at the centre and the patterns in them, asked for
from the log page and offered to those who read the log."""

import pytest
from django.urls import reverse

from tests.pdf_support import ask, assert_only_readers, download, text_of

pytestmark = pytest.mark.django_db

LOG_READERS = {"head", "slt", "nominee", "reviewer"}


def log_url(world, year):
    return reverse("appeals:log-pdf", args=[world.centre.pk, year.pk])


def test_the_log_pdf_lists_the_years_appeals(client, world, appeal, year, committed):
    client.force_login(world["nominee"])
    page = client.get(reverse("appeals:log"), {"year": year.pk})
    assert log_url(world, year) in page.content.decode()  # the button is on the log page
    job = ask(client, committed, world["nominee"], log_url(world, year))
    text = text_of(download(client, job))
    assert "Appeals log 2026/27" in text and "1 appeal lodged in 2026/27" in text
    assert str(appeal.learner) in text and "Careers in sport" in text
    assert "Stage 1: the assessor and the learner" in text
    assert job.filename == f"appeals-log-{world.centre.number}-2026-27.pdf"


def test_only_the_logs_readers_get_the_log_pdf(client, world, appeal, year, committed):
    job = ask(client, committed, world["head"], log_url(world, year))
    assert_only_readers(client, world, job, LOG_READERS)
    for persona in ("assessor", "learner", "outsider", "exams"):
        client.force_login(world[persona])
        assert client.post(log_url(world, year)).status_code == 404
