"""Registration and certification deadlines: what each source yields for the centre, and
that it stops once the work is done."""

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from qmr.deadlines import registry
from registrations import services, specification
from registrations.models import (
    AwardingBodyYear,
    Claim,
    ClaimEntry,
    DeliveryModel,
    RegistrationFlag,
    StudentReport,
)
from tests.factories import LearnerFactory
from tests.registrations.conftest import numbers_for

pytestmark = pytest.mark.django_db

TODAY = date(2026, 11, 23)  # the suite's day


def collect(kind, centre, today=TODAY):
    return list({s.kind: s for s in registry.sources()}[kind].collect(centre, today))


def registered(world, cohort, prefix="RN"):
    services.sign_class_list(actor=world["leader"], cohort=cohort)
    services.register_learners(actor=world["exams"], cohort=cohort,
                               numbers=numbers_for(cohort, prefix), on=date(2026, 10, 1))
    return list(cohort.learners.order_by("centre_ref"))


def claim_for(world, learners, confirmed=True, received_on=None, check_due_on=None):
    claim = Claim.objects.create(programme=world.programme, submitted_by=world["exams"],
                                 deadline=date(2027, 7, 31),
                                 confirmed_at=timezone.now() if confirmed else None,
                                 confirmed_by=world["nominee"] if confirmed else None)
    for learner in learners:
        report = StudentReport.objects.create(learner=learner, units=[], points=60, grade="P",
                                              completed_by=world["lead_iv"])
        ClaimEntry.objects.create(claim=claim, learner=learner, report=report,
                                  certificate_received_on=received_on, check_due_on=check_due_on)
    return claim


# --- Registration ----------------------------------------------------------------------------

def test_a_cohorts_learners_are_due_by_the_centres_deadline_in_one_reminder(world, cohort):
    [due] = collect("registrations.registration", world.centre)
    assert (due.due_on, due.owner_id) == (date(2026, 11, 30), world["exams"].pk)
    assert due.title == ("Register 5 learners of Year 12 2026 with the awarding body by "
                         "30 November 2026")
    assert due.key == f"registrations.registration:{cohort.pk}:2026-11-30"


def test_a_late_arrival_is_due_two_weeks_after_enrolment(world, cohort):
    LearnerFactory(programme=world.programme, cohort=cohort, enrolled_on=date(2026, 11, 20))
    dues = collect("registrations.registration", world.centre)
    assert [(d.due_on, d.title.split(" of ")[0]) for d in dues] == [
        (date(2026, 11, 30), "Register 5 learners"), (date(2026, 12, 4), "Register 1 learner")]
    assert "late arrival" in dues[1].rule


def test_a_roll_on_programme_is_due_a_month_after_enrolment(world, cohort):
    world.programme.delivery_model = DeliveryModel.OTHER
    world.programme.save(update_fields=["delivery_model"])
    [due] = collect("registrations.registration", world.centre)
    assert due.due_on == date(2026, 10, 2)  # missed: still yielded


def test_registered_learners_are_not_due(world, cohort):
    registered(world, cohort)
    assert collect("registrations.registration", world.centre) == []


def test_another_centres_learners_are_not_ours(world, cohort):
    assert collect("registrations.registration", world.other_centre) == []


# --- External entries ------------------------------------------------------------------------

@pytest.fixture
def exam_unit(world):
    return specification.add_unit(actor=world["leader"], programme=world.programme, number="1",
                                  title="Anatomy", guided_learning_hours=120, mandatory=True,
                                  externally_assessed=True)


def test_entries_are_made_by_the_exams_officer_then_checked_by_the_leader(world, cohort,
                                                                         exam_unit):
    learners = registered(world, cohort)
    entries = [services.request_entry(actor=world["leader"], learner=lr, unit=exam_unit,
                                      series="May/June 2027") for lr in learners[:2]]
    [due] = collect("registrations.external_entry", world.centre)
    assert due.title == "Enter 2 learners for Unit 1: Anatomy in the May/June 2027 series"
    assert (due.due_on, due.owner_id) == (date(2027, 5, 1), world["exams"].pk)
    for entry in entries:
        services.enter_entry(actor=world["exams"], entry=entry)
    [due] = collect("registrations.external_entry", world.centre)
    assert (due.title, due.owner_id) == (
        "Check the entries of 2 learners for Unit 1: Anatomy (May/June 2027)", world["leader"].pk)
    for entry in entries:
        services.check_entry(actor=world["leader"], entry=entry)
    assert collect("registrations.external_entry", world.centre) == []
    assert collect("registrations.external_entry", world.other_centre) == []


# --- Claims and certificates -----------------------------------------------------------------

def test_learners_who_completed_are_due_to_be_claimed_by_the_claims_date(world, cohort):
    first, second, *_ = registered(world, cohort)
    first.estimated_completion_on = second.estimated_completion_on = date(2026, 11, 1)
    first.save(update_fields=["estimated_completion_on"])
    second.save(update_fields=["estimated_completion_on"])
    [due] = collect("registrations.claim", world.centre)
    assert (due.due_on, due.owner_id) == (date(2027, 7, 31), world["exams"].pk)
    assert due.title == "Claim certificates for 2 learners of Year 12 2026 by 31 July 2027"
    claim_for(world, [first])
    [due] = collect("registrations.claim", world.centre)
    assert due.title.startswith("Claim certificates for 1 learner of")
    assert collect("registrations.claim", world.other_centre) == []


def test_an_unconfirmed_claim_does_not_count_as_claimed(world, cohort):
    first, *_ = registered(world, cohort)
    first.estimated_completion_on = date(2026, 11, 1)
    first.save(update_fields=["estimated_completion_on"])
    claim_for(world, [first], confirmed=False)
    assert len(collect("registrations.claim", world.centre)) == 1


def test_certificates_received_are_due_to_be_checked_by_the_stored_day(world, cohort):
    learners = registered(world, cohort)
    claim = claim_for(world, learners[:3], received_on=date(2026, 11, 20),
                      check_due_on=date(2026, 11, 25))
    [due] = collect("registrations.certificate_check", world.centre)
    assert (due.due_on, due.owner_id) == (date(2026, 11, 25), world["exams"].pk)
    assert due.title == (f"Check 3 certificates of claim {claim.pk} ({world.programme}) "
                         f"against the records")
    ClaimEntry.objects.filter(claim=claim).update(checked_on=date(2026, 11, 23))
    assert collect("registrations.certificate_check", world.centre) == []
    assert collect("registrations.certificate_check", world.other_centre) == []


# --- The awarding body's dates and flags -----------------------------------------------------

def test_the_awarding_body_dates_still_to_come_are_listed(world):
    dues = {d.key.rsplit(":", 1)[1]: d for d in collect("registrations.awarding_body_date",
                                                        world.centre)}
    assert dues["centre_registration_deadline"].due_on == date(2026, 11, 30)
    assert dues["claims_by"].due_on == date(2027, 7, 31)
    assert dues["late_fee_2026-12-24"].title == "Late registration fees rise to ×1.1"
    assert "registration_cutoff" not in dues  # 1 November has gone
    assert {d.owner_id for d in dues.values()} == {world["exams"].pk}
    assert "usual yearly pattern" in dues["claims_by"].rule


def test_the_stored_years_dates_are_used(world):
    AwardingBodyYear.objects.create(
        academic_year="2026/27", registration_cutoff=date(2026, 11, 27), fee_bands=[],
        deletions_by=date(2027, 1, 8), results_by=date(2027, 7, 9),
        centre_registration_deadline=date(2026, 11, 27), claims_by=date(2027, 7, 24))
    dues = {d.key.rsplit(":", 1)[1]: d.due_on
            for d in collect("registrations.awarding_body_date", world.centre)}
    assert dues == {"registration_cutoff": date(2026, 11, 27),
                    "centre_registration_deadline": date(2026, 11, 27),
                    "deletions_by": date(2027, 1, 8), "results_by": date(2027, 7, 9),
                    "claims_by": date(2027, 7, 24)}


def test_a_flag_is_due_to_the_head_of_centre_until_acknowledged(world):
    learner = world["learner"].learner
    flag = services.flag_registration(actor=world["leader"], learner=learner,
                                      kind=RegistrationFlag.Kind.LATE, description="Late.")
    [due] = collect("registrations.flag", world.centre)
    assert (due.due_on, due.owner_id) == (flag.acknowledge_by, world["head"].pk)
    assert due.title == f"Acknowledge the flag: Late registration of {learner}"
    assert collect("registrations.flag", world.other_centre) == []
    services.acknowledge_flag(actor=world["head"], flag=flag)
    assert collect("registrations.flag", world.centre) == []


# --- Query counts ----------------------------------------------------------------------------

KINDS = [k for k in (s.kind for s in registry.sources()) if k.startswith("registrations.")]


def sweep_queries(centre):
    with CaptureQueriesContext(connection) as queries:
        for kind in KINDS:
            collect(kind, centre)
    return len(queries)


def add_work(world, cohort, exam_unit, n):
    learners = registered(world, cohort, f"RN{n}")
    for lr in learners:
        lr.estimated_completion_on = date(2026, 11, 1)
        lr.save(update_fields=["estimated_completion_on"])
        services.request_entry(actor=world["leader"], learner=lr, unit=exam_unit,
                               series=f"May {2027 + n}")
        services.flag_registration(actor=world["leader"], learner=lr,
                                   kind=RegistrationFlag.Kind.LATE, description="Late.")
    claim_for(world, learners[:2], received_on=date(2026, 11, 20),
              check_due_on=date(2026, 11, 25))
    LearnerFactory(programme=world.programme, cohort=cohort, enrolled_on=date(2026, 11, 20),
                   centre_ref=f"LATE{n}")  # still to register


def test_a_sweep_costs_the_same_queries_whatever_the_centre_size(world, cohort, year,
                                                                exam_unit):
    add_work(world, cohort, exam_unit, 0)
    sweep_queries(world.centre)  # content types cached
    small = sweep_queries(world.centre)
    bigger = services.create_cohort(actor=world["exams"], programme=world.programme,
                                    academic_year=year, name="Year 13", starts_on=date(2026, 9, 2),
                                    expected_end_on=date(2027, 7, 15))
    for i in range(8):
        LearnerFactory(programme=world.programme, cohort=bigger, enrolled_on=date(2026, 9, 2),
                       centre_ref=f"D{i:03d}")
    add_work(world, bigger, exam_unit, 1)
    assert sweep_queries(world.centre) == small
