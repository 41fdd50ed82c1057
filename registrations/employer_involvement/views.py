"""Employer involvement pages. Thin: selector (404 for the unseen) -> form -> service."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from qmr.errors import DomainError
from qmr.feedback import attempt
from qmr.history import entries
from qmr.selectors import current_year
from registrations import selectors as programme_selectors
from registrations.employer_involvement import forms, selectors, services
from registrations.employer_involvement.models import EmployerActivity, Participation

ORGANISERS = "Only the Programme Leader or the Quality Nominee may do this."


@login_required
def activity_list(request: HttpRequest) -> HttpResponse:
    programme, year = request.GET.get("programme", ""), request.GET.get("year", "")
    activities = list(selectors.activities_for_user(request.user, programme=programme,
                                                    year=year))
    for a in activities:
        a.retention = selectors.retention_text(a)
    return render(request, "registrations/employer_list.html", {
        "activities": activities,
        "programmes": selectors.readable_programmes(request.user),
        "organisable": selectors.organisable_programmes(request.user),
        "programme": programme, "year": year,
    })


@login_required
def activity_add(request: HttpRequest, pk: int) -> HttpResponse:
    programme = programme_selectors.get_programme_for_user(request.user, pk)
    if not services.may_organise(request.user, programme):
        raise PermissionDenied(ORGANISERS)
    year = current_year(programme.centre)
    form = forms.ActivityForm(request.POST if request.method == "POST" else None,
                              programme=programme)
    if request.method == "POST":
        activity = None

        def plan() -> None:
            nonlocal activity
            if year is None:
                raise DomainError("The centre has no academic year for today: add it first.")
            activity = services.plan_activity(actor=request.user, programme=programme,
                                              year=year, **form.cleaned_data)

        if form.is_valid() and attempt(request, plan, "The activity is in the plan."):
            return redirect("registrations:employer-detail", activity.pk)
    return render(request, "registrations/employer_form.html",
                  {"programme": programme, "year": year, "form": form},
                  status=400 if request.method == "POST" else 200)


def _context(request: HttpRequest, activity: EmployerActivity, **extra: object) -> dict:
    may_organise = services.may_organise(request.user, activity.programme)
    may_verify = (not activity.verified and services.may_verify(request.user, activity))
    participants = list(activity.participations.all())
    names = {p.pk: f"Participation of {p.learner}" for p in participants}
    history = (entries(EmployerActivity.history.filter(id=activity.pk))
               + entries(Participation.history.filter(activity_id=activity.pk),
                         lambda row: names.get(row.id, "Participation")))
    return {
        "activity": activity, "retention": selectors.retention_text(activity),
        "participants": participants,
        "took_part": sum(p.took_part for p in participants),
        "may_organise": may_organise,
        "participation_form": extra.get("participation_form") or (
            forms.ParticipationForm(learners=selectors.learners_of(activity.programme))
            if may_organise else None),
        "may_verify": may_verify,
        "organiser_is_me": activity.organised_by_id == request.user.pk,
        "verify_form": extra.get("verify_form") or (forms.VerifyForm() if may_verify
                                                    else None),
        "history": sorted(history, key=lambda e: e.when, reverse=True),
    }


@login_required
def activity_detail(request: HttpRequest, pk: int) -> HttpResponse:
    activity = selectors.get_activity_for_user(request.user, pk)
    return render(request, "registrations/employer_detail.html", _context(request, activity))


@login_required
@require_POST
def participation_record(request: HttpRequest, pk: int) -> HttpResponse:
    activity = selectors.get_activity_for_user(request.user, pk)
    if not services.may_organise(request.user, activity.programme):
        raise PermissionDenied(ORGANISERS)
    form = forms.ParticipationForm(request.POST,
                                   learners=selectors.learners_of(activity.programme))
    if form.is_valid() and attempt(request, lambda: services.record_participation(
            actor=request.user, activity=activity, **form.cleaned_data),
            "Participation recorded."):
        return redirect("registrations:employer-detail", activity.pk)
    return render(request, "registrations/employer_detail.html",
                  _context(request, activity, participation_form=form), status=400)


@login_required
@require_POST
def activity_verify(request: HttpRequest, pk: int) -> HttpResponse:
    activity = selectors.get_activity_for_user(request.user, pk)
    if not services.may_verify(request.user, activity):
        raise PermissionDenied("Only an internal verifier of this programme may verify it.")
    form = forms.VerifyForm(request.POST)
    if form.is_valid():
        attempt(request, lambda: services.verify_activity(
            actor=request.user, activity=activity, **form.cleaned_data),
            "The activity is verified.")
        return redirect("registrations:employer-detail", activity.pk)
    return render(request, "registrations/employer_detail.html",
                  _context(request, activity, verify_form=form), status=400)
