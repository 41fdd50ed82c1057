"""Recording a learner's induction, learning plan and tutorial reviews. The programme's team
(its leader, assessors and verifiers: the tutors) records them; the centre's senior roles and
the Exams Officer read them; each step keeps history with who did it."""

from datetime import date

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from qmr import permissions
from qmr.audit import acting_as, record_event, save_changes
from qmr.errors import DomainError
from qmr.models import User
from qmr.roles import ASSESS, LEAD_VERIFY, SIGN_CLASS_LIST, VERIFY
from registrations.learner_support.models import (
    Induction,
    InductionItem,
    LearningPlan,
    TutorialReview,
)
from registrations.models import Learner

TEAM = (SIGN_CLASS_LIST, ASSESS, VERIFY, LEAD_VERIFY)


def may_record(user: User, learner: Learner) -> bool:
    return any(permissions.can(user, perm, learner.programme) for perm in TEAM)


def _require(actor: User, learner: Learner) -> None:
    if not may_record(actor, learner):
        raise PermissionDenied("Only the learner's programme team can record their support.")


def _not_future(day: date, what: str) -> None:
    if day > timezone.localdate():
        raise DomainError(f"The {what} cannot be in the future: give the day it happened.")


@transaction.atomic
def record_induction(*, actor: User, learner: Learner, covered: list[str],
                     held_on: date) -> Induction:
    """Record (or add to) what the learner's induction covered."""
    _require(actor, learner)
    _not_future(held_on, "induction date")
    unknown = set(covered) - set(InductionItem.values)
    if unknown or not covered:
        raise DomainError("Tick what the induction covered: at least one of the listed items.")
    existing = Induction.objects.select_for_update().filter(learner=learner).first()
    ordered = [i for i in InductionItem.values if i in covered]
    if existing is None:
        with acting_as(actor):
            induction = Induction.objects.create(learner=learner, covered=ordered,
                                                 held_on=held_on, recorded_by=actor)
    else:
        induction = existing
        save_changes(induction, {"covered": ordered, "held_on": held_on,
                                 "recorded_by": actor}, actor)
    record_event(induction, "registrations.induction.recorded", actor=actor,
                 centre=learner.centre, summary=f"{induction}: {len(ordered)} of "
                 f"{len(InductionItem.values)} items covered")
    return induction


@transaction.atomic
def agree_learning_plan(*, actor: User, learner: Learner, targets: str, support: str,
                        agreed_on: date) -> LearningPlan:
    """Agree (or revise) the learner's individual learning plan; history keeps each version."""
    _require(actor, learner)
    _not_future(agreed_on, "date the plan was agreed")
    if not targets.strip():
        raise DomainError("Write the learner's targets: a plan without targets is no plan.")
    fields = {"targets": targets.strip(), "support": support.strip(), "agreed_on": agreed_on,
              "agreed_by": actor}
    plan = LearningPlan.objects.select_for_update().filter(learner=learner).first()
    if plan is None:
        with acting_as(actor):
            plan = LearningPlan.objects.create(learner=learner, **fields)
    else:
        save_changes(plan, fields, actor)
    record_event(plan, "registrations.learning_plan.agreed", actor=actor,
                 centre=learner.centre, summary=f"{plan} agreed on {agreed_on:%d %b %Y}")
    return plan


@transaction.atomic
def record_tutorial_review(*, actor: User, learner: Learner, held_on: date, progress: str,
                           targets: str) -> TutorialReview:
    """Record a tutorial review held with the learner, with the targets agreed."""
    _require(actor, learner)
    _not_future(held_on, "tutorial date")
    if not progress.strip() or not targets.strip():
        raise DomainError("Say how the learner is getting on and what targets were agreed.")
    with acting_as(actor):
        review = TutorialReview.objects.create(learner=learner, held_on=held_on, tutor=actor,
                                               progress=progress.strip(),
                                               targets=targets.strip())
    record_event(review, "registrations.tutorial_review.recorded", actor=actor,
                 centre=learner.centre, summary=str(review))
    return review
