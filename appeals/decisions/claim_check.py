"""Where results that may change show: the claim check (a result in doubt after another
learner's appeal is not claimable until reviewed; an open appeal is a warning) and the notes
above a cohort's tracking grids."""

from collections.abc import Sequence
from typing import Any

from appeals.decisions.models import Appeal, AppealStatus, ResultInDoubt
from registrations.claim_checks import ClaimScope, Finding


def _in_scope(unit_ids: set[int], scope: ClaimScope) -> bool:
    return scope.full or bool(unit_ids & scope.unit_ids)


def results_in_doubt(learners: Sequence[Any], scope: ClaimScope) -> dict[int, list[Finding]]:
    """Two queries for the batch (the doubts and the open appeals, each with its units)."""
    pks = [learner.pk for learner in learners]
    found: dict[int, list[Finding]] = {}
    doubts = ResultInDoubt.objects.filter(
        submission__learner_id__in=pks, resolved_at__isnull=True).select_related(
        "submission__assignment").prefetch_related("submission__assignment__criteria")
    for d in doubts:
        assignment = d.submission.assignment
        if _in_scope({c.unit_id for c in assignment.criteria.all()}, scope):
            found.setdefault(d.submission.learner_id, []).append(Finding(
                f"The result of {assignment.title} is in doubt after another learner's "
                f"appeal: the assessor or the Lead IV must review it before it is claimed."))
    appeals = Appeal.objects.filter(learner_id__in=pks, status=AppealStatus.OPEN).select_related(
        "decision__submission__assignment").prefetch_related(
        "decision__submission__assignment__criteria")
    for a in appeals:
        assignment = a.decision.submission.assignment
        if _in_scope({c.unit_id for c in assignment.criteria.all()}, scope):
            found.setdefault(a.learner_id, []).append(Finding(
                f"An appeal against the result of {assignment.title} is still open: the "
                f"result may change.", refuses=False))
    return found


def _name(learner: Any) -> str:
    return f"{learner.last_name}, {learner.first_name}"


def grid_notes(cohort: Any, unit: Any, learner: Any) -> list[str]:
    """Results in doubt and open appeals of the cohort's learners (one learner's own, on their
    grid), on the unit when there is one. Two queries."""
    doubts = ResultInDoubt.objects.filter(resolved_at__isnull=True,
                                          submission__learner__cohort=cohort)
    appeals = Appeal.objects.filter(status=AppealStatus.OPEN, learner__cohort=cohort)
    if learner is not None:
        doubts, appeals = doubts.filter(submission__learner=learner), appeals.filter(
            learner=learner)
    if unit is not None:
        doubts = doubts.filter(submission__assignment__criteria__unit=unit)
        appeals = appeals.filter(decision__submission__assignment__criteria__unit=unit)
    rows = {(_name(d.submission.learner), d.submission.assignment.title, "doubt")
            for d in doubts.select_related("submission__learner", "submission__assignment")}
    rows |= {(_name(a.learner), a.decision.submission.assignment.title, "appeal")
             for a in appeals.select_related("learner", "decision__submission__assignment")}
    return [f"{name}, {title}: " + ("in doubt after another learner's appeal; not claimable "
                                    "until the assessor or Lead IV reviews it" if kind == "doubt"
                                    else "an appeal is open, so the result may change")
            for name, title, kind in sorted(rows)]
