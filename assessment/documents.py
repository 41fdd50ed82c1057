"""Assessment's PDFs, made as background jobs (qmr.jobs) from print templates: the tracking
grid (computed by `assessment.grid`, laid out as the grid pages lay it out) and one learner's
assessment record for an assignment, with its feedback. Read by whoever may read what they
hold, as the pages decide."""

from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.html import escape
from weasyprint import HTML

from assessment import grid, grid_views, selectors
from assessment.models import Submission
from qmr.jobs import registry
from registrations.models import Cohort, Unit

GRID = "assessment.tracking_grid"
RECORD = "assessment.record"


def _pdf(template: str, context: dict) -> bytes:
    html = render_to_string(template, {**context, "printed_at": timezone.now()})
    return HTML(string=html, base_url=settings.SITE_URL).write_pdf()


def _slug(text: str) -> str:
    return "".join(ch if ch.isalnum() else "-" for ch in text).strip("-").lower()[:60]


# --- Tracking grid ---------------------------------------------------------------------------

def _grid_reader(user: Any, job: Any) -> bool:
    """The staff who see the grid pages (never a learner: their page shows their row only)."""
    try:
        grid_views.staff_grid_cohort(user, job.params.get("cohort"))
    except (Http404, PermissionDenied):
        return False
    return True


def _print_name(learner: grid.GridLearner) -> str:
    return f'{escape(learner.sort_name)} <span class="g-ref">{escape(learner.centre_ref)}</span>'


def _unit_part(cohort: Cohort, unit: Unit) -> dict:
    data = grid.unit_grid(cohort, unit)
    return {"unit": unit, "grid": data, "body": grid_views.unit_table_body(data, _print_name),
            "summary": list(zip(data.criteria, data.summary, strict=True))}


@registry.register(GRID, may_read=_grid_reader)
def tracking_grid(job: Any, progress: registry.Progress) -> tuple[str, bytes]:
    """One unit's grid, or the all-units grid followed by each unit's: one progress step per
    grid and one for the rendering."""
    cohort = Cohort.objects.select_related("programme__centre", "academic_year").get(
        pk=job.params["cohort"])
    units = Unit.objects.filter(programme_id=cohort.programme_id).order_by("id")
    if job.params.get("unit"):
        units = units.filter(pk=job.params["unit"])
    units = list(units)
    whole = not job.params.get("unit")
    total = len(units) + (2 if whole else 1)
    overview = None
    if whole:
        progress(0, total, "Working out the unit grades.")
        data = grid.cohort_grid(cohort)
        overview = {"grid": data, "body": grid_views.cohort_table_body(data, _print_name)}
    parts = []
    for i, unit in enumerate(units, start=1 if whole else 0):
        progress(i, total, f"Working out unit {unit.number}.")
        part = _unit_part(cohort, unit)
        if part["grid"].criteria or not whole:  # the units list says which have none
            parts.append(part)
    progress(total - 1, total, "Laying out the pages.")
    content = _pdf("assessment/pdf/tracking_grid.html", {
        "cohort": cohort, "centre": cohort.programme.centre, "overview": overview,
        "parts": parts, "states": list(grid_views.STATES.values()),
        "grades": [(g or "·", grid_views.GRADES[g]) for g in ("D", "M", "P", "U", "")]})
    name = f"tracking-grid-{_slug(cohort.name)}"
    if not whole:
        name += f"-unit-{_slug(units[0].number)}"
    return f"{name}.pdf", content


# --- Assessment record -----------------------------------------------------------------------

def _attempts(submission: Submission, *, released_only: bool) -> list[dict]:
    """Every attempt of the learner at the assignment (first, resubmission, retake) in order,
    each with its decisions, corrections included; for the learner, released ones only."""
    attempts = Submission.objects.filter(
        assignment_id=submission.assignment_id, learner_id=submission.learner_id
    ).select_related("submitted_by").order_by("submitted_at", "pk")
    records = []
    for work in attempts:
        detail = selectors.submission_detail(work)
        latest = detail["latest"]
        if released_only and not (latest and latest.released_at):
            detail["decisions"], detail["latest"] = [], None
        records.append({"submission": work, **detail})
    return records


def _record_reader(user: Any, job: Any) -> bool:
    """Whoever opens the submission's page: its assessor, the programme's readers of
    assessment, and the learner themself, who reads only the copy made for them (it holds
    only what was released to them)."""
    try:
        submission = selectors.get_submission_for_user(user, job.params.get("submission"))
    except Http404:
        return False
    return submission.learner.user_id != user.pk or job.params.get("learner_copy") is True


@registry.register(RECORD, may_read=_record_reader)
def assessment_record(job: Any, progress: registry.Progress) -> tuple[str, bytes]:
    """The brief, each hand-in, each decision with its feedback and corrections, and any
    resubmission. A learner's copy holds only the decisions released to them."""
    submission = Submission.objects.select_related(
        "learner__centre", "assignment__plan__programme__centre", "assignment__plan__academic_year",
        "assignment__assessor", "assignment__internal_verifier").get(pk=job.params["submission"])
    progress(0, 2, "Gathering the decisions and feedback.")
    own = job.params.get("learner_copy") is True
    assignment = submission.assignment
    records = _attempts(submission, released_only=own)
    progress(1, 2, "Laying out the pages.")
    content = _pdf("assessment/pdf/record.html", {
        "submission": submission, "assignment": assignment, "learner": submission.learner,
        "centre": assignment.plan.programme.centre, "own": own, "records": records,
        "criteria": list(assignment.criteria.select_related("unit"))})
    name = f"assessment-record-{_slug(submission.learner.centre_ref or str(submission.learner.pk))}"
    return f"{name}-{_slug(assignment.title)}.pdf", content
