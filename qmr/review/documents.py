"""The review's PDFs, made as background jobs (qmr.jobs) with WeasyPrint from print
templates: the evidence pack and a version of the Centre Engagement Document. Read by whoever
may read what they hold.

The pack is summary-first (the figures of the centre, its programmes and cohorts; where a line
of evidence rests on more records than `RECORDS_PRINTED`, the PDF links to the pack's page
online for the rest) and is laid out in parts: the cover and contents, then one part per
objective. WeasyPrint holds every page of a document until it finishes, so each part is laid
out in a fresh child process that exits after it, which bounds the memory by the largest part.
The parts are joined with pypdf, a bookmark per objective (its measures beneath), and "Page x
of y" is printed across the joined document by a layer of page numbers laid out for the total.
"""

import io
import os
import pickle
import signal
import traceback
from collections import deque
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader, PdfWriter
from weasyprint import CSS, HTML

from qmr.evidence import Evidence
from qmr.jobs import registry
from qmr.review import access, document_rules, selectors
from qmr.review.models import CycleKind, EngagementDocument, ReviewCycle

PACK = "review.evidence_pack"
DOCUMENT = "review.engagement_document"
RECORDS_PRINTED = 12  # per line of evidence; the rest are on the pack's page online
RENDERERS = 2  # parts laid out at once, each in its own child process
# A part's own footer leaves "Page x of y" out: the joined document prints it (`_number`).
UNNUMBERED = "@page { @bottom-right { content: none !important; } }"


def _pdf(template: str, context: dict) -> bytes:
    html = render_to_string(template, {**context, "printed_at": timezone.now()})
    return HTML(string=html, base_url=settings.SITE_URL).write_pdf()


def _lay_out(html: str, base_url: str, numbered: bool) -> tuple[bytes, int]:
    """In a child process: one part's PDF and its number of pages."""
    document = HTML(string=html, base_url=base_url).render(
        stylesheets=[] if numbered else [CSS(string=UNNUMBERED)])
    return document.write_pdf(), len(document.pages)


def _fork(fn: Callable, *args: Any) -> tuple[int, int]:
    """Run fn(*args) in a forked child; its pid and the pipe its pickled outcome comes on.
    Forked by hand: multiprocessing refuses children to a Celery pool process (daemonic)."""
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: answer, then exit without running the parent's clean-up
        os.close(read)
        code = 0
        try:
            outcome = (True, fn(*args))
        except BaseException:
            outcome, code = (False, traceback.format_exc(limit=4)), 1
        with os.fdopen(write, "wb") as out:
            pickle.dump(outcome, out)
        os._exit(code)
    os.close(write)
    return pid, read


def _collect(pid: int, read: int) -> Any:
    with os.fdopen(read, "rb") as answer:
        data = answer.read()
    os.waitpid(pid, 0)
    if not data:
        raise RuntimeError("Laying out part of the PDF stopped (out of memory?).")
    ok, value = pickle.loads(data)
    if not ok:
        raise RuntimeError(f"Laying out part of the PDF failed: {value}")
    return value


def lay_out_apart(htmls: list[str], done: Callable[[int], None],
                  numbered: bool = False) -> list[tuple[bytes, int]]:
    """Each HTML as a PDF (with no page numbers unless `numbered`), each in a fresh forked
    child that exits after it (at most RENDERERS at once); `done(i)` as part i comes back,
    in order."""
    results: list[tuple[bytes, int]] = []
    running: deque[tuple[int, int]] = deque()
    try:
        for html in htmls:
            if len(running) == RENDERERS:
                results.append(_collect(*running.popleft()))
                done(len(results) - 1)
            running.append(_fork(_lay_out, html, settings.SITE_URL, numbered))
        while running:
            results.append(_collect(*running.popleft()))
            done(len(results) - 1)
    finally:  # a part failed: stop the others
        for pid, read in running:
            os.kill(pid, signal.SIGKILL)
            os.close(read)
            os.waitpid(pid, 0)
    return results


def _printed(found: Evidence) -> dict:
    """A line of evidence as printed: its first records, and how many more are online."""
    return {"status": found.status, "status_label": found.status_label, "title": found.title,
            "summary": found.summary, "records": found.records[:RECORDS_PRINTED],
            "more": max(0, len(found.records) - RECORDS_PRINTED)}


def _number(pages: int, context: dict) -> bytes:
    """The layer of page numbers ("Page x of y") for the joined document."""
    html = render_to_string("review/pdf/page_numbers.html", {**context, "pages": range(pages)})
    return lay_out_apart([html], lambda i: None, numbered=True)[0][0]


def join(parts: list[tuple[str, bytes]], numbers: bytes | None = None) -> bytes:
    """One PDF from (bookmark, PDF) parts: a bookmark per part, each part's own bookmarks
    beneath it, and the page-number layer (if given) printed on every page."""
    writer = PdfWriter()
    for title, content in parts:
        writer.append(PdfReader(io.BytesIO(content)), outline_item=title)
    if numbers is not None:
        for page, number in zip(writer.pages, PdfReader(io.BytesIO(numbers)).pages,
                                strict=True):
            page.merge_page(number)
    writer.page_mode = "/UseOutlines"
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _pack_reader(user: Any, job: Any) -> bool:
    return job.centre is not None and access.holds_any(user, access.PACK_READERS, job.centre)


@registry.register(PACK, may_read=_pack_reader)
def evidence_pack(job: Any, progress: registry.Progress) -> tuple[str, bytes]:
    """The pack: a step per objective gathered, per part laid out, then the cover and the
    join. The objectives are laid out before the cover so the contents give their pages."""
    cycle = ReviewCycle.objects.select_related("centre", "academic_year",
                                               "definition__version").get(pk=job.params["cycle"])
    objectives = selectors.objectives_with_measures(cycle)
    n = len(objectives)
    total = 2 * n + 2
    base = {"cycle": cycle, "centre": cycle.centre, "printed_at": timezone.now()}
    htmls = []
    for i, objective in enumerate(objectives):
        progress(i, total, f"Gathering the evidence for {objective.code}.")
        measures = [{**row, "evidence": [_printed(e) for e in row["evidence"]]}
                    for row in selectors.pack_for_objective(cycle, objective)]
        htmls.append(render_to_string("review/pdf/pack_objective.html", {
            **base, "objective": objective, "measures": measures}))
    steps = [f"Laying out the pages of {o.code}." for o in objectives]
    steps.append("Laying out the cover and contents.")
    progress(n, total, steps[0])
    laid_out = lay_out_apart(htmls, lambda i: progress(n + i + 1, total, steps[i + 1]))
    cover = _cover(cycle, objectives, [pages for _, pages in laid_out], base)
    progress(total - 1, total, "Joining the parts and numbering the pages.")
    pages = cover[1] + sum(p for _, p in laid_out)
    content = join([("Contents", cover[0])] + [
        (f"{o.code} {o.title}", pdf) for o, (pdf, _) in zip(objectives, laid_out, strict=True)],
        _number(pages, base))
    name = f"evidence-pack-{cycle.centre.number}-{cycle.academic_year.name.replace('/', '-')}"
    return f"{name}.pdf", content


def _cover(cycle: ReviewCycle, objectives: list, part_pages: list[int],
           base: dict) -> tuple[bytes, int]:
    """The cover and contents, with the page each objective starts on. Laid out again in the
    rare case it is not the one page assumed (a long framework)."""
    cover_pages = 1
    while True:
        starts, page = [], cover_pages + 1
        for objective, pages in zip(objectives, part_pages, strict=True):
            starts.append({"objective": objective, "page": page})
            page += pages
        html = render_to_string("review/pdf/pack.html", {
            **base, "contents": starts,
            "pack_url": settings.SITE_URL.rstrip("/") + reverse("review:pack", args=[cycle.pk])})
        content, pages = lay_out_apart([html], lambda i: None)[0]
        if pages == cover_pages:
            return content, pages
        cover_pages = pages


def _document_reader(user: Any, job: Any) -> bool:
    document = EngagementDocument.objects.filter(pk=job.params.get("document")).first()
    return document is not None and selectors.readable_documents(user, document.cycle).filter(
        pk=document.pk).exists() and access.holds_any(user, access.PACK_READERS, job.centre)


@registry.register(DOCUMENT, may_read=_document_reader)
def engagement_document(job: Any, progress: registry.Progress) -> tuple[str, bytes]:
    document = selectors.document_with_sections(job.params["document"])
    progress(0, 1, "Laying out the pages.")
    content = _pdf("review/pdf/document.html", {
        "document": document, "cycle": document.cycle, "centre": document.cycle.centre,
        "sections": document_rules.sections(document),
        "aqd": document.cycle.definition.kind == CycleKind.ANNUAL_DECLARATION,
        "deadline": document_rules.deadline(document)})
    cycle = document.cycle
    return (f"engagement-document-{cycle.centre.number}-"
            f"{cycle.academic_year.name.replace('/', '-')}-v{document.number}.pdf", content)
