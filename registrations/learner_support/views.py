"""Learner support pages: a cohort's overview, one learner's record, and the learner's own."""

from collections.abc import Callable
from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from qmr.feedback import attempt
from qmr.history import entries
from registrations.learner_support import forms, selectors, services
from registrations.learner_support.models import Induction, LearningPlan, TutorialReview


@login_required
def cohort_support(request: HttpRequest, pk: int) -> HttpResponse:
    cohort = selectors.get_cohort_for_support(request.user, pk)
    sort, missing = request.GET.get("sort", "name"), request.GET.get("missing", "")
    return render(request, "registrations/support_cohort.html", {
        "cohort": cohort, "sort": sort, "missing": missing,
        "learners": selectors.cohort_support(cohort, sort=sort, missing=missing),
    })


def _context(request: HttpRequest, learner: Any, **bound: Any) -> dict:
    induction = getattr(learner, "induction", None)
    plan = getattr(learner, "plan", None)
    # Named without the learner, so no history row fetches its learner again.
    history = entries(Induction.history.filter(learner_id=learner.pk), lambda r: "Induction")
    history += entries(LearningPlan.history.filter(learner_id=learner.pk),
                       lambda r: "Learning plan")
    history += entries(TutorialReview.history.filter(learner_id=learner.pk),
                       lambda r: f"Tutorial review of {r.held_on:%d %b %Y}")
    history.sort(key=lambda e: e.when, reverse=True)
    may_record = services.may_record(request.user, learner)
    return {
        "learner": learner, "induction": induction, "plan": plan, "may_record": may_record,
        "history": history,
        "induction_form": bound.get("induction_form") or forms.InductionForm(initial={
            "covered": induction.covered if induction else [],
            "held_on": induction.held_on if induction else None}),
        "plan_form": bound.get("plan_form") or forms.LearningPlanForm(initial={
            "targets": plan.targets if plan else "", "support": plan.support if plan else "",
            "agreed_on": plan.agreed_on if plan else None}),
        "tutorial_form": bound.get("tutorial_form") or forms.TutorialReviewForm(),
    }


@login_required
def learner_support(request: HttpRequest, pk: int) -> HttpResponse:
    learner = selectors.get_learner_support_for_user(request.user, pk)
    return render(request, "registrations/support_learner.html", _context(request, learner))


@login_required
def my_support(request: HttpRequest) -> HttpResponse:
    learner = selectors.own_support(request.user)
    return render(request, "registrations/support_learner.html",
                  {**_context(request, learner), "own": True, "may_record": False})


def _post(request: HttpRequest, pk: int, form_class: type, key: str,
          step: Callable[[Any, dict], Any], done: str) -> HttpResponse:
    """Shared shape of the three forms: 404 unseen, 403 unable, then form -> service."""
    learner = selectors.get_learner_support_for_user(request.user, pk)
    if not services.may_record(request.user, learner):
        raise PermissionDenied("Only the learner's programme team can record their support.")
    form = form_class(request.POST)
    if form.is_valid() and attempt(request, lambda: step(learner, form.cleaned_data), done):
        return redirect("registrations:learner-support", learner.pk)
    return render(request, "registrations/support_learner.html",
                  _context(request, learner, **{key: form}), status=400)


@login_required
@require_POST
def induction_record(request: HttpRequest, pk: int) -> HttpResponse:
    return _post(request, pk, forms.InductionForm, "induction_form",
                 lambda lr, d: services.record_induction(actor=request.user, learner=lr, **d),
                 "The induction was recorded.")


@login_required
@require_POST
def plan_agree(request: HttpRequest, pk: int) -> HttpResponse:
    return _post(request, pk, forms.LearningPlanForm, "plan_form",
                 lambda lr, d: services.agree_learning_plan(actor=request.user, learner=lr, **d),
                 "The learning plan was saved.")


@login_required
@require_POST
def tutorial_add(request: HttpRequest, pk: int) -> HttpResponse:
    return _post(request, pk, forms.TutorialReviewForm, "tutorial_form",
                 lambda lr, d: services.record_tutorial_review(actor=request.user, learner=lr,
                                                               **d),
                 "The tutorial review was recorded.")
