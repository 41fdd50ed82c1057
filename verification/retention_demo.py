"""The demo's records past their time, for the Quality Nominee's disposal page: three Health
and Social Care learners of five years ago, certificated more than three years ago, with
their assessment records, hand-in files and an internal verification record. They are
history, so the rows are written as they stood then (today's rules refuse dates in the
past). Idempotent: the learners' references mark the part as loaded."""

from datetime import date, datetime, time

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
from qmr.demo import DemoContext, register
from qmr.demo_data import academic_year_start, ensure_year
from qmr.models import User
from registrations.models import Claim, ClaimEntry, Learner, LearnerStatus, Programme, StudentReport
from verification.models import CriterionCheck, DecisionVerification

NAMES = [("Aled", "Pryce"), ("Bethan", "Moorcroft"), ("Chidi", "Okafor-Lane")]


def _at(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(11)))


@register(order=47)
def load_records_past_their_time(ctx: DemoContext) -> None:
    main = ctx.centres["main"]
    if Learner.objects.filter(centre=main, centre_ref="HS21-0001").exists():
        return
    start = academic_year_start(ctx.today) - 5
    year = ensure_year(main, start)
    programme = Programme.objects.get(centre=main, code="BHS2T1")
    assessor = User.objects.get(email="g.lowther@brookfield.example")
    verifier = User.objects.get(email="c.marsh@brookfield.example")
    exams = User.objects.get(email="exams@brookfield.example")
    unit = programme.units.order_by("number").first()
    criteria = list(unit.criteria.filter(code__startswith="P").order_by("code")[:2])
    plan = AssessmentPlan.objects.create(programme=programme, academic_year=year,
                                         signed_off_by=assessor,
                                         signed_off_at=_at(date(start, 9, 10)))
    assignment = Assignment.objects.create(
        plan=plan, title=f"Unit {unit.number}: {unit.title}", hand_out_on=date(start, 10, 4),
        deadline=date(start, 11, 19), assessor=assessor, internal_verifier=verifier,
        verify_brief_by=date(start, 9, 24))
    assignment.criteria.set(criteria)
    claim = Claim.objects.create(programme=programme, submitted_by=exams,
                                 submitted_at=_at(date(start + 2, 6, 20)), confirmed_by=exams,
                                 confirmed_at=_at(date(start + 2, 6, 21)),
                                 deadline=date(start + 2, 7, 31))
    certified = date(start + 2, 8, 18)
    for n, (first, last) in enumerate(NAMES, start=1):
        learner = Learner.objects.create(
            centre=main, programme=programme, centre_ref=f"HS21-{n:04d}", first_name=first,
            last_name=last, date_of_birth=date(start - 14, 3, n), enrolled_on=date(start, 9, 6),
            status=LearnerStatus.REGISTERED, registration_number=f"HS{start % 100}{n:05d}",
            registered_on=date(start, 10, 20), registered_by=exams)
        submission = Submission.objects.create(
            assignment=assignment, learner=learner, submitted_at=_at(date(start, 11, 18)),
            submitted_by=assessor, deadline=assignment.deadline,
            declaration_signed_at=_at(date(start, 11, 18)))
        EvidenceFile.objects.create(submission=submission, name="lifespan-report.pdf", size=22,
                                    file=ContentFile(b"%PDF-1.4 demo evidence",
                                                     name="lifespan-report.pdf"))
        decision = Decision.objects.create(
            submission=submission, assessor=assessor, decided_at=_at(date(start, 12, 2)),
            authentic=True, feedback=f"{first}, your report explains each life stage clearly.",
            released_at=_at(date(start, 12, 9)), received_on=date(start, 12, 9))
        CriterionResult.objects.bulk_create([
            CriterionResult(decision=decision, criterion=c, achieved=True,
                            feedback=f"{c.code} met.") for c in criteria])
        if n == 1:
            verification = DecisionVerification.objects.create(
                submission=submission, decision=decision, verifier=verifier,
                verified_at=_at(date(start, 12, 6)), authenticity_confirmed=True,
                feedback_links_to_criteria=True, feedback_justifies_awards=True,
                feedback_avoids_improvement_actions=True, agrees=True, declared=True,
                comments=f"Sound decisions; {first}'s feedback is specific.")
            CriterionCheck.objects.bulk_create([
                CriterionCheck(verification=verification, criterion=c, accurate=True)
                for c in criteria])
        report = StudentReport.objects.create(
            learner=learner, units=[{"code": unit.number, "title": unit.title, "grade": "P",
                                     "points": 0}], points=0, grade="P", completed_by=verifier,
            completed_at=_at(date(start + 2, 6, 10)), checked_by=assessor,
            checked_at=_at(date(start + 2, 6, 12)))
        ClaimEntry.objects.create(claim=claim, learner=learner, report=report,
                                  certificate_received_on=certified, received_recorded_by=exams,
                                  checked_on=date(start + 2, 8, 21), checked_by=exams,
                                  issued_on=date(start + 2, 9, 8), issued_by=exams)
