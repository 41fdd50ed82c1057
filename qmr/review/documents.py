"""The review's PDFs, made as background jobs (qmr.jobs) with WeasyPrint from print
templates: the evidence pack (objective by objective, its progress recorded per objective)
and a version of the Centre Engagement Document. Read by whoever may read what they hold."""

from typing import Any

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import timezone
from weasyprint import HTML

from qmr.jobs import registry
from qmr.review import access, document_rules, selectors
from qmr.review.models import CycleKind, EngagementDocument, ReviewCycle

PACK = "review.evidence_pack"
DOCUMENT = "review.engagement_document"


def _pdf(template: str, context: dict) -> bytes:
    html = render_to_string(template, {**context, "printed_at": timezone.now()})
    return HTML(string=html, base_url=settings.SITE_URL).write_pdf()


def _pack_reader(user: Any, job: Any) -> bool:
    return job.centre is not None and access.holds_any(user, access.PACK_READERS, job.centre)


@registry.register(PACK, may_read=_pack_reader)
def evidence_pack(job: Any, progress: registry.Progress) -> tuple[str, bytes]:
    """Every objective's evidence, then the PDF: one progress step per objective and one for
    the rendering, which takes the longest."""
    cycle = ReviewCycle.objects.select_related("centre", "academic_year",
                                               "definition__version").get(pk=job.params["cycle"])
    objectives = selectors.objectives_with_measures(cycle)
    total = len(objectives) + 1
    parts = []
    for i, objective in enumerate(objectives, start=1):
        progress(i - 1, total, f"Gathering the evidence for {objective.code}.")
        parts.append({"objective": objective,
                      "measures": selectors.pack_for_objective(cycle, objective)})
    progress(total - 1, total, "Laying out the pages.")
    content = _pdf("review/pdf/pack.html", {"cycle": cycle, "centre": cycle.centre,
                                            "parts": parts})
    name = f"evidence-pack-{cycle.centre.number}-{cycle.academic_year.name.replace('/', '-')}"
    return f"{name}.pdf", content


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
