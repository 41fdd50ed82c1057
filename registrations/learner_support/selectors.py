"""Read queries for learner support: the programme team (and the Exams Officer) read its
learners'; a learner reads their own; nobody else."""

from typing import Any

from django.db.models import Count, Max, Prefetch, QuerySet
from django.http import Http404

from qmr import permissions
from qmr.roles import MANAGE_REGISTRATIONS, VIEW_RECORDS
from registrations.learner_support.models import TutorialReview
from registrations.models import Cohort, Learner
from registrations.selectors import _readable

# Who reads a learner's support: the programme's team and, for the registration side of
# their work, the Exams Officer (as for the rest of the learner's record).
READERS = (VIEW_RECORDS, MANAGE_REGISTRATIONS)

SORTS = {"name": ("last_name", "first_name"), "tutorial": ("last_tutorial", "last_name"),
         "-tutorial": ("-last_tutorial", "last_name")}


def _support(qs: QuerySet[Learner]) -> QuerySet[Learner]:
    return qs.select_related("induction", "plan", "plan__agreed_by", "programme").prefetch_related(
        Prefetch("tutorial_reviews", queryset=TutorialReview.objects.select_related("tutor")))


def get_learner_support_for_user(user: Any, pk: int) -> Learner:
    """A learner with their support records: the programme team, or the learner themself."""
    learner = _support(Learner.objects.filter(pk=pk)).first()
    if learner is None or not (learner.user_id == user.pk or any(
            permissions.can(user, perm, learner.programme) for perm in READERS)):
        raise Http404("No such learner.")
    return learner


def own_support(user: Any) -> Learner:
    learner = _support(Learner.objects.filter(user=user)).first()
    if learner is None:
        raise Http404("You have no learner record.")
    return learner


def get_cohort_for_support(user: Any, pk: int) -> Cohort:
    cohort = _readable(user, Cohort.objects.select_related(
        "programme", "academic_year")).filter(pk=pk).first()
    if cohort is None:
        raise Http404("No such cohort.")
    return cohort


def cohort_support(cohort: Cohort, *, sort: str = "name", missing: str = "") -> list[Learner]:
    """Each learner of the cohort with where their support stands (one query)."""
    qs = cohort.learners.select_related("induction", "plan").annotate(
        tutorials=Count("tutorial_reviews"), last_tutorial=Max("tutorial_reviews__held_on"))
    if missing == "induction":
        qs = qs.filter(induction__isnull=True)
    elif missing == "plan":
        qs = qs.filter(plan__isnull=True)
    elif missing == "tutorial":
        qs = qs.filter(tutorial_reviews__isnull=True)
    return list(qs.order_by(*SORTS.get(sort, SORTS["name"])))
