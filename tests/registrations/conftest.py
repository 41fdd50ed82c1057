"""A cohort of our centre with learners, its Programme Leader, Exams Officer and Nominee."""

from datetime import date

import pytest

from qmr import services as qmr_services
from registrations import services
from tests.factories import LearnerFactory


@pytest.fixture
def year(world):
    return qmr_services.add_academic_year(actor=None, centre=world.centre, name="2026/27",
                                          starts_on=date(2026, 8, 1), ends_on=date(2027, 7, 31))


@pytest.fixture
def cohort(world, year):
    cohort = services.create_cohort(actor=world["exams"], programme=world.programme,
                                    academic_year=year, name="Year 12 2026",
                                    starts_on=date(2026, 9, 2), expected_end_on=date(2028, 7, 15))
    for i in range(5):
        LearnerFactory(programme=world.programme, cohort=cohort, enrolled_on=date(2026, 9, 2),
                       centre_ref=f"C{i:03d}")
    return cohort


@pytest.fixture
def signed(world, cohort):
    services.sign_class_list(actor=world["leader"], cohort=cohort)
    return cohort


def numbers_for(cohort, prefix="RN"):
    return {lr.pk: f"{prefix}{i:05d}" for i, lr in
            enumerate(cohort.learners.order_by("centre_ref"))}
