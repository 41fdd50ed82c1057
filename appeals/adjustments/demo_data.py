"""Adjustments in the demo: extra time agreed for Tariq Mbeki on "Careers in the sports
industry" before he handed it in (his work is in the standards verifier's Unit 3 sample), and
special consideration for illness on the same assignment, authorised, the learner told and
sent to the awarding body."""

from datetime import timedelta

from appeals.adjustments import services
from appeals.adjustments.models import ReasonableAdjustment, SpecialConsideration
from assessment.models import Assignment, Submission
from qmr.demo import DemoContext, register
from qmr.models import User
from registrations.models import Learner

ASSIGNMENT = "Careers in the sports industry"


def _assignment(ctx: DemoContext) -> Assignment:
    return Assignment.objects.get(plan__programme__centre=ctx.centres["main"],
                                  plan__programme__code="BSP3X1", title=ASSIGNMENT)


@register(order=38)  # after the assignment is planned (30), before work is handed in (40)
def load_adjustments(ctx: DemoContext) -> None:
    assignment = _assignment(ctx)
    if ReasonableAdjustment.objects.filter(assignment=assignment).exists():
        return
    learner = Learner.objects.get(centre=ctx.centres["main"], first_name="Tariq",
                                  last_name="Mbeki")
    services.agree_adjustment(
        actor=User.objects.get(email="sport.lead@brookfield.example"), learner=learner,
        assignment=assignment, kind="extra_time", details="25% extra time for the written "
        "report", evidence="Assessed by the learning support team in Year 10; his usual way "
        "of working in class and exams.")


@register(order=62)
def load_special_consideration(ctx: DemoContext) -> None:
    assignment = _assignment(ctx)
    if SpecialConsideration.objects.filter(assignment=assignment).exists():
        return
    work = Submission.objects.filter(assignment=assignment, decisions__isnull=True).select_related(
        "learner").order_by("learner__centre_ref").first()
    if work is None:
        return
    assessor = User.objects.get(email="r.ng@brookfield.example")
    head = User.objects.get(email="head@brookfield.example")
    request = services.request_consideration(
        actor=assessor, learner=work.learner, assignment=assignment, kind="illness",
        assessed_on=ctx.today - timedelta(days=3),
        circumstances="Had flu during the supervised write-up session and finished the "
                      "report while unwell; the doctor's note is on the learner's file.")
    services.decide_consideration(actor=head, request=request, authorise=True,
                                  reasons="The note covers the week before the deadline.")
    services.record_learner_told(actor=assessor, request=request)
    services.record_sent(actor=head, request=request)
