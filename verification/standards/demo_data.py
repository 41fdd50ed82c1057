"""Standards verification in the demo: Sport's is released (sample asked for, declared,
provided, reported, one action closed) and the standards verifier can read its sample; IT's
is recorded with the verifier allocated, waiting for the sample request."""

from datetime import date, timedelta

from django.db.models import Exists, OuterRef

from assessment.models import Submission
from qmr.demo import DemoContext, ensure_appointment, register
from qmr.models import User
from qmr.roles import Role
from registrations.models import Learner, Programme
from verification.standards import services
from verification.standards.models import StandardsVerification

SV_EMAIL = "sv@awarding.example"


@register(order=45)
def load_standards_verification(ctx: DemoContext) -> None:
    main = ctx.centres["main"]
    year = main.academic_years.get(name=ctx.year_name)
    sport = Programme.objects.get(centre=main, code="BSP3X1")
    it = Programme.objects.get(centre=main, code="BIT3D1")
    if StandardsVerification.objects.filter(programme__in=[sport, it],
                                            academic_year=year).exists():
        return
    ensure_appointment(ctx, centre=main, email=SV_EMAIL, name="Gareth Hughes",
                       role=Role.STANDARDS_VERIFIER, scope=sport,
                       last_day=ctx.today + timedelta(days=90))
    nominee = User.objects.get(email="quality@brookfield.example")
    lead_iv = User.objects.get(email="lead.iv@brookfield.example")
    sv_person = User.objects.get(email=SV_EMAIL)
    spring = year.ends_on.year
    services.record_standards_verification(
        actor=nominee, programme=it, academic_year=year, control_level="standard",
        verifier=sv_person, window_opens=date(spring, 1, 1), window_closes=date(spring, 5, 15))
    # Sport's window opened early so its sample could be seen in the demo at any date.
    asked = max(year.starts_on, ctx.today - timedelta(days=21))
    sent = max(asked, ctx.today - timedelta(days=14))
    services.record_standards_verification(
        actor=nominee, programme=sport, academic_year=year, control_level="standard",
        verifier=sv_person, window_opens=asked, window_closes=year.ends_on)
    assessed = Submission.objects.filter(learner=OuterRef("pk"), decisions__isnull=False)
    learners = list(Learner.objects.filter(programme=sport).filter(Exists(assessed))
                    .order_by("centre_ref"))
    sample = services.request_sample(
        actor=lead_iv, programme=sport, units=[sport.units.get(number="3")], learners=learners,
        requested_on=asked)
    services.declare_authenticity(actor=lead_iv, sample=sample)
    services.record_sample_provided(
        actor=lead_iv, sample=sample, provided_on=sent, assessment_plan=True,
        assessment_records=True, iv_records=True,
        notes="Unit 3 work of the four learners, the signed-off plan and the brief's IV.")
    services.record_report(
        actor=sv_person, sample=sample, received_on=ctx.today, outcome="released",
        summary="Assessment decisions accurate and feedback linked to the criteria. Make "
                "the internal verifier's comments more specific to each criterion.")
    action = services.raise_action(
        actor=lead_iv, sample=sample, due_on=ctx.today + timedelta(days=30),
        description="Brief the internal verifiers on criterion-specific comments.")
    services.close_action(actor=lead_iv, action=action,
                          note="Covered at the team meeting; template comments updated.")
