"""Assessment's part of certification (registered from AssessmentConfig.ready()): what each
learner has achieved, for the student report, and two claim checks.

Only results released to the learner count for a claim, and of a piece of work only its latest
decision (a correction supersedes what it corrects): a result still held, say for internal
verification, is not yet something the centre can certify. Grades, retake caps and points come
from the same code as the tracking grid (`grid.unit_grades`), over released results only.

Which units a full qualification needs: every mandatory unit, and every optional unit the learner
has work assessed in. Externally assessed units have no criteria here (the awarding body marks
them), so they are asked for an entry instead of achieved criteria, and their points are not
known here.

Every function answers for a whole batch of one programme's learners in a fixed number of
queries.
"""

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from django.db.models import BooleanField, ExpressionWrapper, Q

from assessment import grading, grid
from assessment.models import Attempt, CriterionResult, GradingScheme, Submission
from registrations.claim_checks import Achievement, ClaimScope, Finding, UnitResult
from registrations.models import Band, Criterion, ExternalEntry

RELEASED_LATEST = Q(decision__superseded_by__isnull=True, decision__released_at__isnull=False)


def _unit_name(unit: grid.UnitColumn) -> str:
    return f"Unit {unit.number} {unit.title}"


def _graded(learners: Sequence[Any], programme: Any) -> tuple[
        list[grid.UnitColumn], GradingScheme, dict[int, Achievement]]:
    """The programme's units and grading scheme, and each learner's achievement from released
    results. Four queries (a fifth if a retake result is found)."""
    units = grid.programme_units(programme)
    scheme = grid.scheme_for(programme)
    pks = [lr.pk for lr in learners]
    results = CriterionResult.objects.filter(
        RELEASED_LATEST, decision__submission__learner_id__in=pks).order_by()
    retakes = Submission.objects.filter(learner_id__in=pks, attempt=Attempt.RETAKE)
    grades = grid.unit_grades(programme.pk, units, results, retakes, pks)
    points_of = grid.unit_points_table(scheme, units)
    found = {}
    for pk in pks:
        achieved = tuple(UnitResult(u.pk, u.number, u.title, g, points_of[(i, g)])
                         for i, (u, g) in enumerate(zip(units, grades[pk], strict=True)) if g)
        points = sum(r.points for r in achieved)
        found[pk] = Achievement(achieved, points, grading.overall_grade(scheme, points))
    return units, scheme, found


def achievements(learners: Sequence[Any], programme: Any) -> dict[int, Achievement]:
    """The achievement provider: each learner's graded units, points and overall grade."""
    return _graded(learners, programme)[2]


@dataclass
class _Record:
    released: set[int] = field(default_factory=set)  # Pass criteria achieved, result released
    held: set[int] = field(default_factory=set)  # achieved, but the result is not released
    started: set[int] = field(default_factory=set)  # units with any work assessed


def _latest(learners: Sequence[Any]) -> Any:
    return CriterionResult.objects.filter(
        decision__superseded_by__isnull=True,
        decision__submission__learner_id__in=[lr.pk for lr in learners]).order_by()


def _started(learners: Sequence[Any]) -> dict[int, set[int]]:
    """Per learner, the units with work assessed, from the latest decisions (one query)."""
    started: dict[int, set[int]] = defaultdict(set)
    for learner_id, unit_id in _latest(learners).values_list(
            "decision__submission__learner_id", "criterion__unit_id").distinct():
        started[learner_id].add(unit_id)
    return started


def _records(learners: Sequence[Any]) -> dict[int, _Record]:
    """Per learner, the units started and the Pass criteria achieved on the latest decisions,
    released or not (two queries). Only Pass criteria are read: they are all a claim asks,
    and a cohort's results are mostly other rows."""
    records: dict[int, _Record] = defaultdict(_Record)
    for learner_id, units in _started(learners).items():
        records[learner_id].started = units
    # Whether released, not when: a flag per row is far cheaper to read than a datetime.
    rows = _latest(learners).filter(achieved=True, criterion__band=Band.PASS).annotate(
        released=ExpressionWrapper(Q(decision__released_at__isnull=False),
                                   output_field=BooleanField())).values_list(
        "decision__submission__learner_id", "criterion_id", "released")
    for learner_id, criterion_id, released in rows.distinct():
        record = records[learner_id]
        (record.released if released else record.held).add(criterion_id)
    return records


def criteria_achieved(learners: Sequence[Any], scope: ClaimScope) -> dict[int, list[Finding]]:
    """Every Pass criterion of each unit claimed is achieved on a released result. Units
    claimed: the named ones for unit certification; for the full qualification the mandatory
    units and the optional units the learner has started (the mandatory units not started are
    unit_combination's finding). Four queries."""
    units = [u for u in grid.programme_units(scope.programme) if not u.externally_assessed]
    passes: dict[int, list[tuple[int, str]]] = defaultdict(list)
    for pk, unit_id, code in Criterion.objects.filter(
            unit__programme_id=scope.programme.pk, band=Band.PASS).order_by(
            "unit_id", "id").values_list("pk", "unit_id", "code"):
        passes[unit_id].append((pk, code))
    records = _records(learners)
    found: dict[int, list[Finding]] = {}
    for learner in learners:
        record = records.get(learner.pk, _Record())
        claimed = [u for u in units if u.pk in scope.unit_ids] if not scope.full else [
            u for u in units if u.pk in record.started]
        findings = [f for f in (_missing(u, passes[u.pk], record) for u in claimed) if f]
        if findings:
            found[learner.pk] = findings
    return found


def _missing(unit: grid.UnitColumn, passes: list[tuple[int, str]],
             record: _Record) -> Finding | None:
    if not passes:
        return Finding(f"{_unit_name(unit)} has no Pass criteria recorded, so its achievement "
                       f"cannot be shown: add them to the programme's specification.")
    not_yet = [code for pk, code in passes if pk not in record.released | record.held]
    held = [code for pk, code in passes if pk in record.held and pk not in record.released]
    if not (not_yet or held):
        return None
    parts = [f"{', '.join(not_yet)} not yet achieved"] if not_yet else []
    if held:
        parts.append(f"{', '.join(held)} achieved but the result is not released to the "
                     f"learner yet")
    return Finding(f"{_unit_name(unit)}: {'; '.join(parts)}.")


def unit_combination(learners: Sequence[Any], scope: ClaimScope) -> dict[int, list[Finding]]:
    """For the full qualification: no mandatory unit missing (internally assessed: some work
    assessed; externally assessed: entered for it), and at least the grading scheme's minimum
    points. Where externally assessed units' points are not known here, too few points is a
    warning, not a refusal. Five queries, a sixth for the entries where the programme has
    externally assessed units (one more if a retake result is found)."""
    if not scope.full:
        return {}
    units, scheme, achieved = _graded(learners, scope.programme)
    external = [u for u in units if u.externally_assessed]
    started = _started(learners)
    entered = set(ExternalEntry.objects.filter(
        learner_id__in=[lr.pk for lr in learners], unit_id__in=[u.pk for u in external],
        status__in=[ExternalEntry.Status.ENTERED, ExternalEntry.Status.CHECKED],
    ).values_list("learner_id", "unit_id")) if external else set()
    found: dict[int, list[Finding]] = {}
    for learner in learners:
        findings = []
        missing = [_unit_name(u) for u in units if u.mandatory and not u.externally_assessed
                   and u.pk not in started.get(learner.pk, ())]
        if missing:
            findings.append(Finding(f"Mandatory unit{'s' if len(missing) > 1 else ''} with no "
                                    f"work assessed yet: {'; '.join(missing)}."))
        not_entered = [_unit_name(u) for u in external
                       if u.mandatory and (learner.pk, u.pk) not in entered]
        if not_entered:
            findings.append(Finding(f"Not entered for the external assessment of mandatory "
                                    f"{'units' if len(not_entered) > 1 else 'unit'} "
                                    f"{'; '.join(not_entered)}."))
        points = achieved[learner.pk].points
        if points < scheme.minimum_points:
            findings.append(_too_few_points(points, scheme.minimum_points, external))
        if findings:
            found[learner.pk] = findings
    return found


def _too_few_points(points: int, minimum: int, external: list[grid.UnitColumn]) -> Finding:
    if external:
        return Finding(
            f"{points} points from the units assessed here, fewer than the {minimum} the "
            f"qualification needs: the results of the externally assessed units "
            f"({', '.join(f'Unit {u.number}' for u in external)}) must make up the rest.",
            refuses=False)
    return Finding(f"{points} points, fewer than the {minimum} the qualification needs.")
