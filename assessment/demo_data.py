"""Assessment's part of the demo: Sport's plan signed off, one brief verified and issued,
work handed in by a few learners, some assessed and released, one resubmission requested."""

from datetime import timedelta

from django.core.files.base import ContentFile

from assessment import services
from assessment.models import AssessmentPlan, Assignment
from qmr.demo import DemoContext, register
from qmr.models import User
from registrations.models import Cohort, LearnerStatus


def _person(email: str) -> User:
    return User.objects.get(email=email)


@register(order=30)
def load_assessment(ctx: DemoContext) -> None:
    cohort = Cohort.objects.get(programme__centre=ctx.centres["main"], programme__code="BSP3X1")
    programme, year = cohort.programme, cohort.academic_year
    if AssessmentPlan.objects.filter(programme=programme, academic_year=year).exists():
        return
    leader = _person("sport.lead@brookfield.example")
    lead_iv = _person("lead.iv@brookfield.example")
    assessor, iv = _person("r.ng@brookfield.example"), _person("s.patel@brookfield.example")
    plan = services.start_plan(actor=leader, programme=programme, academic_year=year)
    unit3 = programme.units.get(number="3")
    start = cohort.starts_on
    services.add_assignment(
        actor=leader, plan=plan, title="Careers in the sports industry",
        criteria=list(unit3.criteria.filter(code__in=["P1", "P2", "M1"])),
        hand_out_on=start + timedelta(days=14), deadline=start + timedelta(days=42),
        assessor=assessor, internal_verifier=iv, verify_brief_by=start + timedelta(days=10),
        scenario="You are applying for a trainee role with a regional sports trust.",
        tasks="1. Describe the careers available (P1).\n2. Explain the skills two roles need "
              "(P2).\n3. Assess your own skills against one pathway (M1).",
        evidence_expected="A written report of about 1,500 words.")
    services.add_assignment(
        actor=leader, plan=plan, title="Planning my development",
        criteria=list(unit3.criteria.filter(code__in=["P3", "P4", "M2", "D1"])),
        hand_out_on=start + timedelta(days=70), deadline=start + timedelta(days=100),
        assessor=assessor, internal_verifier=iv, verify_brief_by=start + timedelta(days=60),
        scenario="The sports trust offers a development programme to its new trainees.",
        tasks="1. Carry out a skills audit (P3).\n2. Write a development plan with targets (P4)."
              "\n3. Analyse how the plan moves you towards your role (M2).\n4. Evaluate the "
              "plan, justifying your choices (D1).",
        evidence_expected="A skills audit and a development plan, with a short evaluation.")
    services.sign_off_plan(actor=lead_iv, plan=plan)


@register(order=40)
def load_work(ctx: DemoContext) -> None:
    """After verification's part has verified the first brief: issue it, hand work in."""
    cohort = Cohort.objects.get(programme__centre=ctx.centres["main"], programme__code="BSP3X1")
    first = Assignment.objects.filter(plan__programme=cohort.programme,
                                      title="Careers in the sports industry").first()
    if first is None or first.issues.exists():
        return
    assessor = _person("r.ng@brookfield.example")
    services.issue_brief(actor=assessor, assignment=first, cohort=cohort)
    learners = list(cohort.learners.filter(status=LearnerStatus.REGISTERED)
                    .order_by("centre_ref")[:6])
    criteria = list(first.criteria.all())
    for n, learner in enumerate(learners):
        submission = services.submit_evidence(
            actor=assessor, assignment=first, learner=learner, declaration=True,
            handed_in_on=min(ctx.today, first.deadline - timedelta(days=2)),
            files=[services.Upload("report.pdf", ContentFile(b"%PDF-1.4 demo evidence",
                                                             name="report.pdf"), 22)])
        if n >= 4:
            continue  # two still waiting for a decision
        achieved = {"P1", "P2", "M1"} if n == 0 else {"P1", "P2"} if n < 3 else {"P1"}
        decision = services.record_decision(
            actor=assessor, submission=submission, authentic=True,
            can_improve_without_guidance=n == 3,
            results={c.pk: (c.code in achieved, f"{c.code}: see the comments in your report.")
                     for c in criteria},
            feedback="Your report is well organised and uses relevant examples.")
        services.release_result(actor=assessor, decision=decision)
        if n == 3:
            services.confirm_received(actor=assessor, decision=decision, on=ctx.today)
            services.request_resubmission(actor=assessor, submission=submission)
