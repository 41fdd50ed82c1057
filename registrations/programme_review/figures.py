"""A programme's achievement, retention and completion for one academic year, computed from
the records (never typed in).

Who counts: the learners in the programme's cohorts of that year, plus those who transferred
out of it during the year (they leave the programme's cohorts when they move). Transfers are
left out of the retention and achievement denominators, as is usual in further education:
a learner who changed programme did not drop out of this one.
"""

from collections import Counter
from dataclasses import asdict, dataclass, field
from typing import Any

from django.db.models import Q

from qmr.models import AcademicYear
from registrations.models import (
    ClaimEntry,
    Learner,
    LearnerStatus,
    Programme,
    StudentReport,
    Transfer,
)


@dataclass
class Figures:
    learners: int
    registered: int
    withdrawn: int
    transferred: int
    on_programme: int
    claimed_full: int
    claimed_units: int
    certificates_received: int
    grades: dict[str, int] = field(default_factory=dict)

    @property
    def retained(self) -> int:
        return self.learners - self.withdrawn - self.transferred

    @property
    def retention_rate(self) -> int | None:
        """Per cent of learners (transfers aside) still on the programme or completed."""
        base = self.learners - self.transferred
        return round(100 * self.retained / base) if base else None

    @property
    def achievement_rate(self) -> int | None:
        """Per cent of learners (transfers aside) claimed for the full qualification."""
        base = self.learners - self.transferred
        return round(100 * self.claimed_full / base) if base else None

    @property
    def completion_rate(self) -> int | None:
        """Per cent of retained learners no longer on programme: claimed for or finished."""
        return (round(100 * (self.retained - self.on_programme) / self.retained)
                if self.retained else None)

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def compute(programme: Programme, year: AcademicYear) -> Figures:
    """Four queries, whatever the number of learners."""
    moved_out = Transfer.objects.filter(
        from_programme=programme, transferred_at__date__gte=year.starts_on,
        transferred_at__date__lte=year.ends_on)
    moved_ids = set(moved_out.values_list("learner_id", flat=True))
    in_cohorts = Q(cohort__programme=programme, cohort__academic_year=year)
    learners = list(Learner.objects.filter(in_cohorts | Q(pk__in=moved_ids))
                    .values_list("pk", "status", "registered_on"))
    ours = {pk for pk, _, _ in learners}
    statuses = Counter(status for pk, status, _ in learners if pk not in moved_ids)
    entries = list(ClaimEntry.objects.filter(
        learner_id__in=ours, claim__programme=programme, claim__confirmed_at__isnull=False,
    ).values_list("learner_id", "report__kind", "report__grade", "certificate_received_on"))
    full = {lid for lid, kind, _, _ in entries if kind == StudentReport.Kind.FULL}
    return Figures(
        learners=len(learners),
        registered=sum(1 for _, _, registered_on in learners if registered_on),
        withdrawn=statuses[LearnerStatus.WITHDRAWN],
        transferred=len(moved_ids & ours) + statuses[LearnerStatus.TRANSFERRED],
        on_programme=sum(1 for pk, status, _ in learners if pk not in moved_ids
                         and status in (LearnerStatus.ENROLLED, LearnerStatus.REGISTERED)
                         and pk not in full),
        claimed_full=len(full),
        claimed_units=len({lid for lid, kind, _, _ in entries
                           if kind == StudentReport.Kind.UNITS} - full),
        certificates_received=len({lid for lid, _, _, received in entries if received}),
        grades=dict(sorted(Counter(grade for _, kind, grade, _ in entries
                                   if kind == StudentReport.Kind.FULL).items())),
    )


def from_dict(data: dict[str, Any]) -> Figures:
    return Figures(**data)
