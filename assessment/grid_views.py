"""Tracking-grid pages and their CSV exports.

Who may open them: those whose role reads assessment on the cohort (assessors, internal
verifiers, the Lead IV, the Programme Leader, and the centre's leaders: Head of Centre, senior
managers, Quality Nominee). The Exams Officer sees the cohort's registration records but not
its assessment: 403. A learner of the cohort sees their own row only.

The grid's rows are many (200 learners x 15 criteria is 3,000 cells), so the table body is
written here with plain string joins and handed to the template as one safe string; a template
loop per cell costs several times more than the data itself.
"""

from collections.abc import Callable
from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.views.decorators.http import require_POST

from assessment import documents, grading, grid
from assessment.hooks import result_notes
from qmr import permissions
from qmr.csvexport import csv_response
from qmr.jobs import services as jobs
from qmr.roles import ASSESS, ASSESSMENT_READERS, VIEW_OWN_RECORD
from registrations import selectors
from registrations.models import Cohort, Learner, Unit

# Roles that read assessment records hold one of these on the cohort.
GRID_READERS = (ASSESS, *ASSESSMENT_READERS)

# state -> (CSS class, symbol, words). The symbol carries the meaning; colour only repeats it.
STATES = {
    grid.ACHIEVED: ("g-a", "✓", "Achieved"),
    grid.NOT_YET: ("g-n", "✗", "Not yet achieved (assessed)"),
    grid.RESUBMISSION: ("g-r", "R", "Resubmission authorised, not yet assessed"),
    grid.LATE: ("g-l", "L", "Handed in late, not achieved"),
    grid.NOT_ASSESSED: ("g-e", "·", "Not assessed yet"),
}
GRADES = grading.GRADE_NAMES | {"": "Nothing assessed yet"}
_CELL = {state: f'<td class="{cls}">{symbol}</td>' for state, (cls, symbol, _) in STATES.items()}
_GRADE_CELL = {g: f'<td class="g-{g.lower() or "e"}">{g or "·"}</td>' for g in GRADES}


# --- Access ----------------------------------------------------------------------------------

def _grid_access(user: Any, cohort_id: int) -> tuple[Cohort, Learner | None]:
    """The cohort and, for a learner of it, their own record (their row only). 404 for a
    cohort the person may not see at all, 403 for staff who see it but not its assessment."""
    try:
        cohort = selectors.get_cohort_for_user(user, cohort_id)
    except Http404:
        learner = Learner.objects.select_related(
            "centre", "cohort__programme", "cohort__academic_year").filter(
            user_id=user.pk, cohort_id=cohort_id).first()
        if learner is None or not permissions.can(user, VIEW_OWN_RECORD, learner.centre):
            raise
        return learner.cohort, learner
    if not any(permissions.can(user, perm, cohort) for perm in GRID_READERS):
        raise PermissionDenied("The tracking grids are for the assessment team and the "
                               "centre's leaders.")
    return cohort, None


def staff_grid_cohort(user: Any, cohort_id: int) -> Cohort:
    """The cohort whose grids the person reads as staff (the printable grids): as the pages,
    and 404 for a learner, who reads their own row on the page only."""
    cohort, own = _grid_access(user, cohort_id)
    if own is not None:
        raise Http404("The printed tracking grid is for staff.")
    return cohort


def _unit(cohort: Cohort, unit_id: int) -> Unit:
    unit = Unit.objects.filter(pk=unit_id, programme_id=cohort.programme_id).first()
    if unit is None:
        raise Http404("No such unit on this cohort's programme.")
    return unit


def _learner_link(own: Learner | None) -> Callable[[grid.GridLearner], str]:
    """Writes a learner's row heading: linked to their record for staff, plain for learners."""
    if own is not None:
        return lambda lr: (f'{escape(lr.sort_name)} '
                           f'<span class="g-ref">{escape(lr.centre_ref)}</span>')
    marker = "2147483647"  # reverse once, then fill the pk in: no resolver work per row
    before, after = reverse("registrations:learner-detail", args=[marker]).split(marker)
    return lambda lr: (f'<a href="{before}{lr.pk}{after}">{escape(lr.sort_name)}</a> '
                       f'<span class="g-ref">{escape(lr.centre_ref)}</span>')


# --- Table bodies ----------------------------------------------------------------------------

def unit_table_body(data: grid.UnitGrid, heading: Callable[[grid.GridLearner], str]
                    ) -> SafeString:
    """One <tr> per learner: their name, a cell per criterion, achieved count, unit grade."""
    total = len(data.criteria)
    cell = _CELL.__getitem__
    rows = [
        f'<tr><th scope="row">{heading(r.learner)}</th>{"".join(map(cell, r.cells))}'
        f'<td>{r.achieved}/{total}</td>{_GRADE_CELL[r.grade]}</tr>'
        for r in data.rows
    ]
    return mark_safe("\n".join(rows))  # every text above is escaped


def cohort_table_body(data: grid.CohortGrid, heading: Callable[[grid.GridLearner], str]
                      ) -> SafeString:
    """One <tr> per learner: their name, a grade per unit, points, predicted grade."""
    cell = _GRADE_CELL.__getitem__
    rows = [
        f'<tr><th scope="row">{heading(r.learner)}</th>{"".join(map(cell, r.grades))}'
        f'<td>{r.points}</td>{_GRADE_CELL.get(r.predicted) or _predicted(r.predicted)}</tr>'
        for r in data.rows
    ]
    return mark_safe("\n".join(rows))  # every text above is escaped


def _predicted(grade: str) -> str:
    return f'<td class="g-d">{escape(grade)}</td>'  # a grade beyond the unit grades, e.g. D*


# --- Pages -----------------------------------------------------------------------------------

@login_required
def grid_unit(request: HttpRequest, cohort_id: int, unit_id: int) -> HttpResponse:
    cohort, own = _grid_access(request.user, cohort_id)
    unit = _unit(cohort, unit_id)
    data = grid.unit_grid(cohort, unit, learner=own)
    return render(request, "assessment/grid_unit.html", {
        "cohort": cohort, "unit": unit, "grid": data, "own": own,
        "body": unit_table_body(data, _learner_link(own)),
        "summary": list(zip(data.criteria, data.summary, strict=True)),
        "states": list(STATES.values()),
        "grades": [(g, GRADES[g]) for g in ("D", "M", "P", "U")],
        "notes": result_notes.gather(cohort, unit, own),
    })


@login_required
def grid_cohort(request: HttpRequest, cohort_id: int) -> HttpResponse:
    cohort, own = _grid_access(request.user, cohort_id)
    data = grid.cohort_grid(cohort, learner=own)
    return render(request, "assessment/grid_cohort.html", {
        "cohort": cohort, "grid": data, "own": own,
        "body": cohort_table_body(data, _learner_link(own)),
        "grades": [(g or "·", GRADES[g]) for g in ("D", "M", "P", "U", "")],
        "notes": result_notes.gather(cohort, None, own),
    })


@login_required
@require_POST
def grid_pdf(request: HttpRequest, cohort_id: int, unit_id: int | None = None) -> HttpResponse:
    """Ask for the grid as a PDF, made in the background: one unit's, or (no unit) the
    all-units grid followed by each unit's."""
    cohort = staff_grid_cohort(request.user, cohort_id)
    unit = _unit(cohort, unit_id) if unit_id is not None else None
    back = (reverse("assessment:grid-unit", args=[cohort.pk, unit.pk]) if unit
            else reverse("assessment:grid-cohort", args=[cohort.pk]))
    job = jobs.request_job(
        actor=request.user, kind=documents.GRID, centre=cohort.programme.centre,
        title=f"Tracking grid: {cohort.name}{f', unit {unit.number}' if unit else ''} (PDF)",
        params={"cohort": cohort.pk, "unit": unit.pk if unit else None, "back_url": back,
                "back_label": "The tracking grid"})
    return redirect("jobs:detail", job.pk)


# --- CSV -------------------------------------------------------------------------------------

def _slug(text: str) -> str:
    return "".join(ch if ch.isalnum() else "-" for ch in text).strip("-").lower()[:60] or "grid"


@login_required
def grid_unit_csv(request: HttpRequest, cohort_id: int, unit_id: int) -> HttpResponse:
    cohort, own = _grid_access(request.user, cohort_id)
    unit = _unit(cohort, unit_id)
    data = grid.unit_grid(cohort, unit, learner=own)
    words = {state: words for state, (_, _, words) in STATES.items()}
    words[grid.NOT_ASSESSED] = ""
    header = ["Last name", "First name", "Reference", *[c.code for c in data.criteria],
              "Criteria achieved", "Unit grade"]
    rows = [[r.learner.last_name, r.learner.first_name, r.learner.centre_ref,
             *[words[s] for s in r.cells], r.achieved, r.grade] for r in data.rows]
    return csv_response(f"{_slug(cohort.name)}-unit-{_slug(unit.number)}.csv", header, rows)


@login_required
def grid_cohort_csv(request: HttpRequest, cohort_id: int) -> HttpResponse:
    cohort, own = _grid_access(request.user, cohort_id)
    data = grid.cohort_grid(cohort, learner=own)
    header = ["Last name", "First name", "Reference",
              *[f"Unit {u.number}" for u in data.units], "Points", "Predicted grade"]
    rows = [[r.learner.last_name, r.learner.first_name, r.learner.centre_ref, *r.grades,
             r.points, r.predicted] for r in data.rows]
    return csv_response(f"{_slug(cohort.name)}-all-units.csv", header, rows)
