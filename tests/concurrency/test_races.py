"""Two people doing the same step at the same moment: one wins, the other is told why in plain
words, and the records hold one of each. Real concurrent transactions, so PostgreSQL only."""

from datetime import date, datetime
from functools import partial
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.db import connection

from assessment import services as assessment
from assessment.models import CriterionResult, Decision, EvidenceFile, Resubmission, Submission
from qmr.audit import AuditEvent
from qmr.roles import Role
from registrations import certification
from registrations.models import Claim, ClaimEntry, RegistrationFlag
from tests.assessment.conftest import all_results, hand_in, upload
from tests.conftest import appoint
from tests.verification.test_decision_iv import GOOD, checks
from verification import services as verification
from verification.models import CriterionCheck, DecisionVerification, IVSample

from .conftest import at_once, one_wins

pytestmark = [
    pytest.mark.skipif(connection.vendor != "postgresql",
                       reason="needs real concurrent transactions (PostgreSQL, as CI runs)"),
    pytest.mark.django_db(transaction=True),
]


def events(code):
    return AuditEvent.objects.filter(code=code).count()


def test_two_people_submitting_or_confirming_one_claim(world, claimable):
    second_exams = appoint(world.centre, "exams2@a.example", Role.EXAMS_OFFICER, world.centre)
    report = certification.check_student_report(
        actor=world["leader"],
        report=certification.complete_student_report(actor=world["lead_iv"], learner=claimable))

    submit = partial(certification.submit_claim, programme=world.programme, reports=[report])
    claim = one_wins(at_once(partial(submit, actor=world["exams"]),
                             partial(submit, actor=second_exams)),
                     f"{claimable} is already in a claim.")
    assert Claim.objects.count() == ClaimEntry.objects.count() == 1
    assert events("registrations.claim.submitted") == 1

    confirm = partial(certification.confirm_claim, claim=claim)
    one_wins(at_once(partial(confirm, actor=world["nominee"]),
                     partial(confirm, actor=world["head"])),
             "This claim has already been confirmed.")
    claim.refresh_from_db()
    assert claim.confirmed_by in (world["nominee"], world["head"])
    # Claimed in November for a cohort ending in 2028: early, flagged once, not twice.
    assert RegistrationFlag.objects.filter(learner=claimable, kind="early").count() == 1
    assert events("registrations.claim.confirmed") == 1


def test_two_people_sampling_verifying_or_correcting_one_decision(world, assessed):
    submission, decision = assessed

    choose = partial(verification.choose_for_sample, submission=submission,
                     verifier=world["iv"], due_on=date(2026, 12, 4))
    one_wins(at_once(partial(choose, actor=world["lead_iv"]), partial(choose, actor=world["iv"])),
             "This work is already in the sample.")
    assert IVSample.objects.count() == 1

    verify = partial(verification.verify_decision, actor=world["iv"], submission=submission,
                     checks=checks(decision), feedback=GOOD, declared=True)
    one_wins(at_once(verify, verify), "You have already verified this decision.")
    assert DecisionVerification.objects.count() == 1
    assert CriterionCheck.objects.count() == 3

    correct = partial(assessment.correct_decision, decision=decision,
                      results=all_results(submission.assignment, ("P1",)), feedback="P2 not met",
                      reason="IV: P2 is not met")
    corrected = one_wins(at_once(partial(correct, actor=world["assessor"]),
                                 partial(correct, actor=world["lead_iv"])),
                         "This decision has already been corrected")
    assert list(Decision.objects.filter(superseded_by=None)) == [corrected]
    assert Decision.objects.count() == 2
    assert CriterionResult.objects.count() == 6


def test_two_hand_ins_and_two_decisions_at_once(world, issued, assignment):
    other = world["learner"].learner.cohort.learners.exclude(pk=world["learner"].learner.pk)[0]
    submission = hand_in(world, assignment, other)

    record = partial(assessment.record_decision, actor=world["assessor"], submission=submission,
                     results=all_results(assignment), feedback="ok", authentic=True,
                     can_improve_without_guidance=True)
    decision = one_wins(at_once(record, record), "A decision is already recorded")
    assert Decision.objects.count() == 1 and CriterionResult.objects.count() == 3

    assessment.release_result(actor=world["assessor"], decision=decision)
    assessment.confirm_received(actor=world["assessor"], decision=decision, on=date(2026, 11, 23))
    ask = partial(assessment.request_resubmission, actor=world["assessor"], submission=submission)
    request = one_wins(at_once(ask, ask), "A resubmission has already been asked for this work.")
    second_lead_iv = appoint(world.centre, "lead2@a.example", Role.LEAD_IV, world.subject_area)
    authorise = partial(assessment.authorise_resubmission, request=request,
                        deadline=date(2026, 12, 7))
    one_wins(at_once(partial(authorise, actor=world["lead_iv"]),
                     partial(authorise, actor=second_lead_iv)),
             "This request is already Authorised.")
    assert Resubmission.objects.get().status == Resubmission.Status.AUTHORISED
    assert events("assessment.resubmission.authorised") == 1

    # The learner hands in online as their extended deadline passes while the assessor records
    # the same work handed in on paper: one submission, late or not by the moment it was taken.
    learner = world["learner"].learner
    today = date(2026, 11, 23)
    assessment.agree_extension(actor=world["assessor"], assignment=assignment, learner=learner,
                               new_deadline=today, reason="Illness")
    hand = partial(assessment.submit_evidence, assignment=assignment, learner=learner,
                   declaration=True)
    last_moment = datetime(2026, 11, 23, 23, 59, 59, 900000, tzinfo=ZoneInfo("Europe/London"))
    with time_machine.travel(last_moment, tick=True):
        one_wins(at_once(partial(hand, actor=world["learner"], files=upload()),
                         partial(hand, actor=world["assessor"], files=upload(),
                                 handed_in_on=today)),
                 f"{learner} has already handed in this assignment (first submission).")
    handed_in = Submission.objects.get(learner=learner)
    local_day = handed_in.submitted_at.astimezone(ZoneInfo("Europe/London")).date()
    assert handed_in.deadline == today
    assert handed_in.late == (local_day > today)
    assert EvidenceFile.objects.filter(submission__learner=learner).count() == 1
