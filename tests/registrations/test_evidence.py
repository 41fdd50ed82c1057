"""QO.3 evidence is computed from the records, and a missing provider stops start-up."""

import pytest
from django.core.checks import run_checks

from qmr import evidence
from qmr.evidence import Status
from registrations import services
from tests.registrations.conftest import numbers_for

pytestmark = pytest.mark.django_db


def _by_name(centre):
    return {e.title: e for e in evidence.for_centre(centre, "QO.3")}


def test_a_cohort_not_yet_checked_shows_as_missing(world, signed):
    services.register_learners(actor=world["exams"], cohort=signed, numbers=numbers_for(signed))
    found = _by_name(world.centre)
    assert found["Awarding body's lists checked"].status == Status.MISSING
    assert found["Learners registered on time"].status == Status.IN_PLACE
    assert "5 registered, 0 of them late" in found["Learners registered on time"].summary


def test_a_confirmed_check_puts_the_measure_in_place(world, signed):
    services.register_learners(actor=world["exams"], cohort=signed, numbers=numbers_for(signed))
    header = "registration_number,first_name,last_name,date_of_birth,programme_code"
    rows = [f"{lr.registration_number},{lr.first_name},{lr.last_name},"
            f"{lr.date_of_birth:%Y-%m-%d},{world.programme.code}"
            for lr in signed.learners.all()]
    check = services.upload_registration_check(actor=world["leader"], cohort=signed,
                                               text="\n".join([header, *rows]), file_name="a")
    services.confirm_registrations(actor=world["leader"], check=check)
    assert _by_name(world.centre)["Awarding body's lists checked"].status == Status.IN_PLACE


def test_identity_checks_missing_are_counted(world, cohort):
    found = _by_name(world.centre)["Identity checked at enrolment"]
    assert found.status == Status.MISSING
    assert "0 of 6 learners" in found.summary  # five in the cohort, one the learner persona


def test_a_missing_provider_is_an_error_at_start_up(monkeypatch):
    monkeypatch.setattr(evidence, "EXPECTED", evidence.EXPECTED | {"nowhere.missing"})
    errors = [e for e in run_checks() if e.id == "qmr.E001"]
    assert [e.msg for e in errors] == ["Evidence provider nowhere.missing is not registered."]
