"""Reasonable adjustments and special consideration pages: the programmes list, a programme's
adjustments and requests with the forms to add them, and a request's page."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from appeals.adjustments import forms, selectors, services
from qmr import permissions
from qmr.feedback import attempt
from qmr.forms import describe_errors
from qmr.roles import AUTHORISE_SPECIAL_CONSIDERATION


@login_required
def adjustments(request: HttpRequest) -> HttpResponse:
    programmes = selectors.programmes_for(request.user)
    if not programmes:
        raise Http404("No programmes for you here.")
    return render(request, "appeals/adjustments.html", {"programmes": programmes})


@login_required
def programme_adjustments(request: HttpRequest, pk: int) -> HttpResponse:
    programme = selectors.get_programme_for_user(request.user, pk)
    adjustment_form = forms.AdjustmentForm(programme=programme)
    consideration_form = forms.ConsiderationForm(programme=programme)
    if request.method == "POST":
        if request.POST.get("form") == "adjustment":
            adjustment_form = forms.AdjustmentForm(request.POST, programme=programme)
            if adjustment_form.is_valid() and attempt(
                    request, lambda: services.agree_adjustment(
                        actor=request.user, **adjustment_form.cleaned_data),
                    "Adjustment recorded. The assessor and the IV see it with the work."):
                return redirect("appeals:programme-adjustments", programme.pk)
        else:
            consideration_form = forms.ConsiderationForm(request.POST, request.FILES,
                                                         programme=programme)
            if consideration_form.is_valid() and attempt(
                    request, lambda: services.request_consideration(
                        actor=request.user, **consideration_form.cleaned_data),
                    "Request recorded. The Head of Centre decides it."):
                return redirect("appeals:programme-adjustments", programme.pk)
    return render(request, "appeals/programme_adjustments.html", {
        "programme": programme, **selectors.programme_page(programme),
        "adjustment_form": adjustment_form, "consideration_form": consideration_form,
        "may_record": not permissions.reads_only(request.user, programme)})


@login_required
def consideration_detail(request: HttpRequest, pk: int) -> HttpResponse:
    item = selectors.get_consideration_for_user(request.user, pk)
    return render(request, "appeals/consideration_detail.html", {
        "item": item, "decide_form": forms.DecideForm(),
        "told_form": forms.DateForm(prefix="told"), "sent_form": forms.DateForm(prefix="sent"),
        "may_decide": permissions.can(request.user, AUTHORISE_SPECIAL_CONSIDERATION,
                                      item.centre)})


@login_required
def consideration_evidence(request: HttpRequest, pk: int) -> FileResponse:
    item = selectors.get_consideration_for_user(request.user, pk)
    if not item.evidence:
        raise Http404("No evidence file.")
    return FileResponse(item.evidence.open("rb"), as_attachment=True)


def _step(request: HttpRequest, pk: int, form, step, done: str) -> HttpResponse:
    item = selectors.get_consideration_for_user(request.user, pk)
    if not form.is_valid():
        messages.error(request, describe_errors(form))
    else:
        attempt(request, lambda: step(item, form.cleaned_data), done)
    return redirect("appeals:consideration-detail", item.pk)


@login_required
@require_POST
def consideration_decide(request: HttpRequest, pk: int) -> HttpResponse:
    item = selectors.get_consideration_for_user(request.user, pk)
    if not permissions.can(request.user, AUTHORISE_SPECIAL_CONSIDERATION, item.centre):
        raise PermissionDenied("Only the Head of Centre authorises special consideration.")
    return _step(request, pk, forms.DecideForm(request.POST),
                 lambda item, data: services.decide_consideration(
                     actor=request.user, request=item,
                     authorise=data["decision"] == "authorise", reasons=data["reasons"]),
                 "Decision recorded. Tell the learner, and record it here.")


@login_required
@require_POST
def consideration_told(request: HttpRequest, pk: int) -> HttpResponse:
    return _step(request, pk, forms.DateForm(request.POST, prefix="told"),
                 lambda item, data: services.record_learner_told(
                     actor=request.user, request=item, on=data["on"]),
                 "Recorded: the learner was told.")


@login_required
@require_POST
def consideration_sent(request: HttpRequest, pk: int) -> HttpResponse:
    return _step(request, pk, forms.DateForm(request.POST, prefix="sent"),
                 lambda item, data: services.record_sent(
                     actor=request.user, request=item, on=data["on"]),
                 "Recorded as sent to the awarding body.")
