"""Withdrawals need two sign-offs; transfers carry prior learning; details keep history;
flags reach the Head of Centre."""

from datetime import date

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied

from qmr.errors import DomainError, TransitionNotAllowed
from qmr.roles import Role
from registrations import services
from registrations.models import Learner, LearnerStatus, RegistrationFlag
from registrations.signals import registration_flagged
from tests.conftest import appoint

pytestmark = pytest.mark.django_db


@pytest.fixture
def withdrawal(world, cohort):
    learner = cohort.learners.first()
    return services.request_withdrawal(actor=world["leader"], learner=learner,
                                       reason="Moved to an apprenticeship",
                                       last_day=date(2026, 11, 20))


def test_one_sign_off_does_not_withdraw(world, withdrawal):
    services.sign_withdrawal(actor=world["nominee"], withdrawal=withdrawal, capacity="nominee")
    withdrawal.refresh_from_db()
    withdrawal.learner.refresh_from_db()
    assert withdrawal.took_effect_at is None
    assert withdrawal.learner.status == LearnerStatus.ENROLLED


def test_both_sign_offs_withdraw(world, withdrawal):
    services.sign_withdrawal(actor=world["nominee"], withdrawal=withdrawal, capacity="nominee")
    services.sign_withdrawal(actor=world["exams"], withdrawal=withdrawal, capacity="exams")
    withdrawal.refresh_from_db()
    assert withdrawal.took_effect_at is not None
    assert Learner.objects.get(pk=withdrawal.learner_id).status == LearnerStatus.WITHDRAWN


def test_exams_officer_cannot_sign_as_nominee(world, withdrawal):
    with pytest.raises(PermissionDenied, match="Only the Quality Nominee"):
        services.sign_withdrawal(actor=world["exams"], withdrawal=withdrawal,
                                 capacity="nominee")


def test_one_person_holding_both_roles_cannot_sign_twice(world, withdrawal):
    both = world["nominee"]
    appoint(world.centre, both.email, Role.EXAMS_OFFICER)
    services.sign_withdrawal(actor=both, withdrawal=withdrawal, capacity="nominee")
    with pytest.raises(DomainError, match="different person"):
        services.sign_withdrawal(actor=both, withdrawal=withdrawal, capacity="exams")
    withdrawal.refresh_from_db()
    assert withdrawal.exams_signed_by is None and withdrawal.took_effect_at is None


def test_the_same_role_cannot_sign_twice(world, withdrawal):
    services.sign_withdrawal(actor=world["nominee"], withdrawal=withdrawal, capacity="nominee")
    with pytest.raises(TransitionNotAllowed):
        services.sign_withdrawal(actor=world["nominee"], withdrawal=withdrawal,
                                 capacity="nominee")


def test_a_second_pending_withdrawal_is_refused(world, withdrawal):
    with pytest.raises(DomainError, match="already waiting"):
        services.request_withdrawal(actor=world["exams"], learner=withdrawal.learner,
                                    reason="again", last_day=date(2026, 11, 21))


def test_transfer_within_the_centre_carries_prior_learning(world, cohort, year):
    other = services.create_cohort(actor=world["exams"],
                                   programme=world.programme, academic_year=year,
                                   name="Year 13 2026", starts_on=date(2026, 9, 2),
                                   expected_end_on=date(2027, 7, 15))
    learner = cohort.learners.first()
    services.transfer_learner(actor=world["exams"], learner=learner, to_cohort=other,
                              prior_learning="Unit 3 achieved at Merit")
    learner.refresh_from_db()
    assert learner.cohort == other
    assert "Unit 3 achieved at Merit" in learner.prior_learning


def test_transfer_to_another_centre_ends_the_learner_here(world, cohort):
    learner = cohort.learners.first()
    services.transfer_learner(actor=world["exams"], learner=learner,
                              to_other_centre="Hillside Academy (48377)")
    learner.refresh_from_db()
    assert learner.status == LearnerStatus.TRANSFERRED


def test_changed_details_keep_what_they_were(world, cohort):
    learner = cohort.learners.first()
    old = learner.last_name
    services.change_details(actor=world["exams"], learner=learner, last_name="Hyphen-Smith")
    versions = list(Learner.history.filter(id=learner.pk).order_by("history_id"))
    assert versions[-2].last_name == old and versions[-1].last_name == "Hyphen-Smith"
    assert versions[-1].history_user == world["exams"]


def test_a_flag_tells_the_head_of_centre_with_a_two_working_day_deadline(
        world, cohort, django_capture_on_commit_callbacks):
    received = []

    def receiver(sender, flag, **kwargs):
        received.append(flag)

    registration_flagged.connect(receiver)
    try:
        with django_capture_on_commit_callbacks(execute=True):
            flag = services.flag_registration(
                actor=world["nominee"], learner=cohort.learners.first(),
                kind=RegistrationFlag.Kind.INACCURATE,
                description="Registered on the wrong programme code")
    finally:
        registration_flagged.disconnect(receiver)
    assert mail.outbox and mail.outbox[0].to == [world["head"].email]
    assert flag.acknowledge_by > date.today()
    assert received == [flag]
    with pytest.raises(PermissionDenied):
        services.acknowledge_flag(actor=world["nominee"], flag=flag)
    services.acknowledge_flag(actor=world["head"], flag=flag)
    flag.refresh_from_db()
    assert flag.acknowledged_by == world["head"]
