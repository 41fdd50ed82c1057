"""Verification's part of the demo: the Internal Verifier verifies Sport's first brief."""

from assessment.models import Assignment
from qmr.demo import DemoContext, register
from qmr.models import User
from verification.models import BriefVerification, LeadIVRegistration
from verification.services import (
    record_standardisation,
    record_standardisation_meeting,
    register_lead_iv,
    verify_brief,
)


@register(order=35)
def load_verification(ctx: DemoContext) -> None:
    first = Assignment.objects.filter(plan__programme__centre=ctx.centres["main"],
                                      title="Careers in the sports industry").first()
    if first is None or BriefVerification.objects.filter(assignment=first).exists():
        return
    verify_brief(actor=User.objects.get(email="s.patel@brookfield.example"), assignment=first,
                 outcome="fit", comments="Clear tasks; criteria worded as in the specification.")


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
