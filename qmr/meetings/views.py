"""Meetings and actions pages: access -> form -> service -> redirect."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from qmr.feedback import attempt
from qmr.forms import describe_errors
from qmr.history import entries
from qmr.meetings import actions
from qmr.meetings.forms import CloseActionForm
from qmr.meetings.models import Action


@login_required
def action_detail(request: HttpRequest, pk: int) -> HttpResponse:
    action = actions.get_action_for_user(request.user, pk)
    return render(request, "meetings/action_detail.html", {
        "action": action, "may_close": action.is_open and actions.may_close(request.user, action),
        "form": CloseActionForm(),
        "history": entries(Action.history.filter(id=action.pk), lambda r: "Action")})


@login_required
@require_POST
def action_close(request: HttpRequest, pk: int) -> HttpResponse:
    action = actions.get_action_for_user(request.user, pk)
    form = CloseActionForm(request.POST, request.FILES)
    if not form.is_valid():
        messages.error(request, describe_errors(form))
        return redirect("meetings:action-detail", action.pk)
    attempt(request, lambda: actions.close_action(
        actor=request.user, action=action, evidence=form.cleaned_data["evidence"],
        file=form.cleaned_data["file"]), "Action closed with its evidence.")
    return redirect("meetings:action-detail", action.pk)


@login_required
def action_file(request: HttpRequest, pk: int) -> FileResponse:
    action = actions.get_action_for_user(request.user, pk)
    if not action.closure_file:
        raise Http404("This action has no evidence file.")
    return FileResponse(action.closure_file.open("rb"), as_attachment=True,
                        filename=action.closure_file.name.rsplit("/", 1)[-1])
