"""The review's PDFs as background jobs: asked for from the pack and the document pages, made
by the Celery task (in-process here, as in the embedded default) with its progress recorded,
and offered only to those who may read what they hold."""

import io

import pytest
from django.urls import reverse
from pypdf import PdfReader

from qmr.evidence import Evidence, Record
from qmr.jobs.models import Job
from qmr.review import documents
from qmr.review import services as review_services

pytestmark = pytest.mark.django_db


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
    # a step per objective gathered (10), per part laid out (10 and the cover), and the join
    assert (job.state, job.done, job.total, job.attempts) == ("done", 22, 22, 1)
    page = client.get(reverse("jobs:detail", args=[job.pk])).content.decode()
    assert "100%" in page and f"Download {job.filename}" in page
    response = client.get(reverse("jobs:download", args=[job.pk]))
    content = b"".join(response.streaming_content)
    assert content.startswith(b"%PDF") and len(content) > 10_000
    assert job.filename.startswith(f"evidence-pack-{world.centre.number}-2026-27")


def test_the_pack_is_joined_with_a_bookmark_per_objective_and_numbered_throughout(
        client, world, review, committed):
    job = pack_job(client, world, review.cycle, committed)
    pdf = PdfReader(io.BytesIO(b"".join(client.get(
        reverse("jobs:download", args=[job.pk])).streaming_content)))
    pages = len(pdf.pages)
    top = [item for item in pdf.outline if not isinstance(item, list)]
    assert [item.title for item in top][:3] == ["Contents", "QO.1 Centre management systems",
                                                "QO.2 Centre roles and team working"]
    assert len(top) == 11 and isinstance(pdf.outline[2], list)  # the measures beneath QO.1
    first, last = pdf.pages[0].extract_text(), pdf.pages[-1].extract_text()
    assert f"Page 1 of {pages}" in first and f"Page {pages} of {pages}" in last
    for item in top[1:]:  # the contents give the page each objective's bookmark opens
        start = pdf.get_destination_page_number(item) + 1
        assert f"{item.title} {start}" in first.splitlines()
        assert f"Page {start} of {pages}" in pdf.pages[start - 1].extract_text()


def test_a_line_of_evidence_prints_its_first_records_and_links_to_the_rest():
    records = [Record(f"Learner {i}", learner_id=i) for i in range(30)]
    printed = documents._printed(Evidence("QO.3.1", "Late", "weak", "30 late.", records))
    assert len(printed["records"]) == documents.RECORDS_PRINTED
    assert printed["more"] == 30 - documents.RECORDS_PRINTED


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
