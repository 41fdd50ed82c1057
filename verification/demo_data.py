"""Verification's part of the demo: the Internal Verifier checks Sport's first brief against
the checklist (the assessor signs it), later verifies one piece of the work handed in (the
assessor acknowledges the feedback); Lead IVs are registered and standardised."""

from datetime import timedelta

from assessment.models import Assignment, Submission
from qmr.demo import DemoContext, register
from qmr.models import User
from verification.briefs import verify_brief
from verification.models import BriefCheck, BriefVerification, IVSample, LeadIVRegistration
from verification.services import (
    Feedback,
    choose_for_sample,
    record_standardisation,
    record_standardisation_meeting,
    register_lead_iv,
    verify_decision,
)
from verification.signatures import sign_brief_verification, sign_decision_verification

Item = BriefCheck.Item
CAREERS = "Careers in the sports industry"


@register(order=35)
def load_verification(ctx: DemoContext) -> None:
    first = Assignment.objects.filter(plan__programme__centre=ctx.centres["main"],
                                      title=CAREERS).first()
    if first is None or BriefVerification.objects.filter(assignment=first).exists():
        return
    answers = dict.fromkeys(Item, (True, "")) | {
        Item.TIME_FRAME: (True, "Four weeks, with a check-in after two."),
        Item.CRITERIA_EXACT: (True, "P1, P2 and M1 as worded in the specification."),
        Item.AUTHORISED: (False, "Written by the Sport team."),
        Item.AMENDED: (False, "")}
    verification = verify_brief(
        actor=User.objects.get(email="s.patel@brookfield.example"), assignment=first,
        outcome="fit", answers=answers,
        comments="Clear tasks; criteria worded as in the specification.")
    sign_brief_verification(actor=first.assessor, verification=verification)


@register(order=45)
def load_decision_verification(ctx: DemoContext) -> None:
    """After the work is handed in and assessed: the IV samples the first learner's work and
    agrees with it; the assessor acknowledges the feedback."""
    work = Submission.objects.filter(
        assignment__plan__programme__centre=ctx.centres["main"], assignment__title=CAREERS,
        decisions__isnull=False).order_by("learner__centre_ref").first()
    if work is None or IVSample.objects.filter(submission=work).exists():
        return
    iv = User.objects.get(email="s.patel@brookfield.example")
    choose_for_sample(actor=iv, submission=work, verifier=iv,
                      due_on=ctx.today + timedelta(days=7))
    decision = work.decisions.get(superseded_by__isnull=True)
    verification = verify_decision(
        actor=iv, submission=work, declared=True,
        checks={r.criterion_id: (True, "") for r in decision.results.all()},
        feedback=Feedback(authenticity_confirmed=True, links_to_criteria=True,
                          justifies_awards=True, avoids_improvement_actions=True),
        comments="Accurate decisions; the feedback names the evidence for each criterion.")
    sign_decision_verification(actor=decision.assessor, verification=verification)


@register(order=36)
def load_lead_ivs(ctx: DemoContext) -> None:
    """Sport's Lead IV is registered and standardised, with a meeting held; Health and Social
    Care's is registered but not yet standardised; IT has none registered: the overview shows
    the gaps."""
    main = ctx.centres["main"]
    year = main.academic_years.get(name=ctx.year_name)
    nominee = User.objects.get(email="quality@brookfield.example")
    people = {e: User.objects.get(email=e) for e in (
        "lead.iv@brookfield.example", "n.shah@brookfield.example", "s.patel@brookfield.example",
        "r.ng@brookfield.example", "sport.lead@brookfield.example")}
    for code, lead, cover, standardised in (
            ("8.1", "lead.iv@brookfield.example", "s.patel@brookfield.example", True),
            ("1.3", "n.shah@brookfield.example", None, False)):
        area = ctx.subject_areas[code]
        if LeadIVRegistration.objects.filter(subject_area=area, academic_year=year).exists():
            continue
        registration = register_lead_iv(
            actor=nominee, subject_area=area, academic_year=year, person=people[lead],
            registered_on=year.starts_on.replace(month=9, day=10),
            cover=people[cover] if cover else None)
        if standardised:
            record_standardisation(actor=nominee, registration=registration,
                                   on=year.starts_on.replace(month=9, day=24),
                                   evidence="Awarding body's online standardisation, passed.")
            record_standardisation_meeting(
                actor=people[lead], subject_area=area, held_on=min(
                    ctx.today, year.starts_on.replace(month=10, day=7)),
                units=list(area.programmes.get(code="BSP3X1").units.filter(
                    externally_assessed=False)),
                sample_looked_at="Three Unit 3 reports from last year, one at each grade.",
                outcomes="Agreed what 'explain' needs for P2; M1 needs a judgement, not a list.",
                participants=[people["lead.iv@brookfield.example"],
                              people["s.patel@brookfield.example"],
                              people["r.ng@brookfield.example"]])
