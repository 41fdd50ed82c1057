"""Malpractice in the demo: a Sport learner's case (work written with an AI tool against the
rules) taken through every stage, reported to the awarding body and closed; and an open case
against a Sport assessor for helping learners too much, investigated by the Health and Social
Care programme leader, who has no part in Sport. Only the Head of Centre, the Quality Nominee
and the investigator see either."""

from django.core.files.base import ContentFile

from appeals.malpractice import services
from appeals.malpractice.models import Category, Finding, MalpracticeCase, Sanction
from qmr.demo import DemoContext, register
from qmr.models import User
from registrations.models import Learner, Programme

IN_APPEALS = {("Noah", "Haddad"), ("Theo", "Mbeki"), ("Theo", "Lindley")}


@register(order=62)
def load_malpractice(ctx: DemoContext) -> None:
    centre = ctx.centres["main"]
    if MalpracticeCase.objects.filter(centre=centre).exists():
        return
    people = {e: User.objects.get(email=f"{e}@brookfield.example")
              for e in ("quality", "head", "s.patel", "hsc.lead", "r.ng")}
    sport = Programme.objects.get(centre=centre, code="BSP3X1")
    learner = next(lr for lr in Learner.objects.filter(programme=sport).order_by(
        "last_name", "first_name") if (lr.first_name, lr.last_name) not in IN_APPEALS)
    unit = sport.units.order_by("number").first()

    case = services.raise_case(
        actor=people["quality"], centre=centre, learner=learner, programme=sport, unit=unit,
        category=Category.AI_MISUSE,
        allegation="The written report handed in for the unit reads very differently from the "
                   "learner's work in class, and cites two sources that do not exist.",
        how_discovered="The assessor noticed while marking and checked the references; the "
                       "internal verifier confirmed when sampling.",
        witnesses="The assessor and the internal verifier.",
        candidates_informed="The malpractice rules, including that AI tools may not write "
                            "assessed work, were explained at induction and are in the "
                            "learner handbook and on every brief.",
        declaration_signed=True)
    services.appoint_investigator(actor=people["head"], case=case,
                                  investigator=people["s.patel"])
    services.add_evidence(actor=people["s.patel"], case=case,
                          file=ContentFile(b"Notes of the reference check.", name="refs.txt"),
                          name="Reference check notes")
    services.record_notification(actor=people["s.patel"], case=case)
    services.record_response(
        actor=people["s.patel"], case=case,
        response="The learner said they used a chatbot to write most of the report because "
                 "they were behind, and did not think it would matter.")
    services.record_finding(
        actor=people["s.patel"], case=case, finding=Finding.PROVEN,
        reasons="The learner admits the report was written by an AI tool, which the brief and "
                "the centre's rules forbid, and signed it as their own work.")
    services.record_sanction(actor=people["head"], case=case,
                             sanction=Sanction.REPEAT_ASSIGNMENT)
    services.record_told_how_to_appeal(actor=people["s.patel"], case=case)
    services.record_report_to_awarding_body(actor=people["head"], case=case,
                                            reference="MAL-2026-0413")
    services.close_case(actor=people["head"], case=case)

    staff_case = services.raise_case(
        actor=people["quality"], centre=centre, staff_member=people["r.ng"], programme=sport,
        category=Category.IMPROPER_ASSISTANCE,
        allegation="Several learners' coaching plans contain the same corrected paragraphs, "
                   "suggesting the assessor rewrote drafts for them before assessment.",
        how_discovered="Raised by the internal verifier after a sample.",
        effect_on_candidates="Learners whose drafts were rewritten may have been given grades "
                             "their own work does not show; others were not helped.",
        investigation_plan="Compare drafts with final work, interview the assessor and four "
                           "learners, and review the feedback records.")
    services.appoint_investigator(actor=people["head"], case=staff_case,
                                  investigator=people["hsc.lead"])
