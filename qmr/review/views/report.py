"""The reviewer's report (judgements per objective, Essential Actions and Recommendations,
submission) and each action followed to closure by the centre."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path
from django.views.decorators.http import require_POST

from qmr import permissions
from qmr.feedback import attempt, attempt_form, download
from qmr.framework.models import Objective
from qmr.meetings.selectors import staff_of
from qmr.review import selectors, services
from qmr.review.forms import ActionForm, CloseForm, JudgementForm, OwnerForm
from qmr.review.models import ReviewAction, ReviewCycle
from qmr.roles import PREPARE_REVIEW


def _objectives(cycle: ReviewCycle) -> QuerySet[Objective]:
    return Objective.objects.filter(version=cycle.definition.version_id).order_by("number")


def _require_writer(request: HttpRequest, cycle: ReviewCycle) -> None:
    if not services.is_allocated_reviewer(request.user, cycle):
        raise PermissionDenied("Only the allocated reviewer writes the report.")


@login_required
def report(request: HttpRequest, pk: int) -> HttpResponse:
    cycle = selectors.cycle_page(selectors.get_cycle_for_user(request.user, pk))
    visit = getattr(cycle, "visit", None)
    writer = (visit is not None and not visit.report_submitted
              and request.user.pk == visit.reviewer.person_id)
    judged = {j.objective_id: j for j in cycle.judgements.all()}
    rows = [{"objective": o, "judgement": judged.get(o.pk),
             "form": JudgementForm(prefix=f"o{o.number}", initial={
                 "verdict": judged[o.pk].verdict, "comments": judged[o.pk].comments}
                 if o.pk in judged else None)} for o in _objectives(cycle)]
    return render(request, "review/report.html", {
        "cycle": cycle, "visit": visit, "writer": writer, "rows": rows,
        "actions": list(cycle.actions.all()),
        "action_form": ActionForm(objectives=_objectives(cycle)) if writer else None,
        "recommendations": list(cycle.block_recommendations.all())})


@login_required
@require_POST
def judgement_save(request: HttpRequest, pk: int, number: int) -> HttpResponse:
    cycle = selectors.get_cycle_for_user(request.user, pk)
    _require_writer(request, cycle)
    objective = _objectives(cycle).filter(number=number).first()
    if objective is None:
        raise Http404("No such objective.")
    form = JudgementForm(request.POST, prefix=f"o{number}")
    if not form.is_valid():
        messages.error(request, f"{objective.code}: choose a judgement.")
    else:
        attempt(request, lambda: services.record_judgement(
            actor=request.user, cycle=cycle, objective=objective,
            verdict=form.cleaned_data["verdict"], comments=form.cleaned_data["comments"]),
            f"Judgement on {objective.code} saved.")
    response = redirect("review:report", cycle.pk)
    response["Location"] += f"#{objective.anchor}"
    return response


@login_required
@require_POST
def action_add(request: HttpRequest, pk: int) -> HttpResponse:
    cycle = selectors.get_cycle_for_user(request.user, pk)
    _require_writer(request, cycle)
    kind = request.POST.get("kind", "")
    label = ReviewAction.Kind(kind).label if kind in ReviewAction.Kind.values else "Action"
    attempt_form(request, ActionForm(request.POST, objectives=_objectives(cycle)),
                 lambda data: services.add_review_action(actor=request.user, cycle=cycle,
                                                         **data),
                 f"{label} added.")
    response = redirect("review:report", cycle.pk)
    response["Location"] += "#actions-h"
    return response


@login_required
@require_POST
def action_remove(request: HttpRequest, pk: int) -> HttpResponse:
    action = selectors.get_action_for_user(request.user, pk)
    attempt(request, lambda: services.remove_review_action(actor=request.user, action=action),
            "Action removed.")
    return redirect("review:report", action.cycle_id)


@login_required
@require_POST
def report_submit(request: HttpRequest, pk: int) -> HttpResponse:
    cycle = selectors.get_cycle_for_user(request.user, pk)
    attempt(request, lambda: services.submit_report(actor=request.user, cycle=cycle),
            "The report is submitted. The centre sees its judgements and actions.")
    return redirect("review:report", cycle.pk)


@login_required
def action_detail(request: HttpRequest, pk: int) -> HttpResponse:
    action = selectors.get_action_for_user(request.user, pk)
    preparer = permissions.can(request.user, PREPARE_REVIEW, action)
    return render(request, "review/action_detail.html", {
        "action": action, "cycle": action.cycle,
        "may_assign": preparer and action.is_open and action.cycle.visit.report_submitted,
        "may_close": action.is_open and action.cycle.visit.report_submitted
        and services.may_close(request.user, action),
        "owner_form": OwnerForm(people=staff_of(action.cycle.centre),
                                initial={"owner": action.owner_id}) if preparer else None,
        "close_form": CloseForm()})


@login_required
@require_POST
def action_assign(request: HttpRequest, pk: int) -> HttpResponse:
    action = selectors.get_action_for_user(request.user, pk)
    if not permissions.can(request.user, PREPARE_REVIEW, action):
        raise PermissionDenied("Only the Quality Nominee names an action's owner.")
    attempt_form(request, OwnerForm(request.POST, people=staff_of(action.cycle.centre)),
                 lambda data: services.assign_owner(actor=request.user, action=action, **data),
                 "Owner recorded.")
    return redirect("review:action", action.pk)


@login_required
@require_POST
def action_close(request: HttpRequest, pk: int) -> HttpResponse:
    action = selectors.get_action_for_user(request.user, pk)
    if not services.may_close(request.user, action):
        raise PermissionDenied("Only the action's owner or the Quality Nominee closes it.")
    attempt_form(request, CloseForm(request.POST, request.FILES),
                 lambda data: services.close_review_action(actor=request.user, action=action,
                                                           **data),
                 "Action closed with its evidence.")
    return redirect("review:action", action.pk)


@login_required
def action_file(request: HttpRequest, pk: int) -> FileResponse:
    action = selectors.get_action_for_user(request.user, pk)
    if not action.closure_file:
        raise Http404("This action has no evidence file.")
    return download(action.closure_file)


urlpatterns = [
    path("cycles/<int:pk>/report/", report, name="report"),
    path("cycles/<int:pk>/report/objectives/<int:number>/", judgement_save,
         name="judgement-save"),
    path("cycles/<int:pk>/report/actions/add/", action_add, name="action-add"),
    path("cycles/<int:pk>/report/submit/", report_submit, name="report-submit"),
    path("actions/<int:pk>/", action_detail, name="action"),
    path("actions/<int:pk>/remove/", action_remove, name="action-remove"),
    path("actions/<int:pk>/owner/", action_assign, name="action-assign"),
    path("actions/<int:pk>/close/", action_close, name="action-close"),
    path("actions/<int:pk>/file/", action_file, name="action-file"),
]
