"""Tracking grids: which criteria each learner of a cohort has achieved, unit by unit, and the
unit grades, points and predicted grade across the programme.

Both grids read a fixed number of queries whatever the cohort's size: the learners, the units
or criteria, and the criterion results of the latest decisions fetched for the whole cohort at
once (`values_list`, no model instances). The rules themselves are in `assessment.grading`.

A criterion is achieved when, for any of the learner's submissions of an assignment targeting
it, the latest decision (one no correction supersedes) says so.
"""

from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Exists, OuterRef, Q

from assessment import grading
from assessment.models import (
    Assignment,
    Attempt,
    CriterionResult,
    Decision,
    GradingScheme,
    Resubmission,
    RetakeRule,
    Submission,
)
from registrations.models import Band, Cohort, Criterion, Learner, LearnerStatus, Unit

# Cell states of the unit grid, strongest first: a cell shows the first that applies.
ACHIEVED = "achieved"
RESUBMISSION = "resubmission"  # an authorised resubmission not yet assessed
LATE = "late"  # the latest submission covering it was late, and it is not achieved
NOT_YET = "not_yet"  # assessed, not achieved
NOT_ASSESSED = ""

ACTIVE = (LearnerStatus.ENROLLED, LearnerStatus.REGISTERED)
LATEST = Q(decision__superseded_by__isnull=True)


@dataclass(slots=True)
class GridLearner:
    pk: int
    first_name: str
    last_name: str
    centre_ref: str

    @property
    def sort_name(self) -> str:
        return f"{self.last_name}, {self.first_name}"


@dataclass(slots=True)
class CriterionColumn:
    pk: int
    code: str
    band: str


@dataclass(slots=True)
class UnitRow:
    learner: GridLearner
    cells: list[str]  # one state per criterion, in column order
    achieved: int
    grade: str


@dataclass(slots=True)
class CriterionSummary:
    achieved: int
    percent: int


@dataclass
class UnitGrid:
    cohort: Cohort
    unit: Unit
    criteria: list[CriterionColumn]
    rows: list[UnitRow]
    summary: list[CriterionSummary]  # per criterion, over the rows shown


@dataclass(slots=True)
class UnitColumn:
    pk: int
    number: str
    title: str
    guided_learning_hours: int
    mandatory: bool
    externally_assessed: bool
    totals: dict[str, int]  # criteria per band


@dataclass(slots=True)
class CohortRow:
    learner: GridLearner
    grades: list[str]  # per unit: "D", "M", "P", "U", or "" when nothing is assessed yet
    points: int
    predicted: str


@dataclass
class CohortGrid:
    cohort: Cohort
    units: list[UnitColumn]
    rows: list[CohortRow]
    scheme: GradingScheme


def _learners(cohort: Cohort, learner: Learner | None) -> list[GridLearner]:
    qs = Learner.objects.filter(cohort_id=cohort.pk, status__in=ACTIVE)
    if learner is not None:
        qs = qs.filter(pk=learner.pk)
    return [GridLearner(*row) for row in qs.order_by("last_name", "first_name", "pk")
            .values_list("pk", "first_name", "last_name", "centre_ref")]


def _results(cohort: Cohort, learner: Learner | None) -> Any:
    """Criterion results of the latest decisions on the cohort's submissions (a queryset)."""
    qs = CriterionResult.objects.filter(LATEST, decision__submission__learner__cohort_id=cohort.pk)
    if learner is not None:
        qs = qs.filter(decision__submission__learner_id=learner.pk)
    return qs.order_by()


def _percent(part: int, whole: int) -> int:
    return (200 * part + whole) // (2 * whole) if whole else 0  # rounded, halves up


class _Cap:
    """The programme's retake cap, read only if a retake result turns up."""

    def __init__(self, programme_id: int) -> None:
        self.programme_id, self._band = programme_id, None

    @property
    def band(self) -> str:
        if self._band is None:
            rule = RetakeRule.objects.filter(programme_id=self.programme_id).first()
            self._band = rule.max_band if rule else Band.PASS
        return self._band


def unit_grid(cohort: Cohort, unit: Unit, learner: Learner | None = None) -> UnitGrid:
    """Learners down, the unit's criteria across (P, M, D order). With `learner`, their row
    only. Six queries (a seventh if a retake result is found)."""
    # P, M, D as Criterion.Meta.ordering gives, less its leading "unit" (a join to no purpose).
    order = Criterion._meta.ordering[1:]
    criteria = [CriterionColumn(*row) for row in unit.criteria.order_by(*order)
                .values_list("pk", "code", "band")]
    learners = _learners(cohort, learner)
    column = {c.pk: i for i, c in enumerate(criteria)}
    cells = {lr.pk: [NOT_ASSESSED] * len(criteria) for lr in learners}

    retake_achieved: set[tuple[int, int]] = set()
    first_achieved: set[tuple[int, int]] = set()
    for learner_id, criterion_id, achieved, attempt in _results(cohort, learner).filter(
            criterion_id__in=list(column)).values_list(
            "decision__submission__learner_id", "criterion_id", "achieved",
            "decision__submission__attempt"):
        row = cells.get(learner_id)
        if row is None:  # withdrawn or transferred out since
            continue
        i = column[criterion_id]
        if achieved:
            row[i] = ACHIEVED
            (retake_achieved if attempt == Attempt.RETAKE else first_achieved).add(
                (learner_id, i))
        elif row[i] == NOT_ASSESSED:
            row[i] = NOT_YET

    covers: dict[int, list[int]] = defaultdict(list)  # assignment -> columns it targets
    for assignment_id, criterion_id in Assignment.criteria.through.objects.filter(
            criterion_id__in=list(column)).values_list("assignment_id", "criterion_id"):
        covers[assignment_id].append(column[criterion_id])
    submissions = Submission.objects.filter(assignment_id__in=list(covers),
                                            learner__cohort_id=cohort.pk).order_by()
    if learner is not None:
        submissions = submissions.filter(learner_id=learner.pk)
    latest: dict[tuple[int, int], tuple[Any, bool]] = {}
    for learner_id, assignment_id, submitted_at, late in submissions.values_list(
            "learner_id", "assignment_id", "submitted_at", "late"):
        for i in covers[assignment_id]:
            seen = latest.get((learner_id, i))
            if seen is None or submitted_at > seen[0]:
                latest[(learner_id, i)] = (submitted_at, late)
    for (learner_id, i), (_, late) in latest.items():
        row = cells.get(learner_id)
        if late and row is not None and row[i] != ACHIEVED:
            row[i] = LATE

    for learner_id, assignment_id in _pending_resubmissions(cohort, list(covers), learner):
        row = cells.get(learner_id)
        for i in covers[assignment_id] if row is not None else ():
            if row[i] != ACHIEVED:
                row[i] = RESUBMISSION

    pairs = [(c.code, c.band) for c in criteria]
    cap = _Cap(cohort.programme_id)
    retakers = {learner_id for learner_id, _ in retake_achieved}
    rows = []
    for lr in learners:
        row = cells[lr.pk]
        achieved = {criteria[i].code for i, state in enumerate(row) if state == ACHIEVED}
        grade = grading.unit_grade(achieved, pairs)
        if lr.pk in retakers:  # a grade earned on a retake is capped
            first = {criteria[i].code for i in range(len(criteria))
                     if (lr.pk, i) in first_achieved}
            grade = grading.best(grading.unit_grade(first, pairs),
                                 grading.unit_grade(achieved, pairs, cap=cap.band))
        rows.append(UnitRow(lr, row, len(achieved), grade))
    counts = [sum(1 for r in rows if r.cells[i] == ACHIEVED) for i in range(len(criteria))]
    summary = [CriterionSummary(n, _percent(n, len(rows))) for n in counts]
    return UnitGrid(cohort, unit, criteria, rows, summary)


def _pending_resubmissions(cohort: Cohort, assignment_ids: list[int],
                           learner: Learner | None) -> list[tuple[int, int]]:
    """(learner, assignment) pairs with an authorised resubmission that has no decision yet."""
    decided = Decision.objects.filter(
        submission__assignment_id=OuterRef("submission__assignment_id"),
        submission__learner_id=OuterRef("submission__learner_id"),
        submission__attempt=Attempt.RESUBMISSION)
    qs = Resubmission.objects.filter(
        ~Exists(decided), status=Resubmission.Status.AUTHORISED,
        submission__assignment_id__in=assignment_ids,
        submission__learner__cohort_id=cohort.pk)
    if learner is not None:
        qs = qs.filter(submission__learner_id=learner.pk)
    return list(qs.values_list("submission__learner_id", "submission__assignment_id"))


def scheme_for(programme: Any) -> GradingScheme:
    """The programme's grading scheme, or the defaults (unsaved) when it has none."""
    return GradingScheme.objects.filter(programme_id=programme.pk).first() or GradingScheme(
        programme=programme)


def programme_units(programme: Any) -> list[UnitColumn]:
    """The programme's units in order, with how many criteria each has per band (one query)."""
    per_band = {f"n_{b}": Count("criteria", filter=Q(criteria__band=b)) for b in grading.BANDS}
    return [
        UnitColumn(pk, number, title, glh, mandatory, external,
                   dict(zip(grading.BANDS, n, strict=True)))
        for pk, number, title, glh, mandatory, external, *n in
        Unit.objects.filter(programme_id=programme.pk).annotate(**per_band).order_by("id")
        .values_list("pk", "number", "title", "guided_learning_hours", "mandatory",
                     "externally_assessed", *per_band)]


def unit_grades(programme_id: int, units: list[UnitColumn], results: Any, retakes: Any,
                learner_ids: list[int]) -> dict[int, list[str]]:
    """Per learner, the grade in each of `units` ("" when nothing is assessed yet), from
    `results` (criterion results of latest decisions) with a retake's grade capped. `retakes`
    are the learners' retake submissions. Two queries (a third if a retake result is found).

    Shared by the tracking grid and the claim checks, so both grade alike."""
    column = {u.pk: i for i, u in enumerate(units)}
    # Per learner and unit, the criteria achieved in each band (distinct: a criterion may be
    # achieved in more than one submission). Only if there are retakes, also those achieved on
    # other attempts, since a grade earned on a retake is capped: counting both costs more.
    counts = {}
    for b in grading.BANDS:
        band = Q(achieved=True, criterion__band=b)
        counts[f"all_{b}"] = Count("criterion_id", distinct=True, filter=band)
    with_retakes = retakes.exists()
    if with_retakes:
        for b in grading.BANDS:
            band = Q(achieved=True, criterion__band=b) & ~Q(
                decision__submission__attempt=Attempt.RETAKE)
            counts[f"first_{b}"] = Count("criterion_id", distinct=True, filter=band)
    grouped = (results.values("decision__submission__learner_id", "criterion__unit_id")
               .annotate(**counts)
               .values_list("decision__submission__learner_id", "criterion__unit_id", *counts))

    grades = {pk: [""] * len(units) for pk in learner_ids}
    cap = _Cap(programme_id)
    memo: dict[tuple, str] = {}  # few distinct (unit, counts): grade each once
    for learner_id, unit_id, *n in grouped:
        row, i = grades.get(learner_id), column.get(unit_id)
        if row is None or i is None:  # a learner who has left, a unit of another programme
            continue
        key = (i, *n)
        grade = memo.get(key)
        if grade is None:
            totals, every = units[i].totals, dict(zip(grading.BANDS, n[:3], strict=True))
            grade = grading.grade_from_counts(every, totals)
            if with_retakes and n[:3] != n[3:]:  # something was achieved only on a retake
                first = dict(zip(grading.BANDS, n[3:], strict=True))
                grade = grading.best(grading.grade_from_counts(first, totals),
                                     grading.grade_from_counts(every, totals, cap=cap.band))
            grade = memo[key] = grade
        row[i] = grade
    return grades


def unit_points_table(scheme: GradingScheme, units: list[UnitColumn]) -> dict[tuple, int]:
    """(unit column, grade) -> points, for adding up a row of grades without a lookup each."""
    return {(i, g): grading.unit_points(scheme, u.guided_learning_hours, g)
            for i, u in enumerate(units) for g in ("", "U", *grading.BANDS)}


def cohort_grid(cohort: Cohort, learner: Learner | None = None) -> CohortGrid:
    """Learners down, the programme's units across: each unit's grade, the points and the
    predicted overall grade. Five queries (a sixth if a retake result is found)."""
    programme = cohort.programme
    units = programme_units(programme)
    learners = _learners(cohort, learner)
    scheme = scheme_for(programme)
    retakes = Submission.objects.filter(learner__cohort_id=cohort.pk, attempt=Attempt.RETAKE)
    if learner is not None:
        retakes = retakes.filter(learner_id=learner.pk)
    grades = unit_grades(programme.pk, units, _results(cohort, learner), retakes,
                         [lr.pk for lr in learners])
    points_of = unit_points_table(scheme, units)
    rows = []
    for lr in learners:
        row = grades[lr.pk]
        points = sum(points_of[(i, g)] for i, g in enumerate(row))
        rows.append(CohortRow(lr, row, points, grading.overall_grade(scheme, points)))
    return CohortGrid(cohort, units, rows, scheme)
