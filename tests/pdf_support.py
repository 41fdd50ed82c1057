"""Helpers for the PDF job tests: ask for a document by its button, fetch the finished file
and read its text (poppler's pdftotext), so a test asserts what the reader would see."""

import subprocess
from typing import Any

from django.urls import reverse

from qmr.jobs.models import Job
from tests.conftest import PERSONAS


def ask(client: Any, committed: Any, person: Any, url: str) -> Job:
    """Press the "Download as PDF" button as `person`; the job runs as the request commits."""
    client.force_login(person)
    with committed():
        response = client.post(url)
    job = Job.objects.latest("pk")
    assert response.status_code == 302 and response.url == reverse("jobs:detail", args=[job.pk])
    job.refresh_from_db()
    assert job.state == Job.State.DONE, job.error
    return job


def download(client: Any, job: Job) -> bytes:
    response = client.get(reverse("jobs:download", args=[job.pk]))
    assert response.status_code == 200
    return b"".join(response.streaming_content)


def text_of(content: bytes) -> str:
    """The PDF's text, its lines joined by single spaces (table cells wrap)."""
    assert content.startswith(b"%PDF")
    out = subprocess.run(["pdftotext", "-", "-"], input=content,
                         capture_output=True, check=True).stdout.decode()
    return " ".join(out.split())


def assert_only_readers(client: Any, world: Any, job: Job, allowed: set[str]) -> None:
    """The job's page and file answer 200 to the personas in `allowed`, 404 to everyone else."""
    wrong = {}
    for persona in sorted({*PERSONAS, "outsider"}):
        client.force_login(world[persona])
        statuses = (client.get(reverse("jobs:detail", args=[job.pk])).status_code,
                    client.get(reverse("jobs:download", args=[job.pk])).status_code)
        if statuses != ((200, 200) if persona in allowed else (404, 404)):
            wrong[persona] = statuses
    assert wrong == {}
