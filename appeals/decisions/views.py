"""Appeal pages: the learner's appeals and the results they can still appeal, lodging one, the
appeal's page (its stages, the decision form for whoever decides the current stage, and the
learner's choice after an outcome), and the appeals log."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from appeals.decisions import documents, forms, selectors, services
from appeals.decisions.models import ResultInDoubt, Stage
from qmr import permissions
from qmr.errors import DomainError
from qmr.feedback import attempt
from qmr.forms import describe_errors
from qmr.jobs import services as jobs
from qmr.roles import VIEW_QUALITY_RECORDS
from qmr.selectors import current_year


@login_required
def my_appeals(request: HttpRequest) -> HttpResponse:
    return render(request, "appeals/my_appeals.html", selectors.my_appeals(request.user))


@login_required
def lodge(request: HttpRequest, decision_pk: int) -> HttpResponse:
    decision = selectors.get_decision_to_appeal(request.user, decision_pk)
    form = forms.LodgeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        appeal = []
        if attempt(request, lambda: appeal.append(services.lodge_appeal(
                actor=request.user, decision=decision, grounds=form.cleaned_data["grounds"])),
                "Appeal lodged. The assessor hears it first, within the time limit shown."):
            return redirect("appeals:appeal-detail", appeal[0].pk)
    try:
        last_day = services.lodge_deadline(decision)
    except DomainError as e:  # the centre's term dates do not reach that far
        last_day = None
        messages.error(request, str(e))
    return render(request, "appeals/lodge.html", {
        "decision": decision, "form": form, "last_day": last_day,
        "results": decision.results.select_related("criterion").order_by("criterion__unit_id",
                                                                         "criterion_id")})


@login_required
def appeal_detail(request: HttpRequest, pk: int) -> HttpResponse:
    appeal = selectors.get_appeal_for_user(request.user, pk)
    detail = selectors.appeal_detail(appeal)
    current = detail["current"]
    may_decide = appeal.is_open and current is not None and not current.is_decided and \
        services.may_decide(request.user, current)
    return render(request, "appeals/appeal_detail.html", {
        "appeal": appeal, **detail, "may_decide": may_decide,
        "may_answer": appeal.is_open and current is not None and current.is_decided
        and services.may_escalate(request.user, appeal),
        "decide_form": forms.StageDecisionForm(results=detail["results"]) if may_decide
        else None,
        "send_form": forms.SendForm() if may_decide and current.number == Stage.AWARDING_BODY
        and not current.submitted_on else None,
        "resolve_form": forms.ResolveForm(),
        "may_resolve": {d.pk for d in detail["doubts"]
                        if not d.resolved_at and services.may_resolve(request.user, d)},
        "is_learner": appeal.learner.user_id == request.user.pk,
        "history": selectors.appeal_history(appeal)})


def _stage(request: HttpRequest, pk: int):
    from appeals.decisions.models import AppealStage

    stage = AppealStage.objects.filter(pk=pk).first()
    if stage is None:
        raise Http404("No such appeal stage.")
    selectors.get_appeal_for_user(request.user, stage.appeal_id)  # 404 unless readable
    return stage


@login_required
@require_POST
def stage_decide(request: HttpRequest, pk: int) -> HttpResponse:
    stage = _stage(request, pk)
    services.require_decider(request.user, stage)
    results = selectors.appeal_detail(stage.appeal)["results"]
    form = forms.StageDecisionForm(request.POST, results=results)
    if not form.is_valid():
        messages.error(request, describe_errors(form))
    else:
        data = form.cleaned_data
        attempt(request, lambda: services.decide_stage(
            actor=request.user, stage=stage, outcome=data["outcome"], reasons=data["reasons"],
            results=form.corrected_results(), feedback=data["feedback"],
            others_in_doubt=data["others_in_doubt"]),
            "Outcome recorded. The learner is told it by e-mail.")
    return redirect("appeals:appeal-detail", stage.appeal_id)


@login_required
@require_POST
def stage_send(request: HttpRequest, pk: int) -> HttpResponse:
    stage = _stage(request, pk)
    services.require_decider(request.user, stage)
    form = forms.SendForm(request.POST)
    if not form.is_valid():
        messages.error(request, describe_errors(form))
    else:
        attempt(request, lambda: services.send_to_awarding_body(
            actor=request.user, stage=stage, sent_on=form.cleaned_data["sent_on"],
            reference=form.cleaned_data["reference"]),
            "Recorded as sent to the awarding body. Record its answer here when it comes.")
    return redirect("appeals:appeal-detail", stage.appeal_id)


@login_required
@require_POST
def appeal_further(request: HttpRequest, pk: int) -> HttpResponse:
    appeal = selectors.get_appeal_for_user(request.user, pk)
    attempt(request, lambda: services.take_further(actor=request.user, appeal=appeal),
            "Taken to the next stage.")
    return redirect("appeals:appeal-detail", appeal.pk)


@login_required
@require_POST
def appeal_accept(request: HttpRequest, pk: int) -> HttpResponse:
    appeal = selectors.get_appeal_for_user(request.user, pk)
    attempt(request, lambda: services.accept_outcome(actor=request.user, appeal=appeal),
            "Outcome accepted. The appeal is closed.")
    return redirect("appeals:appeal-detail", appeal.pk)


@login_required
@require_POST
def doubt_resolve(request: HttpRequest, pk: int) -> HttpResponse:
    doubt = ResultInDoubt.objects.select_related("raised_by").filter(pk=pk).first()
    if doubt is None:
        raise Http404("No such result in doubt.")
    selectors.get_appeal_for_user(request.user, doubt.raised_by.appeal_id)
    if not services.may_resolve(request.user, doubt):
        raise PermissionDenied("The assessor or the Lead IV reviews a result in doubt.")
    form = forms.ResolveForm(request.POST)
    if not form.is_valid():
        messages.error(request, describe_errors(form))
    else:
        attempt(request, lambda: services.resolve_doubt(
            actor=request.user, doubt=doubt, resolution=form.cleaned_data["resolution"]),
            "Reviewed. The result can be claimed again.")
    return redirect("appeals:appeal-detail", doubt.raised_by.appeal_id)


@login_required
def appeals_log(request: HttpRequest) -> HttpResponse:
    centres = selectors.log_centres(request.user)
    if not centres:
        raise Http404("No appeals log for you.")
    centre = next((c for c in centres if str(c.pk) == request.GET.get("centre")), centres[0])
    years = list(centre.academic_years.order_by("-starts_on"))
    year = next((y for y in years if str(y.pk) == request.GET.get("year")), None) or \
        current_year(centre) or (years[0] if years else None)
    return render(request, "appeals/log.html", {
        "centre": centre, "centres": centres, "years": years, "year": year,
        "log": selectors.appeals_log(centre, year) if year else None,
        "review_form": forms.ReviewForm(),
        "may_review": services.may_review_log(request.user, centre)})


@login_required
@require_POST
def log_pdf(request: HttpRequest, centre_id: int, year_id: int) -> HttpResponse:
    """Ask for the year's appeals log as a PDF, made in the background."""
    centre = next((c for c in selectors.log_centres(request.user) if c.pk == centre_id), None)
    year = centre and centre.academic_years.filter(pk=year_id).first()
    if year is None:
        raise Http404("No such appeals log.")
    back = f"{reverse('appeals:log')}?centre={centre.pk}&year={year.pk}"
    job = jobs.request_job(actor=request.user, kind=documents.LOG, centre=centre,
                           title=f"Appeals log {year} (PDF)",
                           params={"year": year.pk, "back_url": back,
                                   "back_label": "The appeals log"})
    return redirect("jobs:detail", job.pk)


@login_required
@require_POST
def log_review(request: HttpRequest, centre_id: int, year_id: int) -> HttpResponse:
    centre = next((c for c in selectors.log_centres(request.user) if c.pk == centre_id), None)
    year = centre and centre.academic_years.filter(pk=year_id).first()
    if year is None:
        raise Http404("No such appeals log.")
    permissions.require_staff(request.user, VIEW_QUALITY_RECORDS, centre)
    form = forms.ReviewForm(request.POST)
    if not form.is_valid():
        messages.error(request, describe_errors(form))
    else:
        attempt(request, lambda: services.review_log(
            actor=request.user, centre=centre, year=year,
            findings=form.cleaned_data["findings"]), "Review recorded.")
    return redirect(f"{reverse('appeals:log')}?centre={centre.pk}&year={year.pk}")
