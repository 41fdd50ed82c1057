"""Programme pages: units and criteria (typed in or imported), and taking the register."""

from datetime import date

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from qmr import permissions
from qmr.errors import DomainError
from qmr.feedback import attempt
from qmr.jobs import services as jobs
from qmr.roles import ASSESS, SIGN_CLASS_LIST
from registrations import forms, import_jobs, selectors, services, specification
from registrations.csvdates import parse_date
from registrations.models import AttendanceMark, LearnerStatus, Programme, Unit


@login_required
def programme_list(request: HttpRequest) -> HttpResponse:
    return render(request, "registrations/programme_list.html",
                  {"programmes": selectors.programmes_for_user(request.user)})


@login_required
def programme_detail(request: HttpRequest, pk: int) -> HttpResponse:
    programme = selectors.get_programme_for_user(request.user, pk)
    return render(request, "registrations/programme_detail.html", {
        "programme": programme,
        "units": [(unit, forms.CriterionForm(prefix=f"u{unit.pk}"))
                  for unit in selectors.programme_specification(programme)],
        "may_edit": specification.may_edit(request.user, programme),
        "unit_form": forms.UnitForm(), "criterion_form": forms.CriterionForm(),
        "upload_form": forms.CsvUploadForm(),
    })


@login_required
@require_POST
def unit_add(request: HttpRequest, pk: int) -> HttpResponse:
    programme = selectors.get_programme_for_user(request.user, pk)
    form = forms.UnitForm(request.POST)
    if not specification.may_edit(request.user, programme):
        raise permissions.PermissionDenied("Only the Programme Leader or Lead IV may do this.")
    if form.is_valid():
        attempt(request, lambda: specification.add_unit(
            actor=request.user, programme=programme, **form.cleaned_data), "Unit added.")
    else:
        messages.error(request, "Give the unit's number, title and guided learning hours.")
    return redirect("registrations:programme-detail", programme.pk)


def _unit(request: HttpRequest, pk: int, unit_id: int) -> tuple[Programme, Unit]:
    programme = selectors.get_programme_for_user(request.user, pk)
    if not specification.may_edit(request.user, programme):
        raise permissions.PermissionDenied("Only the Programme Leader or Lead IV may do this.")
    unit = programme.units.filter(pk=unit_id).first()
    if unit is None:
        raise Http404("No such unit.")
    return programme, unit


@login_required
@require_POST
def criterion_add(request: HttpRequest, pk: int, unit_id: int) -> HttpResponse:
    programme, unit = _unit(request, pk, unit_id)
    form = forms.CriterionForm(request.POST, prefix=f"u{unit.pk}")
    if form.is_valid():
        attempt(request, lambda: specification.add_criterion(
            actor=request.user, unit=unit, **form.cleaned_data),
            f"Criterion {form.cleaned_data['code'].upper()} added to {unit}.")
    else:
        messages.error(request, "Give the criterion's code and wording.")
    return redirect("registrations:programme-detail", programme.pk)


@login_required
def criteria_import(request: HttpRequest, pk: int, unit_id: int) -> HttpResponse:
    """GET: the form and the person's recent imports. POST: a background job that imports
    every row or none; its page names every bad row."""
    programme, unit = _unit(request, pk, unit_id)
    if request.method != "POST":
        return render(request, "registrations/criteria_import.html", {
            "programme": programme, "unit": unit, "form": forms.CsvUploadForm(),
            "jobs": import_jobs.recent(request.user, import_jobs.CRITERIA,
                                       params__programme=programme.pk)})
    form = forms.CsvUploadForm(request.POST, request.FILES)
    if not form.is_valid():
        messages.error(request, " ".join(form.errors.get("file", ["Choose a file."])))
        return redirect("registrations:programme-detail", programme.pk)
    job = jobs.request_job(
        actor=request.user, kind=import_jobs.CRITERIA, centre=programme.centre,
        title=f"Criteria import into {unit}"[:200],
        params={"csv": form.cleaned_data["file"], "programme": programme.pk, "unit": unit.pk,
                "back_url": reverse("registrations:programme-detail", args=[programme.pk]),
                "back_label": str(programme)})
    return redirect("jobs:detail", job.pk)


@login_required
def cohort_attendance(request: HttpRequest, pk: int) -> HttpResponse:
    cohort = selectors.get_cohort_for_user(request.user, pk)
    may_take = permissions.can(request.user, SIGN_CLASS_LIST, cohort) or permissions.can(
        request.user, ASSESS, cohort)
    learners = list(cohort.learners.filter(
        status__in=[LearnerStatus.ENROLLED, LearnerStatus.REGISTERED]))
    if request.method == "POST":
        if not may_take:
            raise permissions.PermissionDenied("Only the programme's teachers take its register.")
        marks = {lr.pk: request.POST.get(f"mark-{lr.pk}", "") for lr in learners}
        held_on = request.POST.get("held_on") or str(timezone.localdate())
        if attempt(request, lambda: services.record_attendance(
                actor=request.user, cohort=cohort, held_on=_date(held_on),
                title=request.POST.get("title", "").strip()[:150] or "Lesson",
                marks={k: v for k, v in marks.items() if v}), "Register saved."):
            return redirect("registrations:cohort-attendance", cohort.pk)
    return render(request, "registrations/cohort_attendance.html", {
        "cohort": cohort, "learners": learners, "sessions": selectors.attendance(cohort),
        "may_take": may_take, "marks": AttendanceMark.Mark.choices,
        "today": timezone.localdate(),
    })


def _date(value: str) -> date:
    day = parse_date(value)
    if day is None:
        raise DomainError("Give the session's date as a date.")
    return day
