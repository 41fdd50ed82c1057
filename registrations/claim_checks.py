"""Claim checks: may these learners be claimed for, and if not, why, in words.

Certification lives in `registrations` but rests on records of apps that depend on it, so
`assessment` (criteria achieved, valid unit combination, the learner's units, grades and
points) and `verification` (decisions verified, Lead IV, standards verification) register
their checks here from `AppConfig.ready()`, as ARCHITECTURE describes. The registry fails
closed: a check named in EXPECTED_CLAIM_CHECKS that nothing registered is a start-up error
(`registrations.E001`) and running the checks raises, so a rule is never skipped.

Every check takes the whole batch (learners of one programme) and answers for each learner in
a constant number of queries, so the eligibility page costs the same for 30 learners as 300.
"""

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from django.core.checks import Error
from django.core.checks import register as register_check

EXPECTED_CLAIM_CHECKS: set[str] = {
    "appeals.results_in_doubt",
    "assessment.criteria_achieved",
    "assessment.unit_combination",
    "registrations.certification_block",
    "registrations.registered",
    "registrations.registration_age",
    "verification.decisions_verified",
    "verification.lead_iv",
    "verification.standards_verification",
}


@dataclass(frozen=True)
class Finding:
    """One reason about one learner: a refusal, or (refuses=False) a warning to read first."""

    message: str
    refuses: bool = True


@dataclass(frozen=True)
class ClaimScope:
    """What is claimed: the full qualification, or (for a learner who leaves early) named
    units only. `unit_ids` is None for the full qualification."""

    programme: Any
    unit_ids: frozenset[int] | None = None

    @property
    def full(self) -> bool:
        return self.unit_ids is None


@dataclass(frozen=True)
class UnitResult:
    unit_id: int
    code: str
    title: str
    grade: str  # "D", "M", "P" or "U"
    points: int


@dataclass(frozen=True)
class Achievement:
    """What a learner has achieved so far: what the awarding body's student report carries."""

    units: tuple[UnitResult, ...]
    points: int
    grade: str


# name -> fn(learners, scope) -> {learner pk: [Finding, ...]} (learners without findings may
# be left out)
ClaimCheck = Callable[[Sequence[Any], ClaimScope], Mapping[int, list[Finding]]]
# fn(learners, programme) -> {learner pk: Achievement}
AchievementProvider = Callable[[Sequence[Any], Any], Mapping[int, Achievement]]

_checks: dict[str, ClaimCheck] = {}
_achievement: list[AchievementProvider] = []


def register_claim_check(name: str, fn: ClaimCheck) -> None:
    _checks[name] = fn


def register_achievement_provider(fn: AchievementProvider) -> None:
    _achievement[:] = [fn]


def _require_complete() -> None:
    missing = EXPECTED_CLAIM_CHECKS - set(_checks)
    if missing:  # also a start-up error; never claim without the rule
        raise RuntimeError(f"Claim checks not registered: {', '.join(sorted(missing))}")
    if not _achievement:
        raise RuntimeError("No achievement provider is registered.")


def run_claim_checks(learners: Sequence[Any], scope: ClaimScope) -> dict[int, list[Finding]]:
    """Every learner's findings (refusals first), asking every registered check once."""
    _require_complete()
    found: dict[int, list[Finding]] = {learner.pk: [] for learner in learners}
    for name in sorted(_checks):
        for pk, findings in _checks[name](learners, scope).items():
            found[pk].extend(findings)
    for findings in found.values():
        findings.sort(key=lambda f: not f.refuses)
    return found


def achievements(learners: Sequence[Any], programme: Any) -> Mapping[int, Achievement]:
    _require_complete()
    return _achievement[0](learners, programme)


@register_check()
def expected_claim_checks(app_configs: Any = None, **kwargs: Any) -> list[Error]:
    errors = [Error(f"Claim check {name} is not registered.", id="registrations.E001",
                    hint="Register it from its app's AppConfig.ready().")
              for name in sorted(EXPECTED_CLAIM_CHECKS - set(_checks))]
    if not _achievement:
        errors.append(Error("No achievement provider is registered for claims.",
                            id="registrations.E001",
                            hint="assessment registers it from AssessmentConfig.ready()."))
    return errors
