"""The appeals' claim check: a result in doubt after another learner's appeal is not claimable
until it has been reviewed; an open appeal is a warning to read before claiming."""

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
