"""Steps 1-3 of the registration procedure: class list, registration, checking the awarding
body's list. Each step by the right role; refusals change nothing."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import SimpleUploadedFile

from qmr.audit import AuditEvent
from qmr.errors import DomainError
from registrations import services
from registrations.checks import require_registered
from registrations.models import ClassListSignOff, Learner, LearnerStatus, RegistrationCheck
from tests.registrations.conftest import numbers_for

pytestmark = pytest.mark.django_db


def export(cohort, *, leave_out=(), changes=None):
    """The awarding body's CSV export for the cohort's registered learners.

    `changes` maps a row index to {column: value} to plant a difference there.
    """
    changes = changes or {}
    lines = ["Registration Number,First Name,Last Name,Date of Birth,Programme Code"]
    for i, lr in enumerate(cohort.learners.filter(status="registered").order_by("centre_ref")):
        if i in leave_out:
            continue
        row = {"first": lr.first_name, "last": lr.last_name,
               "dob": lr.date_of_birth.strftime("%d/%m/%Y"), "code": cohort.programme.code,
               **changes.get(i, {})}
        lines.append(f"{lr.registration_number},{row['first']},{row['last']},{row['dob']},"
                     f"{row['code']}")
    return "\n".join(lines)


def test_programme_leader_signs_the_class_list(world, cohort):
    sign_off = services.sign_class_list(actor=world["leader"], cohort=cohort)
    assert sign_off.signed_by == world["leader"]
    assert sign_off.learners.count() == 5
    assert AuditEvent.objects.filter(code="registrations.class_list.signed").exists()


@pytest.mark.parametrize("persona", ["assessor", "exams", "nominee", "outsider"])
def test_only_that_cohorts_programme_leader_may_sign(world, cohort, persona):
    with pytest.raises(PermissionDenied, match="Only the Programme Leader"):
        services.sign_class_list(actor=world[persona], cohort=cohort)
    assert not ClassListSignOff.objects.exists()


def test_exams_officer_registers_a_signed_class_list(world, signed):
    services.register_learners(actor=world["exams"], cohort=signed,
                               numbers=numbers_for(signed), on=date(2026, 10, 20))
    learners = Learner.objects.filter(cohort=signed)
    assert {lr.status for lr in learners} == {LearnerStatus.REGISTERED}
    assert not learners.filter(registered_late=True).exists()
    assert set(learners.values_list("registration_fee_multiplier", flat=True)) == {Decimal(1)}


def test_registration_before_the_class_list_is_signed_is_refused(world, cohort):
    with pytest.raises(DomainError, match="not on a signed class list"):
        services.register_learners(actor=world["exams"], cohort=cohort,
                                   numbers=numbers_for(cohort))
    assert not Learner.objects.filter(status=LearnerStatus.REGISTERED).exists()


def test_one_bad_number_registers_no_one(world, signed):
    numbers = numbers_for(signed)
    numbers[next(iter(numbers))] = "no!"
    with pytest.raises(DomainError, match="is not a registration number"):
        services.register_learners(actor=world["exams"], cohort=signed, numbers=numbers)
    assert not Learner.objects.filter(status=LearnerStatus.REGISTERED).exists()


def test_a_late_registration_is_made_but_recorded_with_its_fee_band(world, signed):
    services.register_learners(actor=world["exams"], cohort=signed,
                               numbers=numbers_for(signed), on=date(2027, 1, 10))
    learner = Learner.objects.filter(cohort=signed).first()
    assert learner.registered_late
    assert learner.registration_fee_multiplier == Decimal("1.1")


def test_a_late_arrival_has_two_weeks_from_admission(world, cohort):
    arrival = cohort.learners.first()
    arrival.enrolled_on = date(2027, 1, 4)
    arrival.save(update_fields=["enrolled_on"])
    services.sign_class_list(actor=world["leader"], cohort=cohort)
    services.register_learners(actor=world["exams"], cohort=cohort,
                               numbers={arrival.pk: "LATE0001"}, on=date(2027, 1, 15))
    arrival.refresh_from_db()
    assert not arrival.registered_late
    assert arrival.registration_fee_multiplier == Decimal("1.1")


def test_assessor_cannot_register(world, signed):
    with pytest.raises(PermissionDenied):
        services.register_learners(actor=world["assessor"], cohort=signed,
                                   numbers=numbers_for(signed))


def test_three_deliberate_differences_are_listed_exactly(world, signed):
    services.register_learners(actor=world["exams"], cohort=signed, numbers=numbers_for(signed))
    text = export(signed, changes={0: {"first": "Zebedee"}, 2: {"dob": "01/01/2001"},
                                   4: {"code": "WRONG1"}})
    check = services.upload_registration_check(actor=world["leader"], cohort=signed,
                                               text=text, file_name="eol.csv")
    assert sorted(m["kind"] for m in check.mismatches) == ["date_of_birth", "name",
                                                           "programme_code"]
    numbers = sorted(numbers_for(signed).values())
    assert [m["registration_number"] for m in check.mismatches] == [
        numbers[0], numbers[2], numbers[4]]


def test_missing_and_unknown_learners_are_listed(world, signed):
    services.register_learners(actor=world["exams"], cohort=signed, numbers=numbers_for(signed))
    text = export(signed, leave_out={1}) + "\nXX99999,Stranger,Danger,01/02/2009,P00001"
    check = services.upload_registration_check(actor=world["leader"], cohort=signed,
                                               text=text, file_name="eol.csv")
    assert sorted(m["kind"] for m in check.mismatches) == ["missing", "unknown"]


def test_a_file_without_the_columns_is_refused(world, signed):
    with pytest.raises(DomainError, match="no column for"):
        services.upload_registration_check(actor=world["leader"], cohort=signed,
                                           text="name,dob\nA,B", file_name="x.csv")
    assert not RegistrationCheck.objects.exists()


def test_a_clean_list_is_confirmed(world, signed):
    services.register_learners(actor=world["exams"], cohort=signed, numbers=numbers_for(signed))
    check = services.upload_registration_check(actor=world["leader"], cohort=signed,
                                               text=export(signed), file_name="eol.csv")
    assert check.mismatches == []
    services.confirm_registrations(actor=world["leader"], check=check)
    check.refresh_from_db()
    assert check.status == RegistrationCheck.Status.CONFIRMED
    assert check.decided_by == world["leader"]


def test_a_list_with_differences_cannot_be_confirmed_and_goes_back_to_exams(world, signed):
    services.register_learners(actor=world["exams"], cohort=signed, numbers=numbers_for(signed))
    check = services.upload_registration_check(
        actor=world["leader"], cohort=signed, text=export(signed, leave_out={1}),
        file_name="eol.csv")
    with pytest.raises(DomainError, match="1 differences"):
        services.confirm_registrations(actor=world["leader"], check=check)
    services.request_registration_changes(actor=world["leader"], check=check,
                                          note="One learner is missing")
    services.record_changes_made(actor=world["exams"], check=check, note="Re-registered")
    check.refresh_from_db()
    assert check.status == RegistrationCheck.Status.CHANGES_MADE


def test_assessment_may_only_be_recorded_for_registered_learners(world, signed):
    learner = signed.learners.first()
    with pytest.raises(DomainError, match="not registered with the awarding body"):
        require_registered(learner, world.programme)
    services.register_learners(actor=world["exams"], cohort=signed, numbers=numbers_for(signed))
    learner.refresh_from_db()
    require_registered(learner, world.programme)
    with pytest.raises(DomainError, match="not a learner of"):
        require_registered(learner, world.other_programme)


def test_registration_numbers_can_be_imported(world, signed, client):
    refs = list(signed.learners.order_by("centre_ref").values_list("centre_ref", flat=True))
    text = "centre_ref,registration_number\n" + "\n".join(
        f"{ref},IMP{i:05d}" for i, ref in enumerate(refs))
    client.force_login(world["exams"])
    upload = SimpleUploadedFile("numbers.csv", text.encode())
    response = client.post(f"/registrations/cohorts/{signed.pk}/register/", {"file": upload})
    assert response.status_code == 302
    assert signed.learners.filter(status="registered").count() == 5


def test_an_unknown_reference_in_the_numbers_file_registers_no_one(world, signed):
    with pytest.raises(DomainError, match="Row 3, centre_ref: NOPE is not in"):
        services.numbers_from_csv(signed, "centre_ref,registration_number\nC000,AB12345\n"
                                          "NOPE,AB99999")
    assert not signed.learners.filter(status="registered").exists()


def test_the_exams_officers_note_keeps_the_leaders_request(world, signed):
    services.register_learners(actor=world["exams"], cohort=signed, numbers=numbers_for(signed))
    check = services.upload_registration_check(
        actor=world["leader"], cohort=signed, text=export(signed, leave_out={0}),
        file_name="eol.csv")
    services.request_registration_changes(actor=world["leader"], check=check,
                                          note="Learner C000 is missing")
    services.record_changes_made(actor=world["exams"], check=check, note="Registered again")
    check.refresh_from_db()
    assert (check.changes_note, check.decided_by) == ("Learner C000 is missing", world["leader"])
    assert (check.changes_made_note, check.changes_made_by) == ("Registered again",
                                                                world["exams"])


def test_the_glance_counts_the_whole_cohort_when_the_table_is_filtered(world, client, signed):
    services.register_learners(actor=world["exams"], cohort=signed,
                               numbers=dict(list(numbers_for(signed).items())[:2]))
    client.force_login(world["exams"])
    page = client.get(f"/registrations/cohorts/{signed.pk}/?status=registered").content.decode()
    assert "2 of 5 registered" in page
