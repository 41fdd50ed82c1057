"""Standards verification pages: the Lead IV's page per programme (what the awarding body set,
each sample, the report and its actions) and the standards verifier's read-only view of the
sampled work."""

from datetime import date

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.dateparse import parse_date
from django.views.decorators.http import require_POST

from assessment.hooks import work_links
from qmr import permissions
from qmr.feedback import attempt
from qmr.models import User
from qmr.roles import LEAD_VERIFY, PREPARE_REVIEW
from qmr.selectors import current_year
from registrations.models import Learner, Unit
from verification.standards import access, selectors, services
from verification.standards.models import ControlLevel, Outcome


def _ids(request: HttpRequest, name: str) -> list[int]:
    return [int(i) for i in request.POST.getlist(name) if i.isdigit()]


@login_required
def sv_programme(request: HttpRequest, pk: int) -> HttpResponse:
    programme = selectors.get_programme_for_sv_page(request.user, pk)
    units = {int(u) for u in request.GET.getlist("unit") if u.isdigit()}
    return render(request, "verification/sv_programme.html", {
        "page": selectors.programme_page(programme, units),
        "is_lead": permissions.can(request.user, LEAD_VERIFY, programme),
        "today": timezone.localdate(), "levels": ControlLevel.choices,
        "outcomes": Outcome.choices})


def _date(request: HttpRequest, name: str) -> date | None:
    return parse_date(request.POST.get(name, ""))


@login_required
@require_POST
def sv_record(request: HttpRequest, pk: int) -> HttpResponse:
    programme = selectors.get_programme_for_sv_page(request.user, pk)
    attempt(request, lambda: services.record_standards_verification(
        actor=request.user, programme=programme,
        academic_year=current_year(programme.centre_id),
        control_level=request.POST.get("control_level", ""),
        verifier=User.objects.filter(pk=request.POST.get("verifier") or 0).first(),
        window_opens=_date(request, "window_opens"),
        window_closes=_date(request, "window_closes")), "Standards verification recorded.")
    return redirect("verification:sv-programme", programme.pk)


@login_required
@require_POST
def sv_request(request: HttpRequest, pk: int) -> HttpResponse:
    programme = selectors.get_programme_for_sv_page(request.user, pk)
    attempt(request, lambda: services.request_sample(
        actor=request.user, programme=programme, requested_on=_date(request, "requested_on"),
        units=list(Unit.objects.filter(programme=programme, pk__in=_ids(request, "units"))),
        learners=list(Learner.objects.filter(programme=programme,
                                             pk__in=_ids(request, "learners")))),
        "Sample recorded. Declare the work authentic, then record it provided.")
    return redirect("verification:sv-programme", programme.pk)


@login_required
@require_POST
def sample_declare(request: HttpRequest, pk: int) -> HttpResponse:
    sample = selectors.get_sample_for_user(request.user, pk)
    attempt(request, lambda: services.declare_authenticity(actor=request.user, sample=sample),
            "Declaration recorded.")
    return redirect("verification:sv-programme", sample.standards_verification.programme_id)


@login_required
@require_POST
def sample_provided(request: HttpRequest, pk: int) -> HttpResponse:
    sample = selectors.get_sample_for_user(request.user, pk)
    ticked = {f: request.POST.get(f) == "on" for f in (
        "assessment_plan", "assessment_records", "iv_records", "adjustment_records")}
    attempt(request, lambda: services.record_sample_provided(
        actor=request.user, sample=sample, provided_on=_date(request, "provided_on"),
        notes=request.POST.get("notes", ""), **ticked), "Sample recorded as provided.")
    return redirect("verification:sv-programme", sample.standards_verification.programme_id)


@login_required
@require_POST
def sample_report(request: HttpRequest, pk: int) -> HttpResponse:
    """The verifier records the report from their sample page; the Lead IV from theirs."""
    sample = selectors.get_sample_for_user(request.user, pk)
    attempt(request, lambda: services.record_report(
        actor=request.user, sample=sample, received_on=_date(request, "received_on"),
        summary=request.POST.get("summary", ""), outcome=request.POST.get("outcome", "")),
        "Report recorded.")
    programme = sample.standards_verification.programme
    if permissions.can(request.user, LEAD_VERIFY, programme) or permissions.can(
            request.user, PREPARE_REVIEW, programme):
        return redirect("verification:sv-programme", programme.pk)
    return redirect("verification:sv-samples")


@login_required
@require_POST
def sv_action_raise(request: HttpRequest, pk: int) -> HttpResponse:
    sample = selectors.get_sample_for_user(request.user, pk)
    attempt(request, lambda: services.raise_action(
        actor=request.user, sample=sample, description=request.POST.get("description", ""),
        due_on=_date(request, "due_on")), "Action recorded. Close it once it is done.")
    return redirect("verification:sv-programme", sample.standards_verification.programme_id)


@login_required
@require_POST
def sv_action_close(request: HttpRequest, pk: int) -> HttpResponse:
    action = selectors.get_action_for_user(request.user, pk)
    attempt(request, lambda: services.close_action(
        actor=request.user, action=action, note=request.POST.get("note", "")), "Action closed.")
    return redirect("verification:sv-programme",
                    action.sample.standards_verification.programme_id)


# --- The standards verifier's read-only pages ------------------------------------------------

@login_required
def sv_samples(request: HttpRequest) -> HttpResponse:
    """The samples the verifier may read now; refused once their appointment has ended."""
    if not access.sampled_programmes(request.user):
        raise PermissionDenied("This page is for a standards verifier whose access is "
                               "current.")
    return render(request, "verification/sv_samples.html", {
        "samples": selectors.sv_samples(request.user), "outcomes": Outcome.choices,
        "today": timezone.localdate()})


@login_required
def sv_learner(request: HttpRequest, pk: int) -> HttpResponse:
    learner = access.get_sampled_learner(request.user, pk)
    return render(request, "verification/sv_learner.html", {
        "learner": learner, "work": selectors.sv_learner_work(request.user, learner)})


@login_required
def sv_work(request: HttpRequest, pk: int) -> HttpResponse:
    submission = selectors.sv_work(request.user, pk)
    return render(request, "verification/sv_work.html", {
        "submission": submission,
        "links": work_links.gather(request.user, submission, None)})


@login_required
def sv_file(request: HttpRequest, pk: int) -> FileResponse:
    evidence = access.get_sampled_file(request.user, pk)
    return FileResponse(evidence.file.open("rb"), as_attachment=True, filename=evidence.name)
