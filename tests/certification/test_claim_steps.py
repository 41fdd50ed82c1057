"""The certification procedure through its services: who does each step, and every refusal
names its condition and changes nothing."""

from datetime import UTC, date, datetime

import pytest
import time_machine
from django.core import mail
from django.urls import reverse

from assessment import services as assessment
from qmr import blocks
from qmr.errors import DomainError
from qmr.roles import Role
from registrations import certification
from registrations.models import (
    CertificateAnomaly,
    Claim,
    RegistrationFlag,
    ResultCorrectionAfterClaim,
    StudentReport,
)
from registrations.specification import add_unit, import_criteria
from tests.conftest import appoint
from verification.services import choose_for_sample

from .conftest import assess

pytestmark = pytest.mark.django_db


def reported(world, learner):
    report = certification.complete_student_report(actor=world["lead_iv"], learner=learner)
    return certification.check_student_report(actor=world["leader"], report=report)


def submitted(world, learner):
    return certification.submit_claim(actor=world["exams"], programme=world.programme,
                                      reports=[reported(world, learner)])


@time_machine.travel(datetime(2026, 11, 27, 10, tzinfo=UTC), tick=False)  # a Friday
def test_from_student_report_to_issued_certificate(world, claimable, client,
                                                   django_capture_on_commit_callbacks):
    report = certification.complete_student_report(actor=world["lead_iv"], learner=claimable)
    assert [(u["code"], u["grade"]) for u in report.units] == [("3", "P")]
    report = certification.check_student_report(actor=world["leader"], report=report)
    claim = certification.submit_claim(actor=world["exams"], programme=world.programme,
                                       reports=[report])

    with pytest.raises(DomainError, match="second, different person"):
        certification.confirm_claim(actor=world["exams"], claim=claim)
    claim.refresh_from_db()
    assert claim.confirmed_at is None

    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        claim = certification.confirm_claim(actor=world["nominee"], claim=claim)
    assert claim.confirmed_by == world["nominee"]
    # Claimed in November for a cohort ending in 2028: early, and the Head of Centre is told.
    assert claim.early and not claim.late
    flag = RegistrationFlag.objects.get(learner=claimable)
    assert (flag.kind, flag.concerns) == ("early", "claim")
    assert any("Claim flagged" in m.subject for m in mail.outbox)

    entry = claim.entries.get()
    certification.record_certificates_received(actor=world["exams"], claim=claim,
                                               entries=[entry], received_on=date(2026, 11, 27))
    entry.refresh_from_db()
    assert entry.check_due_on == date(2026, 12, 2)  # Fri 27 + three working days

    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        certification.check_certificate(actor=world["exams"], entry=entry, matches=False,
                                        kind="name", description="Surname misspelt.")
    assert [m.to for m in mail.outbox] == [[world["nominee"].email]]
    with pytest.raises(DomainError, match="Check the certificate"):
        certification.issue_certificate(actor=world["exams"], entry=entry)

    client.force_login(world["learner"])
    assert "Held" in client.get(reverse("registrations:my-record")).content.decode()

    anomaly = CertificateAnomaly.objects.get()
    certification.resolve_anomaly(actor=world["nominee"], anomaly=anomaly,
                                  resolution="Amended certificate received.")
    certification.check_certificate(actor=world["exams"], entry=entry, matches=True)
    certification.issue_certificate(actor=world["exams"], entry=entry)
    page = client.get(reverse("registrations:my-record")).content.decode()
    assert "Issued" in page and "certificate was issued to you" in page


def test_the_person_who_completed_the_report_cannot_check_it(world, claimable):
    appoint(world.centre, world["lead_iv"].email, Role.PROGRAMME_LEADER, world.programme)
    report = certification.complete_student_report(actor=world["lead_iv"], learner=claimable)
    with pytest.raises(DomainError, match="someone else must check it"):
        certification.check_student_report(actor=world["lead_iv"], report=report)
    report.refresh_from_db()
    assert report.checked_at is None


def test_a_claim_needs_a_checked_report(world, claimable):
    report = certification.complete_student_report(actor=world["lead_iv"], learner=claimable)
    with pytest.raises(DomainError, match="has not been checked by the Programme Leader"):
        certification.submit_claim(actor=world["exams"], programme=world.programme,
                                   reports=[report])
    assert not Claim.objects.exists()


def test_unverified_decision_is_refused(world, issued, assignment):
    decision = assess(world, assignment, release=False)
    choose_for_sample(actor=world["iv"], submission=decision.submission,
                      verifier=world["lead_iv"], due_on=date(2026, 12, 1))
    with pytest.raises(DomainError) as refused:
        certification.complete_student_report(actor=world["lead_iv"],
                                              learner=world["learner"].learner)
    assert "verif" in str(refused.value).lower()
    assert not StudentReport.objects.exists()


def test_missing_mandatory_unit_is_refused(world, claimable):
    unit = add_unit(actor=world["leader"], programme=world.programme, number="4",
                    title="Fitness Testing", guided_learning_hours=60, mandatory=True,
                    externally_assessed=False)
    import_criteria(actor=world["leader"], unit=unit, text="code,learning_aim,text\nP1,A,Do.")
    with pytest.raises(DomainError, match="Mandatory unit") as refused:
        certification.complete_student_report(actor=world["lead_iv"], learner=claimable)
    assert "Fitness Testing" in str(refused.value)
    assert not StudentReport.objects.exists()


def test_unit_certification_for_a_learner_leaving_early(world, claimable, unit):
    add_unit(actor=world["leader"], programme=world.programme, number="4", title="Fitness",
             guided_learning_hours=60, mandatory=True, externally_assessed=False)
    report = certification.complete_student_report(actor=world["lead_iv"], learner=claimable,
                                                   unit_ids=frozenset({unit.pk}))
    assert report.kind == StudentReport.Kind.UNITS
    assert [u["code"] for u in report.units] == ["3"]


def test_certification_block_stops_the_claim_between_submitting_and_confirming(world, claimable):
    claim = submitted(world, claimable)
    blocks.set_certification_block(actor=world["nominee"], centre=world.centre,
                                   reason="Essential action on QO.3 not met.")
    with pytest.raises(DomainError, match="(?i)block"):
        certification.confirm_claim(actor=world["nominee"], claim=claim)
    claim.refresh_from_db()
    assert claim.confirmed_at is None and not RegistrationFlag.objects.exists()


def test_a_result_corrected_after_the_report_stops_the_claim(world, claimable, assignment):
    report = reported(world, claimable)
    decision = claimable.submissions.get().decisions.get()
    assessment.correct_decision(actor=world["assessor"], decision=decision,
                                results={c.pk: (c.code == "P1", "x")
                                         for c in assignment.criteria.all()},
                                feedback="P2 not met after all.", reason="Misread evidence.")
    with pytest.raises(DomainError, match="P2"):
        certification.submit_claim(actor=world["exams"], programme=world.programme,
                                   reports=[report])
    assert not Claim.objects.exists()


def test_late_claim_reaches_the_head_of_centre(world, claimable,
                                               django_capture_on_commit_callbacks):
    claim = submitted(world, claimable)  # the cohort completes in July 2028
    with time_machine.travel(date(2028, 8, 3), tick=False):
        mail.outbox.clear()
        with django_capture_on_commit_callbacks(execute=True):
            claim = certification.confirm_claim(actor=world["nominee"], claim=claim)
    assert (claim.deadline, claim.late) == (date(2028, 7, 31), True)
    flag = RegistrationFlag.objects.get(kind="late")
    assert flag.concerns == "claim" and "after the deadline" in flag.description
    assert any(world["head"].email in m.to for m in mail.outbox)


def test_correction_after_claim_keeps_its_reason_and_shows(world, claimable, assignment, login):
    claim = certification.confirm_claim(actor=world["nominee"],
                                        claim=submitted(world, claimable))
    decision = claimable.submissions.get().decisions.get()
    assessment.correct_decision(actor=world["assessor"], decision=decision,
                                results={c.pk: (c.code == "P1", "x")
                                         for c in assignment.criteria.all()},
                                feedback="P2 not met after all.", reason="Plagiarised section.")
    correction = ResultCorrectionAfterClaim.objects.get()
    assert correction.entry.claim == claim and correction.reason == "Plagiarised section."
    client = login(world["nominee"])
    assert "Plagiarised section." in client.get(
        reverse("registrations:certification-overview")).content.decode()
    assert "Plagiarised section." in client.get(
        reverse("registrations:learner-detail", args=[claimable.pk])).content.decode()


def test_only_the_exams_officer_submits_and_only_the_lead_iv_reports(world, claimable):
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        certification.complete_student_report(actor=world["leader"], learner=claimable)
    report = reported(world, claimable)
    with pytest.raises(PermissionDenied):
        certification.submit_claim(actor=world["nominee"], programme=world.programme,
                                   reports=[report])
    assert not Claim.objects.exists()


def test_blocked_standards_verification_stops_the_claim(world, claimable, year, unit):
    from verification.standards import services as sv

    claim = submitted(world, claimable)
    today = date.today()
    sv.record_standards_verification(
        actor=world["nominee"], programme=world.programme, academic_year=year,
        control_level="standard", verifier=world["sv"], window_opens=date(2026, 11, 1),
        window_closes=date(2027, 5, 15))
    sample = sv.request_sample(actor=world["lead_iv"], programme=world.programme, units=[unit],
                               learners=[claimable], requested_on=today)
    sv.declare_authenticity(actor=world["lead_iv"], sample=sample)
    sv.record_sample_provided(actor=world["lead_iv"], sample=sample, provided_on=today,
                              assessment_plan=True, assessment_records=True, iv_records=True)
    sv.record_report(actor=world["sv"], sample=sample, received_on=today, outcome="blocked",
                     summary="Pass awarded without the evidence P2 asks for.")
    with pytest.raises(DomainError, match="standards verification for .* is blocked"):
        certification.confirm_claim(actor=world["nominee"], claim=claim)
    claim.refresh_from_db()
    assert claim.confirmed_at is None and not RegistrationFlag.objects.exists()
