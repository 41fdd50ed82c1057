"""The certification hold: while the programme's standards verification for the current year
is blocked, or a sample provided has no report yet, none of its learners may be claimed for."""

from collections.abc import Mapping, Sequence
from typing import Any

from django.utils import timezone

from registrations.claim_checks import ClaimScope, Finding
from verification.standards.models import StandardsVerification
from verification.standards.state import state_of


def hold_reason(programme: Any) -> str:
    """Why claims for the programme wait on its standards verification, or "" (two
    queries)."""
    today = timezone.localdate()
    sv = StandardsVerification.objects.filter(
        programme=programme, academic_year__starts_on__lte=today,
        academic_year__ends_on__gte=today).prefetch_related("rounds").first()
    if sv is None:
        return ""
    state = state_of(sv.rounds.all())
    if state.blocked:
        return (f"The standards verification for {programme} is blocked: the verifier's "
                f"report on sample {state.reported[-1].number} asked for a further sample, "
                f"and claims wait until a later sample is released.")
    outstanding = state.report_outstanding
    if outstanding is not None:
        return (f"The standards verification report for {programme} is not up to date: "
                f"sample {outstanding.number}, provided on "
                f"{outstanding.provided_on:%d %B %Y}, has no report recorded yet.")
    return ""


def standards_verification(learners: Sequence[Any],
                           scope: ClaimScope) -> Mapping[int, list[Finding]]:
    """Claim check `verification.standards_verification`: the same refusal for every learner
    of a held programme, in two queries whatever the number of learners."""
    reason = hold_reason(scope.programme)
    return {learner.pk: [Finding(reason)] for learner in learners} if reason else {}
