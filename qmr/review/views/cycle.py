"""The cycle's overview: its stages, the reviewer and the visit, the documents, the report,
the actions, the progress update and any block recommendation. Access -> form -> service."""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.views.decorators.http import require_POST

from qmr import permissions
from qmr.feedback import attempt, attempt_form
from qmr.forms import describe_errors
from qmr.framework.models import FrameworkVersion
from qmr.models import Appointment, Centre
from qmr.review import access, selectors, services, stages
from qmr.review.forms import AllocateForm, NotesForm, OpenCycleForm, TextForm, VisitForm
from qmr.review.models import ReviewCycle
from qmr.roles import PREPARE_REVIEW, SIGN_DECLARATION, Role


def _open_form(centre: Centre, data: Any = None) -> OpenCycleForm:
    taken = centre.review_cycles.values("academic_year_id")
    return OpenCycleForm(data, years=centre.academic_years.exclude(pk__in=taken),
                         versions=FrameworkVersion.objects.filter(
                             status=FrameworkVersion.Status.PUBLISHED, cycle__isnull=False))


@login_required
def review_home(request: HttpRequest) -> HttpResponse:
    """The menu's link: the first centre whose review this person reads."""
    centre = access.first_centre(request.user, access.PACK_READERS)
    if centre is None:
        raise Http404("You take part in no centre's review.")
    return redirect("review:centre", centre.pk)


@login_required
def centre_reviews(request: HttpRequest, centre_id: int) -> HttpResponse:
    """The centre's reviews: the current one first, then earlier years."""
    centre = access.get_centre(request.user, centre_id)
    current = selectors.current_cycle(centre)
    if current is not None and request.GET.get("all") != "1":
        return redirect("review:cycle", current.pk)
    may_open = permissions.can(request.user, PREPARE_REVIEW, centre)
    return render(request, "review/centre_reviews.html", {
        "centre": centre, "cycles": selectors.cycles_of(centre), "may_open": may_open,
        "form": _open_form(centre) if may_open else None})


@login_required
@require_POST
def cycle_open(request: HttpRequest, centre_id: int) -> HttpResponse:
    centre = access.get_centre(request.user, centre_id)
    permissions.require(request.user, PREPARE_REVIEW, centre)
    form = _open_form(centre, request.POST)
    if not form.is_valid():
        messages.error(request, describe_errors(form))
        return redirect(reverse("review:centre", args=[centre.pk]) + "?all=1")
    done = attempt(request, lambda: services.open_cycle(
        actor=request.user, centre=centre, academic_year=form.cleaned_data["academic_year"],
        version=form.cleaned_data["version"]), "The review is open.")
    cycle = selectors.current_cycle(centre) if done else None
    return redirect("review:cycle", cycle.pk) if cycle else redirect("review:centre", centre.pk)


def _reviewers(cycle: ReviewCycle) -> QuerySet[Appointment]:
    return Appointment.objects.active().filter(
        centre=cycle.centre, role=Role.QUALITY_REVIEWER).select_related("person")


@login_required
def cycle_detail(request: HttpRequest, pk: int) -> HttpResponse:
    cycle = selectors.get_cycle_for_user(request.user, pk)
    cycle = selectors.cycle_page(cycle)
    user = request.user
    preparer = permissions.can(user, PREPARE_REVIEW, cycle)
    visit = getattr(cycle, "visit", None)
    documents = list(cycle.documents.all())
    if not access.centre_side(user, cycle.centre):
        documents = [d for d in documents if d.is_locked]
    return render(request, "review/cycle_detail.html", {
        "cycle": cycle, "visit": visit, "stages": stages.progress(cycle),
        "documents": documents, "preparer": preparer,
        "head": permissions.can(user, SIGN_DECLARATION, cycle),
        "reviewer": visit is not None and user.pk == visit.reviewer.person_id,
        "may_arrange": visit is not None and services.may_arrange_visit(user, visit),
        "allocate_form": AllocateForm(reviewers=_reviewers(cycle)) if preparer else None,
        "progress_form": TextForm(), "decline_form": NotesForm(),
        "essentials": [a for a in cycle.actions.all() if a.kind == "essential"],
        "recommendations": [a for a in cycle.actions.all() if a.kind == "recommendation"],
        "judgements": list(cycle.judgements.all()),
    })


@login_required
@require_POST
def allocate(request: HttpRequest, pk: int) -> HttpResponse:
    cycle = selectors.get_cycle_for_user(request.user, pk)
    permissions.require(request.user, PREPARE_REVIEW, cycle)
    attempt_form(request, AllocateForm(request.POST, reviewers=_reviewers(cycle)),
                 lambda data: services.allocate_reviewer(actor=request.user, cycle=cycle,
                                                         reviewer=data["reviewer"]),
                 "The reviewer is recorded.")
    return redirect("review:cycle", cycle.pk)


@login_required
def visit_edit(request: HttpRequest, pk: int) -> HttpResponse:
    cycle = selectors.get_cycle_for_user(request.user, pk)
    visit = getattr(cycle, "visit", None)
    if visit is None:
        raise Http404("No reviewer is allocated yet.")
    if not services.may_arrange_visit(request.user, visit):
        raise PermissionDenied("Only the Quality Nominee or the allocated reviewer "
                                           "arranges the visit.")
    has_visit = cycle.definition.has_visit
    form = VisitForm(request.POST or None, has_visit=has_visit, initial={
        "mode": visit.mode, "held_on": visit.held_on, "agenda": visit.agenda,
        "wants_to_meet": visit.wants_to_meet})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if attempt(request, lambda: services.arrange_visit(
                actor=request.user, visit=visit, held_on=data["held_on"], mode=data["mode"],
                agenda=data["agenda"], wants_to_meet=data["wants_to_meet"]),
                "The visit is arranged."):
            return redirect("review:cycle", cycle.pk)
    return render(request, "review/visit_form.html", {"cycle": cycle, "visit": visit,
                                                      "form": form})


@login_required
@require_POST
def progress_send(request: HttpRequest, pk: int) -> HttpResponse:
    cycle = selectors.get_cycle_for_user(request.user, pk)
    permissions.require(request.user, PREPARE_REVIEW, cycle)
    attempt_form(request, TextForm(request.POST),
                 lambda data: services.send_progress_update(actor=request.user, cycle=cycle,
                                                            text=data["text"]),
                 "The progress update is sent to the reviewer.")
    return redirect("review:cycle", cycle.pk)


@login_required
@require_POST
def block_confirm(request: HttpRequest, pk: int) -> HttpResponse:
    rec = selectors.get_recommendation(request.user, pk)
    attempt(request, lambda: services.confirm_block(actor=request.user, recommendation=rec),
            "The certification block is recorded: claims are refused until it is released.")
    return redirect("review:cycle", rec.cycle_id)


@login_required
@require_POST
def block_decline(request: HttpRequest, pk: int) -> HttpResponse:
    rec = selectors.get_recommendation(request.user, pk)
    permissions.require(request.user, SIGN_DECLARATION, rec)
    attempt_form(request, NotesForm(request.POST),
                 lambda data: services.decline_block(actor=request.user, recommendation=rec,
                                                     notes=data["notes"]),
                 "Recorded: the block was not confirmed.")
    return redirect("review:cycle", rec.cycle_id)


urlpatterns = [
    path("", review_home, name="home"),
    path("centres/<int:centre_id>/", centre_reviews, name="centre"),
    path("centres/<int:centre_id>/open/", cycle_open, name="cycle-open"),
    path("cycles/<int:pk>/", cycle_detail, name="cycle"),
    path("cycles/<int:pk>/allocate/", allocate, name="allocate"),
    path("cycles/<int:pk>/visit/", visit_edit, name="visit"),
    path("cycles/<int:pk>/progress-update/", progress_send, name="progress-send"),
    path("block-recommendations/<int:pk>/confirm/", block_confirm, name="block-confirm"),
    path("block-recommendations/<int:pk>/decline/", block_decline, name="block-decline"),
]
