"""Verification's PDF, made as a background job (qmr.jobs): the IV record of an assignment —
the brief's verifications (checklist, actions, signatures) and the IV records of its sampled
assessment decisions, as the verification pages show them."""

from typing import Any

from django.conf import settings
from django.db.models import Prefetch
from django.http import Http404
from django.template.loader import render_to_string
from django.utils import timezone
from weasyprint import HTML

from assessment import selectors as assessment_selectors
from assessment.models import Assignment
from qmr.jobs import registry
from verification import briefs, checks, selectors
from verification.models import CriterionCheck, DecisionVerification

IV_RECORD = "verification.iv_record"


def readable_decision_records(user: Any, assignment: Assignment) -> list[int]:
    """The pks of the sampled decisions' IV records the person may read, in print order."""
    pks = selectors.decision_verifications_for_user(user, assignment).values_list("pk", flat=True)
    return list(dict.fromkeys(pks))


def _reader(user: Any, job: Any) -> bool:
    """Whoever reads the brief's IV page and every decision record the job holds."""
    try:
        assignment = assessment_selectors.get_assignment_for_user(
            user, job.params.get("assignment"))
    except Http404:
        return False
    held = set(job.params.get("verifications", []))
    return held <= set(readable_decision_records(user, assignment))


@registry.register(IV_RECORD, may_read=_reader)
def iv_record(job: Any, progress: registry.Progress) -> tuple[str, bytes]:
    """The brief's verifications, then each sampled decision's, as chosen when it was asked
    for (the records the person asking may read)."""
    assignment = Assignment.objects.select_related(
        "plan__programme__centre", "plan__academic_year", "assessor",
        "internal_verifier").get(pk=job.params["assignment"])
    progress(0, 3, "Gathering the brief's verifications.")
    records = briefs.verifications_of(assignment)
    progress(1, 3, "Gathering the sampled decisions' verifications.")
    order = {pk: i for i, pk in enumerate(job.params.get("verifications", []))}
    decisions = sorted(DecisionVerification.objects.filter(pk__in=list(order)).select_related(
        "submission__learner", "decision__assessor", "verifier", "assessor_signed_by",
        "countersigned_by").prefetch_related(
        Prefetch("checks", queryset=CriterionCheck.objects.select_related("criterion")),
        "actions"), key=lambda v: order[v.pk])
    progress(2, 3, "Laying out the pages.")
    html = render_to_string("verification/pdf/iv_record.html", {
        "assignment": assignment, "centre": assignment.plan.programme.centre,
        "records": records, "problem": checks.brief_problem(assignment, records),
        "criteria": list(assignment.criteria.select_related("unit")),
        "decisions": decisions, "printed_at": timezone.now()})
    content = HTML(string=html, base_url=settings.SITE_URL).write_pdf()
    slug = "".join(ch if ch.isalnum() else "-" for ch in assignment.title).strip("-").lower()
    return f"iv-record-{slug[:60]}.pdf", content
