"""Registration deadlines and late-fee bands. The awarding body's dates are data per year
(`AwardingBodyYear`); where a year has none, the seeds' figures are the default."""

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from dateutil.relativedelta import relativedelta
from django.utils import timezone

from registrations.models import AwardingBodyYear, Cohort, DeliveryModel, Learner

LATE_ARRIVAL_WINDOW = timedelta(days=14)


def default_year(name: str) -> AwardingBodyYear:
    """The 2024/25 pattern moved to year `name` ("2026/27"): cut-off 1 November, late fees
    x1.05 after it, x1.1 from 24 December, x1.25 from 1 February; deletions by 31 December;
    results by 5 July; the centre's own deadline at the end of November; claims by 31 July."""
    start = int(name[:4])
    return AwardingBodyYear(
        academic_year=name,
        registration_cutoff=date(start, 11, 1),
        fee_bands=[
            {"from": date(start, 11, 2).isoformat(), "multiplier": "1.05"},
            {"from": date(start, 12, 24).isoformat(), "multiplier": "1.1"},
            {"from": date(start + 1, 2, 1).isoformat(), "multiplier": "1.25"},
        ],
        deletions_by=date(start, 12, 31),
        results_by=date(start + 1, 7, 5),
        centre_registration_deadline=date(start, 11, 30),
        claims_by=date(start + 1, 7, 31),
    )


def awarding_body_years(names: set[str]) -> dict[str, AwardingBodyYear]:
    """One query for the stored years; defaults fill the gaps."""
    stored = {y.academic_year: y for y in AwardingBodyYear.objects.filter(academic_year__in=names)}
    return {n: stored.get(n) or default_year(n) for n in names}


@dataclass(frozen=True)
class Window:
    deadline: date
    fee_multiplier_today: Decimal

    @property
    def days_left(self) -> int:
        return (self.deadline - timezone.localdate()).days


def registration_deadline(learner: Learner, cohort: Cohort, year: AwardingBodyYear) -> date:
    """Academic-year programmes: the centre's deadline (end of November), or two weeks after
    a late arrival's admission if later. Other delivery models: one month after enrolment."""
    if cohort.programme.delivery_model == DeliveryModel.OTHER:
        return learner.enrolled_on + relativedelta(months=1)
    return max(year.centre_registration_deadline, learner.enrolled_on + LATE_ARRIVAL_WINDOW)


def window(learner: Learner, cohort: Cohort, year: AwardingBodyYear,
           on: date | None = None) -> Window:
    on = on or timezone.localdate()
    return Window(registration_deadline(learner, cohort, year), year.fee_multiplier(on))


def expected_completion(learner: Learner) -> date:
    """When the learner is expected to finish: their own estimate, else their cohort's end."""
    if learner.estimated_completion_on:
        return learner.estimated_completion_on
    if learner.cohort_id:
        return learner.cohort.expected_end_on
    return learner.enrolled_on + relativedelta(years=1)


def year_name(day: date) -> str:
    """The academic year (August to July) a day falls in, named as AwardingBodyYear is:
    "2027/28"."""
    start = day.year if day.month >= 8 else day.year - 1
    return f"{start}/{str(start + 1)[-2:]}"


def deadline_after_completion(delivery_model: str, completion: date,
                              years: Mapping[str, AwardingBodyYear] | None = None) -> date:
    """Academic-year programmes: the awarding body's claims date for the academic year the
    course completes in (`AwardingBodyYear.claims_by`; the end of July when not set). Other
    delivery models: one month after completion. `years` saves the query for a batch."""
    if delivery_model == DeliveryModel.OTHER:
        return completion + relativedelta(months=1)
    name = year_name(completion)
    year = (years or {}).get(name) or awarding_body_years({name})[name]
    return year.claims_by or date(int(name[:4]) + 1, 7, 31)


def claim_deadline(learner: Learner,
                   years: Mapping[str, AwardingBodyYear] | None = None) -> date:
    """Certification claims: by the end of July of the year the learner completes for
    academic-year programmes, or within one month of completion for other delivery models."""
    if not learner.cohort_id:
        return expected_completion(learner) + relativedelta(months=1)
    return deadline_after_completion(learner.programme.delivery_model,
                                     expected_completion(learner), years)
