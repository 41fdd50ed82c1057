"""A failure in the middle of a step that writes several records leaves nothing half-written:
the step's last write is made to fail and every table, and every record it touched, is as it
was before."""

from datetime import date

import pytest
from django.apps import apps

from assessment import services as assessment
from assessment.models import Submission
from registrations import certification
from registrations import services as registrations
from registrations.models import Claim, Learner, LearnerStatus, RegistrationFlag, Withdrawal
from tests.assessment.conftest import all_results, hand_in, upload
from tests.verification.test_decision_iv import GOOD, checks
from verification import services as verification
from verification.models import DecisionVerification, IVSample

pytestmark = pytest.mark.django_db


class Injected(Exception):
    """The failure a test injects; nothing in the product raises it."""


def fail_on_call(monkeypatch, module, name, call=1):
    """Make `module.name` fail on its `call`-th use (earlier uses go through)."""
    real, calls = getattr(module, name), []

    def failing(*args, **kwargs):
        calls.append(1)
        if len(calls) == call:
            raise Injected(f"{name} failed")
        return real(*args, **kwargs)

    monkeypatch.setattr(module, name, failing)


def row_counts():
    return {model._meta.label: model._default_manager.count() for model in apps.get_models()}


def test_a_claim_failing_at_its_last_write_is_not_submitted(world, claimable, monkeypatch):
    report = certification.check_student_report(
        actor=world["leader"],
        report=certification.complete_student_report(actor=world["lead_iv"], learner=claimable))
    before = row_counts()
    fail_on_call(monkeypatch, certification, "record_event")
    with pytest.raises(Injected):
        certification.submit_claim(actor=world["exams"], programme=world.programme,
                                   reports=[report])
    assert row_counts() == before
    assert not Claim.objects.exists()


def test_a_confirmation_failing_after_its_flags_leaves_the_claim_unconfirmed(world, claimable,
                                                                             monkeypatch):
    report = certification.check_student_report(
        actor=world["leader"],
        report=certification.complete_student_report(actor=world["lead_iv"], learner=claimable))
    claim = certification.submit_claim(actor=world["exams"], programme=world.programme,
                                       reports=[report])
    before = row_counts()
    # The claim is saved and the early claim flagged before the step's own event fails.
    fail_on_call(monkeypatch, certification, "record_event")
    with pytest.raises(Injected):
        certification.confirm_claim(actor=world["nominee"], claim=claim)
    assert row_counts() == before
    claim.refresh_from_db()
    assert claim.confirmed_at is None and claim.confirmed_by is None
    assert not RegistrationFlag.objects.exists()


def test_a_withdrawal_sign_off_failing_at_its_last_write_does_not_withdraw(world, cohort,
                                                                           monkeypatch):
    learner = cohort.learners.first()
    withdrawal = registrations.request_withdrawal(
        actor=world["leader"], learner=learner, reason="Moved to an apprenticeship",
        last_day=date(2026, 11, 20))
    registrations.sign_withdrawal(actor=world["nominee"], withdrawal=withdrawal,
                                  capacity="nominee")
    before = row_counts()
    fail_on_call(monkeypatch, registrations, "record_event")
    with pytest.raises(Injected):
        registrations.sign_withdrawal(actor=world["exams"], withdrawal=withdrawal,
                                      capacity="exams")
    assert row_counts() == before
    withdrawal = Withdrawal.objects.get(pk=withdrawal.pk)
    assert (withdrawal.exams_signed_by, withdrawal.took_effect_at) == (None, None)
    assert Learner.objects.get(pk=learner.pk).status != LearnerStatus.WITHDRAWN


def test_a_sample_failing_on_its_last_piece_of_work_samples_nothing(world, issued, assignment,
                                                                     monkeypatch):
    work = []
    for learner in world["learner"].learner.cohort.learners.all()[:2]:
        submission = hand_in(world, assignment, learner)
        assessment.record_decision(actor=world["assessor"], submission=submission,
                                   results=all_results(assignment), feedback="ok",
                                   authentic=True)
        work.append(submission.pk)
    before = row_counts()
    fail_on_call(monkeypatch, verification, "record_event", call=2)
    with pytest.raises(Injected):
        verification.take_proposed_sample(actor=world["lead_iv"], programme=world.programme,
                                          submission_ids=work, due_on=date(2026, 12, 4))
    assert row_counts() == before
    assert not IVSample.objects.exists()


def test_a_verification_or_hand_in_failing_at_its_last_write_leaves_no_record(
        world, assessed, assignment, monkeypatch):
    submission, decision = assessed
    before = row_counts()
    fail_on_call(monkeypatch, verification, "record_event")
    with pytest.raises(Injected):
        verification.verify_decision(actor=world["iv"], submission=submission,
                                     checks=checks(decision), feedback=GOOD, declared=True)
    assert not DecisionVerification.objects.exists()

    other = submission.learner.cohort.learners.exclude(pk=submission.learner_id).first()
    fail_on_call(monkeypatch, assessment, "record_event")
    with pytest.raises(Injected):
        assessment.submit_evidence(actor=world["assessor"], assignment=assignment,
                                   learner=other, files=upload(), declaration=True,
                                   handed_in_on=date(2026, 11, 2))
    assert row_counts() == before
    assert not Submission.objects.filter(learner=other).exists()
