"""Staff record pages: access -> form -> service -> redirect."""

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.dateparse import parse_date
from django.views.decorators.http import require_POST

from qmr import permissions
from qmr import selectors as core_selectors
from qmr.feedback import attempt, download
from qmr.forms import describe_errors
from qmr.history import entries
from qmr.meetings.actions import STAFF_ROLES
from qmr.meetings.selectors import staff_of
from qmr.roles import VIEW_PEOPLE, VIEW_STAFF_RECORDS
from qmr.staff import chart, forms, selectors, services
from qmr.staff.models import Induction, JobDescription, Qualification, Training


@login_required
def staff_home(request: HttpRequest) -> HttpResponse:
    appointments = core_selectors.active_appointments(request.user)
    centres = sorted({a.centre for a in appointments if a.role in STAFF_ROLES},
                     key=lambda c: c.name)
    return render(request, "staff/staff_home.html", {"centres": [
        {"centre": c, "list": permissions.can(request.user, VIEW_STAFF_RECORDS, c),
         "chart": permissions.can(request.user, VIEW_PEOPLE, c)} for c in centres]})


@login_required
def staff_list(request: HttpRequest, centre_id: int) -> HttpResponse:
    centre = selectors.get_centre_for_staff_list(request.user, centre_id)
    year = core_selectors.current_year(centre)
    q, induction = request.GET.get("q", "").strip(), request.GET.get("induction", "")
    sort = request.GET.get("sort", "name")
    return render(request, "staff/staff_list.html", {
        "centre": centre, "year": year, "q": q, "induction": induction, "sort": sort,
        "people": selectors.staff_list(centre, year, search=q, induction=induction, sort=sort),
        "sorts": [("name", "Name"), ("-hours", "Most hours this year"),
                  ("hours", "Fewest hours this year")]})


@login_required
def staff_record(request: HttpRequest, centre_id: int, person_id: int) -> HttpResponse:
    centre, person = selectors.get_staff_person_for_user(request.user, centre_id, person_id)
    record = selectors.staff_record(centre, person)
    manage = selectors.may_manage(request.user, centre)
    ids = {"centre_id": centre.pk, "person_id": person.pk}
    history = []
    for model, label in ((JobDescription, "Job description"), (Qualification, "Qualification"),
                         (Induction, "Induction"), (Training, "Training")):
        history += entries(model.history.filter(**ids), lambda r, label=label: label)
    history.sort(key=lambda e: e.when, reverse=True)
    return render(request, "staff/staff_record.html", {
        "centre": centre, "person": person, **record, "may_manage": manage,
        "is_self": request.user.pk == person.pk, "history": history,
        "job_form": forms.JobDescriptionForm(initial={"text": getattr(record["job"], "text",
                                                                      "")}),
        "qualification_form": forms.QualificationForm(),
        "induction_form": forms.InductionForm(people=staff_of(centre), initial={
            "inducted_on": getattr(record["induction"], "inducted_on", None),
            "covered": getattr(record["induction"], "covered", []),
            "completed_by": getattr(record["induction"], "completed_by", None)}),
        "training_form": forms.TrainingForm()})


def _post(request: HttpRequest, centre_id: int, person_id: int, form_class: Any,
          step: Callable[..., Any], done: str, own: bool = False,
          **form_kwargs: Any) -> HttpResponse:
    """Read one staff-record form and run its step; a refusal is shown and changes nothing.
    Only those who may write this part get as far as the form (`own`: the person may)."""
    centre, person = selectors.get_staff_person_for_user(request.user, centre_id, person_id)
    if not (selectors.may_manage(request.user, centre) or (own and request.user == person)):
        raise PermissionDenied("The Quality Nominee or the Head of Centre keeps staff records.")
    form = form_class(request.POST, request.FILES, **form_kwargs)
    if not form.is_valid():
        messages.error(request, describe_errors(form))
    else:
        attempt(request, lambda: step(actor=request.user, centre=centre, person=person,
                                      **form.cleaned_data), done)
    return redirect("staff:record", centre.pk, person.pk)


@login_required
@require_POST
def job_save(request: HttpRequest, centre_id: int, person_id: int) -> HttpResponse:
    return _post(request, centre_id, person_id, forms.JobDescriptionForm,
                 services.save_job_description, "Job description saved.")


@login_required
@require_POST
def qualification_add(request: HttpRequest, centre_id: int, person_id: int) -> HttpResponse:
    return _post(request, centre_id, person_id, forms.QualificationForm,
                 services.add_qualification, "Qualification recorded.")


@login_required
@require_POST
def induction_record(request: HttpRequest, centre_id: int, person_id: int) -> HttpResponse:
    centre, _ = selectors.get_staff_person_for_user(request.user, centre_id, person_id)
    people = staff_of(centre)
    return _post(request, centre_id, person_id, forms.InductionForm,
                 services.record_induction, "Induction recorded.", people=people)


@login_required
@require_POST
def training_add(request: HttpRequest, centre_id: int, person_id: int) -> HttpResponse:
    return _post(request, centre_id, person_id, forms.TrainingForm, services.add_training,
                 "Training recorded.", own=True)


@login_required
def staff_file(request: HttpRequest, kind: str, pk: int) -> FileResponse:
    file = selectors.get_file_for_user(request.user, kind, pk)
    return download(file)


@login_required
def org_chart(request: HttpRequest, centre_id: int) -> HttpResponse:
    centre = core_selectors.get_centre_for_user(request.user, centre_id)
    permissions.require(request.user, VIEW_PEOPLE, centre)
    try:
        day = parse_date(request.GET.get("on", "")) or timezone.localdate()
    except ValueError:
        day = timezone.localdate()
    return render(request, "staff/org_chart.html", {"chart": chart.org_chart(centre, day),
                                                    "today": timezone.localdate()})
