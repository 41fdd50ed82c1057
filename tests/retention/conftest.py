"""An assessment record of our centre (a submission with its hand-in file, the assessor's
decision and the criteria achieved, the IV's check), and a way to certify its learner."""

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.core.files.base import ContentFile
from django.utils import timezone

from assessment.models import (
    AssessmentPlan,
    Assignment,
    CriterionResult,
    Decision,
    EvidenceFile,
    Submission,
)
from qmr import services as qmr_services
from registrations.models import Claim, ClaimEntry, Criterion, StudentReport, Unit
from verification.models import DecisionVerification


@dataclass
class Record:
    submission: Submission
    file: EvidenceFile
    decision: Decision
    verification: DecisionVerification


def make_record(world: Any, *, side: str = "own", title: str = "Unit 3 Assignment 1",
                bare: bool = False) -> Any:
    """A handed-in, assessed and verified piece of work (just the submission when `bare`)."""
    centre = world.centre if side == "own" else world.other_centre
    programme = world.programme if side == "own" else world.other_programme
    learner = world["learner"].learner if side == "own" else programme.learners.first()
    if learner is None:
        from tests.factories import LearnerFactory

        learner = LearnerFactory(programme=programme)
    year = centre.academic_years.filter(name="2021/22").first() or \
        qmr_services.add_academic_year(actor=None, centre=centre, name="2021/22",
                                       starts_on=date(2021, 8, 1), ends_on=date(2022, 7, 31))
    unit = Unit.objects.create(programme=programme, number=f"3{Unit.objects.count()}",
                               title="Careers")
    criterion = Criterion.objects.create(unit=unit, code="P1", band="P", text="x")
    plan, _ = AssessmentPlan.objects.get_or_create(programme=programme, academic_year=year)
    person = world["assessor"]
    assignment = Assignment.objects.create(
        plan=plan, title=title, hand_out_on=date(2021, 9, 10), deadline=date(2021, 10, 10),
        assessor=person, internal_verifier=person, verify_brief_by=date(2021, 9, 5))
    submission = Submission.objects.create(
        assignment=assignment, learner=learner, submitted_by=person,
        deadline=date(2021, 10, 10), declaration_signed_at=timezone.now(),
        ai_tools_used="A spelling checker.")
    if bare:
        return submission
    file = EvidenceFile.objects.create(submission=submission, name="w.pdf", size=3,
                                       file=ContentFile(b"pdf", name="w.pdf"))
    decision = Decision.objects.create(submission=submission, assessor=person, authentic=True,
                                       feedback="Clear and well argued.")
    CriterionResult.objects.create(decision=decision, criterion=criterion, achieved=True,
                                   feedback="P1 met.")
    verification = DecisionVerification.objects.create(
        submission=submission, decision=decision, verifier=person, authenticity_confirmed=True,
        feedback_links_to_criteria=True, feedback_justifies_awards=True,
        feedback_avoids_improvement_actions=True, agrees=True, comments="Sound.")
    return Record(submission, file, decision, verification)


def certify(learner: Any, on: date) -> ClaimEntry:
    """The awarding body's certificate for the learner came back on `on`."""
    person = learner.centre.appointments.first().person
    report = StudentReport.objects.create(learner=learner, units=[], points=0, grade="P",
                                          completed_by=person)
    claim = Claim.objects.create(programme=learner.programme, submitted_by=person,
                                 deadline=on)
    return ClaimEntry.objects.create(claim=claim, learner=learner, report=report,
                                     certificate_received_on=on)
