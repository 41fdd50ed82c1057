"""Term-time working days: weekdays inside the centre's terms that are not bank holidays in
the centre's nation (from the `holidays` package). Later rules (resubmission windows, appeal
stages, escalations) count with these."""

from datetime import date, timedelta
from functools import lru_cache

import holidays

from qmr.errors import DomainError
from qmr.models import Centre, Term


@lru_cache(maxsize=64)
def bank_holidays(nation: str, year: int) -> frozenset[date]:
    return frozenset(holidays.country_holidays("GB", subdiv=nation, years=year).keys())


def is_bank_holiday(nation: str, day: date) -> bool:
    return day in bank_holidays(nation, day.year)


class WorkingDays:
    """A calculator for one centre. Loads its terms once (one query).

    With `term_time=False` it counts every weekday that is not a bank holiday (escalations to
    the Head of Centre run through the holidays too).
    """

    def __init__(self, centre: Centre, *, term_time: bool = True) -> None:
        self.nation = centre.nation
        self.term_time = term_time
        self.terms = list(
            Term.objects.filter(academic_year__centre=centre).values_list("starts_on", "ends_on")
        ) if term_time else [(date.min, date.max)]

    def in_term(self, day: date) -> bool:
        return not self.term_time or any(start <= day <= end for start, end in self.terms)

    def is_working_day(self, day: date) -> bool:
        return day.weekday() < 5 and not is_bank_holiday(self.nation, day) and self.in_term(day)

    def add(self, start: date, days: int) -> date:
        """The date `days` term-time working days after `start` (start itself not counted)."""
        if days < 0:
            raise ValueError("days must not be negative")
        if not self.terms:
            raise DomainError(
                "The centre has no term dates yet, so term-time working days cannot be "
                "counted. Add the terms in the centre settings."
            )
        last_term_end = max(end for _, end in self.terms)
        day, counted = start, 0
        while counted < days:
            day += timedelta(days=1)
            if day > last_term_end:
                raise DomainError(
                    f"The centre's term dates end on {last_term_end:%d %B %Y}, before "
                    f"{days} working days have passed. Add the next terms first."
                )
            if self.is_working_day(day):
                counted += 1
        return day

    def between(self, start: date, end: date) -> int:
        """Working days after `start` up to and including `end`."""
        count, day = 0, start
        while day < end:
            day += timedelta(days=1)
            if self.is_working_day(day):
                count += 1
        return count
