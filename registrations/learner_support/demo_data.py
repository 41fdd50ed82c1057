"""Learner support's part of the demo: Sport's learners inducted (two with items still to
cover), plans for most, and tutorial reviews this term, the demo learner's among them."""

from datetime import timedelta

from qmr.demo import DemoContext, register
from qmr.models import User
from registrations.learner_support import services
from registrations.learner_support.models import Induction, InductionItem
from registrations.models import Learner

TARGETS = ["Merit overall; hand every assignment in by its deadline.",
           "Distinction in the practical units; improve written evaluations.",
           "Pass every unit first time; attend the Thursday study session."]


@register(order=56)
def load_learner_support(ctx: DemoContext) -> None:
    tutor = User.objects.get(email="sport.lead@brookfield.example")
    learners = list(Learner.objects.filter(centre=ctx.centres["main"], programme__code="BSP3X1",
                                           cohort__academic_year__name=ctx.year_name)
                    .order_by("pk"))
    if Induction.objects.filter(learner__in=learners).exists():
        return
    start = learners[0].cohort.starts_on if learners else ctx.today
    for i, learner in enumerate(learners):
        covered = InductionItem.values if i % 12 else InductionItem.values[:3]
        services.record_induction(actor=tutor, learner=learner, covered=list(covered),
                                  held_on=min(start + timedelta(days=1), ctx.today))
        if i % 10 == 9:
            continue  # a few still without a plan or review
        services.agree_learning_plan(actor=tutor, learner=learner, targets=TARGETS[i % 3],
                                     support="Extra time in written tasks (assessed need)."
                                     if i % 7 == 0 else "", agreed_on=min(
                                         start + timedelta(days=14), ctx.today))
        services.record_tutorial_review(
            actor=tutor, learner=learner, held_on=ctx.today - timedelta(days=3 + i % 10),
            progress="On track in Unit 1; Unit 2 draft handed in on time." if i % 4 else
            "Behind on Unit 2: missed two sessions, catching up with the study group.",
            targets="Finish the Unit 2 evaluation by the end of the month.")
