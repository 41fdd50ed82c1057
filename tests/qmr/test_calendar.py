"""Term-time working days: weekdays inside terms, less the nation's bank holidays."""

from datetime import date

import pytest

from qmr import services
from qmr.calendar import WorkingDays
from qmr.errors import DomainError
from tests.factories import CentreFactory

pytestmark = pytest.mark.django_db


def _centre(nation="ENG"):
    centre = CentreFactory(nation=nation)
    year = services.add_academic_year(actor=None, centre=centre, name="2026/27",
                                      starts_on=date(2026, 8, 1), ends_on=date(2027, 7, 31))
    services.add_term(actor=None, year=year, name="Autumn 2", starts_on=date(2026, 11, 2),
                      ends_on=date(2026, 12, 18))
    services.add_term(actor=None, year=year, name="Spring 1", starts_on=date(2027, 1, 5),
                      ends_on=date(2027, 2, 12))
    return centre


def test_it_skips_weekends():
    # Friday 6 November 2026 + 1 working day = Monday 9 November.
    assert WorkingDays(_centre()).add(date(2026, 11, 6), 1) == date(2026, 11, 9)


def test_it_skips_the_holidays_between_terms():
    # Friday 18 December is the last day of term; the next working day is Tuesday 5 January.
    assert WorkingDays(_centre()).add(date(2026, 12, 18), 1) == date(2027, 1, 5)


def test_ten_working_days_from_a_result_date():
    assert WorkingDays(_centre()).add(date(2026, 11, 23), 10) == date(2026, 12, 7)


def test_scottish_centres_lose_st_andrews_day():
    # Monday 30 November 2026 is a bank holiday in Scotland only.
    assert WorkingDays(_centre("ENG")).add(date(2026, 11, 27), 1) == date(2026, 11, 30)
    assert WorkingDays(_centre("SCT")).add(date(2026, 11, 27), 1) == date(2026, 12, 1)


def test_counting_between_two_dates():
    assert WorkingDays(_centre()).between(date(2026, 11, 23), date(2026, 12, 7)) == 10


def test_it_says_when_term_dates_are_missing():
    with pytest.raises(DomainError, match="no term dates"):
        WorkingDays(CentreFactory()).add(date(2026, 11, 2), 3)


def test_it_says_when_the_terms_run_out():
    with pytest.raises(DomainError, match="Add the next terms"):
        WorkingDays(_centre()).add(date(2027, 2, 1), 30)


def test_terms_must_sit_inside_their_year_and_not_overlap():
    centre = _centre()
    year = centre.academic_years.get()
    with pytest.raises(DomainError, match="inside the academic year"):
        services.add_term(actor=None, year=year, name="Late", starts_on=date(2027, 7, 1),
                          ends_on=date(2027, 8, 30))
    with pytest.raises(DomainError, match="overlap Autumn 2"):
        services.add_term(actor=None, year=year, name="Clash", starts_on=date(2026, 12, 1),
                          ends_on=date(2026, 12, 2))
    assert year.terms.count() == 2


def test_plain_working_days_run_through_the_holidays():
    # Friday 18 December 2026 + 2 weekdays, skipping nothing but the weekend: Tuesday 22nd.
    assert WorkingDays(_centre(), term_time=False).add(date(2026, 12, 18), 2) == date(2026, 12, 22)
    # Thursday 24 December + 1 skips Christmas Day and Boxing Day (substitute Monday 28th).
    assert WorkingDays(_centre(), term_time=False).add(date(2026, 12, 24), 1) == date(2026, 12, 29)
