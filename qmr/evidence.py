"""Evidence providers: each app registers, per quality measure, a function that computes from
the records whether the measure is met and which records show it. The readiness view and the
evidence pack ask this registry, so qmr never imports the apps.

The registry fails closed: every provider named in EXPECTED must be registered, or the
system check `qmr.E001` stops start-up (a rule is never skipped because nothing registered).
Every provider names a measure of the quality framework (`qmr.framework` checks that, as
`qmr.E002`), and a measure no provider computes is NOT_EVIDENCED: never counted as met.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.core.checks import Error
from django.core.checks import register as register_check
from django.db import models


class Status(models.TextChoices):
    IN_PLACE = "in_place", "In place"
    WEAK = "weak", "In place, not yet all effective"
    MISSING = "missing", "Missing"
    NOT_EVIDENCED = "not_evidenced", "Not yet evidenced by the records"


NOT_EVIDENCED_SUMMARY = ("Nothing the product records shows this measure yet, so it is not "
                         "counted as met: the centre shows it with its own evidence.")


@dataclass
class Record:
    label: str
    url: str = ""
    learner_id: int | None = None  # the one learner it is about: the pack links their trail


@dataclass
class Evidence:
    measure: str
    title: str
    status: str
    summary: str
    records: list[Record] = field(default_factory=list)

    @property
    def status_label(self) -> str:
        return Status(self.status).label


@dataclass(frozen=True)
class Provider:
    name: str
    measure: str
    title: str
    compute: Callable[[Any], Evidence]


# Providers the product relies on, by name. Each app's work adds its own names here.
EXPECTED = {
    "registrations.timeliness",
    "registrations.identity_checks",
    "registrations.reconciliation",
    "registrations.withdrawals",
    "registrations.claims_on_time",
    "registrations.claims_second_person",
    "registrations.certificate_checks",
    "registrations.certificate_anomalies",
    "assessment.plans_signed_off",
    "verification.briefs_verified",
    "verification.lead_ivs",
    "verification.remedial_actions",
    "verification.iv_coverage",
    "verification.assessment_reliability",
    "verification.sv_outcomes",
    "assessment.declarations",
    "assessment.criterion_decisions",
    "assessment.tracking",
    "staff.development",
    "staff.roles_filled",
    "meetings.team_meetings",
    "registrations.programme_reviews",
    "registrations.review_voices",
    "registrations.review_actions",
    "registrations.induction",
    "registrations.learning_plans",
    "policies.reviews_current",
    "appeals.stage_limits",
    "appeals.learners_told",
    "appeals.patterns_reviewed",
    "malpractice.documented",
    "malpractice.reported",
    "adjustments.before_assessment",
    "adjustments.special_consideration",
    "policies.library_complete",
    "policies.read_by_staff",
    "registrations.employer_involvement",
}

_providers: dict[str, Provider] = {}


def register(name: str, measure: str, title: str) -> Callable:
    """Decorator: `fn(centre) -> Evidence` becomes the provider `name` for `measure`."""
    def decorator(fn: Callable[[Any], Evidence]) -> Callable:
        _providers[name] = Provider(name, measure, title, fn)
        return fn

    return decorator


def unregister(name: str) -> None:
    """Remove a provider (for tests that register a throwaway one)."""
    _providers.pop(name, None)


def providers() -> list[Provider]:
    """Every registered provider, by measure then name."""
    return sorted(_providers.values(), key=lambda p: (p.measure, p.name))


def not_evidenced(measure: str, title: str) -> Evidence:
    """The entry for a measure that no provider computes."""
    return Evidence(measure, title, Status.NOT_EVIDENCED, NOT_EVIDENCED_SUMMARY)


def compute(name: str, centre: Any) -> Evidence:
    """One named provider's evidence for a centre (KeyError if it is not registered)."""
    return _providers[name].compute(centre)


def for_centre(centre: Any, measure_prefix: str = "") -> list[Evidence]:
    """Every provider's evidence for a centre (optionally for measures under a prefix)."""
    chosen = sorted((p for p in _providers.values() if p.measure.startswith(measure_prefix)),
                    key=lambda p: (p.measure, p.name))
    return [p.compute(centre) for p in chosen]


@register_check()
def expected_providers_registered(app_configs: Any = None, **kwargs: Any) -> list[Error]:
    missing = sorted(EXPECTED - set(_providers))
    return [Error(f"Evidence provider {name} is not registered.", id="qmr.E001",
                  hint="Register it from its app's AppConfig.ready().") for name in missing]
