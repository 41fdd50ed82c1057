"""The review's PDFs as background jobs: asked for from the pack and the document pages, made
by the Celery task (in-process here, as in the embedded default) with its progress recorded,
and offered only to those who may read what they hold."""

import pytest
from django.urls import reverse

from qmr.jobs.models import Job
from qmr.review import documents
from qmr.review import services as review_services

pytestmark = pytest.mark.django_db


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """Run what waits for the commit (sending the job to its task) as each step ends."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


def pack_job(client, world, review_cycle, committed):
    client.force_login(world["nominee"])
    with committed():
        response = client.post(reverse("review:pack-pdf", args=[review_cycle.pk]))
    job = Job.objects.get()
    assert response.url == reverse("jobs:detail", args=[job.pk])
    return job


def test_the_evidence_pack_pdf_is_made_and_downloaded(client, world, review, committed):
    job = pack_job(client, world, review.cycle, committed)
    job.refresh_from_db()
    assert (job.state, job.done, job.total, job.attempts) == ("done", 11, 11, 1)
    page = client.get(reverse("jobs:detail", args=[job.pk])).content.decode()
    assert "100%" in page and f"Download {job.filename}" in page
    response = client.get(reverse("jobs:download", args=[job.pk]))
    content = b"".join(response.streaming_content)
    assert content.startswith(b"%PDF") and len(content) > 10_000
    assert job.filename.startswith(f"evidence-pack-{world.centre.number}-2026-27")


def test_only_the_packs_readers_see_the_job(client, world, review, committed):
    job = pack_job(client, world, review.cycle, committed)
    for persona, status in (("reviewer", 200), ("head", 200), ("assessor", 404),
                            ("learner", 404), ("outsider", 404)):
        client.force_login(world[persona])
        assert client.get(reverse("jobs:detail", args=[job.pk])).status_code == status
        assert client.get(reverse("jobs:download", args=[job.pk])).status_code == status


def test_the_status_part_alone_answers_htmx_polls(client, world, review, committed):
    job = pack_job(client, world, review.cycle, committed)
    part = client.get(reverse("jobs:detail", args=[job.pk]), HTTP_HX_REQUEST="true")
    html = part.content.decode()
    assert html.lstrip().startswith('<div id="job-status"') and "<html" not in html


def test_a_draft_document_pdf_is_for_the_centre_side_only(client, world, review, committed):
    document = review_services.start_document(actor=world["nominee"], cycle=review.cycle)
    client.force_login(world["head"])
    with committed():
        client.post(reverse("review:document-pdf", args=[document.pk]))
    job = Job.objects.get(kind=documents.DOCUMENT)
    assert job.state == "done" and job.filename.endswith("-v1.pdf")
    client.force_login(world["reviewer"])  # the reviewer reads submitted versions only
    assert client.get(reverse("jobs:download", args=[job.pk])).status_code == 404
    assert client.post(reverse("review:document-pdf", args=[document.pk])).status_code == 404
