"""Pages of the centre-wide core. Thin: access -> form -> service -> redirect."""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_POST

from qmr import blocks, forms, home, permissions, selectors, services
from qmr.errors import DomainError
from qmr.feedback import attempt
from qmr.history import entries
from qmr.models import Appointment, Centre
from qmr.roles import MANAGE_CENTRE, MANAGE_PEOPLE, VIEW_CENTRE, VIEW_PEOPLE, Role


@require_GET
def healthz(request: HttpRequest) -> HttpResponse:
    """Liveness for the load balancer and docker-compose; also the benchmark's trivial view."""
    return HttpResponse("ok", content_type="text/plain")


@login_required
def home_page(request: HttpRequest) -> HttpResponse:
    appointments = selectors.active_appointments(request.user)
    seen: dict[Any, dict] = {}
    for appointment in appointments:
        for section in home.sections_for(appointment.role):
            entry = seen.setdefault(section.items, {"section": section, "appointments": []})
            entry["appointments"].append(appointment)
    sections = [
        {"title": v["section"].title, "items": v["section"].items(request.user, v["appointments"])}
        for v in seen.values()
    ]
    centres = [
        {"centre": c, "people": permissions.can(request.user, VIEW_PEOPLE, c)}
        for c in sorted({a.centre for a in appointments}, key=lambda c: c.name)
        if permissions.can(request.user, VIEW_CENTRE, c)
    ]
    # Sections with work come first in full; the empty ones are named in one line, so a
    # person with many roles is not shown a page of headings with nothing under them.
    return render(request, "qmr/home.html", {
        "appointments": appointments, "sections": sections, "centres": centres,
        "busy": any(s["items"] for s in sections),
        "quiet": [s["title"] for s in sections if not s["items"]],
    })


@login_required
def profile(request: HttpRequest) -> HttpResponse:
    return render(request, "qmr/profile.html", {
        "appointments": selectors.active_appointments(request.user),
    })


def _settings_context(request: HttpRequest, centre: Centre, **forms_: Any) -> dict:
    centre = selectors.centre_settings(centre)
    bound_term = forms_.get("term_form")
    years = [
        (year, bound_term if bound_term is not None and bound_term.prefix == f"y{year.pk}"
         else forms.TermForm(prefix=f"y{year.pk}"))
        for year in centre.academic_years.all()
    ]
    return {
        "centre": centre,
        "years": years,
        "may_change": permissions.can(request.user, MANAGE_CENTRE, centre),
        "details_form": forms_.get("details_form") or forms.CentreDetailsForm(initial={
            "name": centre.name, "nation": centre.nation,
            "international_approval": centre.international_approval}),
        "site_form": forms_.get("site_form") or forms.SiteForm(),
        "year_form": forms_.get("year_form") or forms.AcademicYearForm(),
        "certification_block": blocks.open_block(centre.pk),
        "block_form": forms.CertificationBlockForm(),
    }


@login_required
def centre_settings(request: HttpRequest, centre_id: int) -> HttpResponse:
    centre = selectors.get_centre_for_user(request.user, centre_id)
    return render(request, "qmr/centre_settings.html", _settings_context(request, centre))


def _settings_post(request: HttpRequest, centre_id: int, form: Any, key: str,
                   action: Any, done: str) -> HttpResponse:
    """Shared shape of the settings forms: validate, call the service, report."""
    centre = selectors.get_centre_for_user(request.user, centre_id)
    permissions.require(request.user, MANAGE_CENTRE, centre)
    if form.is_valid():
        try:
            action(centre, form.cleaned_data)
        except DomainError as e:
            form.add_error(None, str(e))
        else:
            messages.success(request, done)
            return redirect("qmr:centre-settings", centre.pk)
    context = _settings_context(request, centre, **{key: form})
    return render(request, "qmr/centre_settings.html", context, status=400)


@login_required
@require_POST
def centre_details(request: HttpRequest, centre_id: int) -> HttpResponse:
    return _settings_post(
        request, centre_id, forms.CentreDetailsForm(request.POST), "details_form",
        lambda c, d: services.update_centre(actor=request.user, centre=c, **d),
        "The centre's details were saved.",
    )


@login_required
@require_POST
def site_add(request: HttpRequest, centre_id: int) -> HttpResponse:
    return _settings_post(
        request, centre_id, forms.SiteForm(request.POST), "site_form",
        lambda c, d: services.add_site(actor=request.user, centre=c, **d), "The site was added.",
    )


@login_required
@require_POST
def year_add(request: HttpRequest, centre_id: int) -> HttpResponse:
    return _settings_post(
        request, centre_id, forms.AcademicYearForm(request.POST), "year_form",
        lambda c, d: services.add_academic_year(actor=request.user, centre=c, **d),
        "The academic year was added. Now add its terms.",
    )


@login_required
@require_POST
def term_add(request: HttpRequest, centre_id: int, year_id: int) -> HttpResponse:
    centre = selectors.get_centre_for_user(request.user, centre_id)
    year = selectors.get_year(centre, year_id)
    return _settings_post(
        request, centre_id, forms.TermForm(request.POST, prefix=f"y{year.pk}"), "term_form",
        lambda c, d: services.add_term(actor=request.user, year=year, **d),
        "The term was added.",
    )


@login_required
@require_POST
def certification_block_set(request: HttpRequest, centre_id: int) -> HttpResponse:
    centre = selectors.get_centre_for_user(request.user, centre_id)
    permissions.require(request.user, MANAGE_CENTRE, centre)
    form = forms.CertificationBlockForm(request.POST)
    if form.is_valid():
        attempt(request, lambda: blocks.set_certification_block(
            actor=request.user, centre=centre, **form.cleaned_data),
            "The certification block is recorded: no claim can be made until it is released.")
    else:
        messages.error(request, "Check the block's details: " + forms.describe_errors(form))
    return redirect("qmr:centre-settings", centre.pk)


@login_required
@require_POST
def certification_block_release(request: HttpRequest, centre_id: int) -> HttpResponse:
    centre = selectors.get_centre_for_user(request.user, centre_id)
    permissions.require(request.user, MANAGE_CENTRE, centre)
    block = blocks.open_block(centre.pk)
    if block is None:
        messages.error(request, "No certification block is in force on the centre.")
    else:
        attempt(request, lambda: blocks.release_certification_block(actor=request.user,
                                                                    block=block),
                "The block is released: claims can be made again.")
    return redirect("qmr:centre-settings", centre.pk)


@login_required
def people_list(request: HttpRequest, centre_id: int) -> HttpResponse:
    centre = selectors.get_centre_for_user(request.user, centre_id)
    role = request.GET.get("role", "")
    role = role if role in Role.values else ""
    search = request.GET.get("q", "").strip()[:100]
    current = request.GET.get("show") != "all"
    people = selectors.people_for_centre(
        request.user, centre, role=role, search=search, current=current
    )
    return render(request, "qmr/people_list.html", {
        "centre": centre, "people": people, "roles": Role.choices, "role": role,
        "q": search, "current": current,
        "may_manage": permissions.can(request.user, MANAGE_PEOPLE, centre),
    })


@login_required
def person_detail(request: HttpRequest, centre_id: int, person_id: int) -> HttpResponse:
    centre = selectors.get_centre_for_user(request.user, centre_id)
    person = selectors.get_person_for_user(request.user, centre, person_id)
    appointments = selectors.appointments_of(person, centre)
    history = entries(person.history.all(), lambda r: "Person")
    history += entries(
        Appointment.history.filter(id__in=[a.pk for a in appointments]),
        lambda r: f"Appointment as {Role(r.role).label}",
    )
    history.sort(key=lambda e: e.when, reverse=True)
    may_manage = permissions.can(request.user, MANAGE_PEOPLE, centre)
    return render(request, "qmr/person_detail.html", {
        "centre": centre, "person": person, "appointments": appointments, "history": history,
        "may_manage": may_manage, "last_day_form": forms.LastDayForm(),
        "person_form": forms.PersonForm(initial={
            "full_name": person.full_name, "email": person.email,
            "job_title": person.job_title}) if may_manage else None,
    })


@login_required
@require_POST
def person_edit(request: HttpRequest, centre_id: int, person_id: int) -> HttpResponse:
    centre = selectors.get_centre_for_user(request.user, centre_id)
    person = selectors.get_person_for_user(request.user, centre, person_id)
    permissions.require(request.user, MANAGE_PEOPLE, centre)
    form = forms.PersonForm(request.POST)
    if form.is_valid():
        try:
            services.update_person(actor=request.user, centre=centre, person=person,
                                   **form.cleaned_data)
            messages.success(request, "The person's details were saved.")
        except DomainError as e:
            messages.error(request, str(e))
    else:
        messages.error(request, "Check the details: " + forms.describe_errors(form))
    return redirect("qmr:person-detail", centre.pk, person.pk)


@login_required
def appoint(request: HttpRequest, centre_id: int) -> HttpResponse:
    centre = selectors.get_centre_for_user(request.user, centre_id)
    permissions.require(request.user, MANAGE_PEOPLE, centre)
    form = forms.AppointForm(request.POST or None, centre=centre)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            appointment = services.appoint(
                actor=request.user, centre=centre, email=data["email"],
                full_name=data["full_name"], role=data["role"], scope=data["scope"],
                starts_on=data["starts_on"], last_day=data["last_day"],
            )
        except DomainError as e:
            form.add_error(None, str(e))
        else:
            messages.success(request, f"{appointment} appointed.")
            return redirect("qmr:person-detail", centre.pk, appointment.person_id)
    status = 400 if request.method == "POST" else 200
    return render(request, "qmr/appoint.html", {"centre": centre, "form": form}, status=status)


@login_required
@require_POST
def appointment_end(request: HttpRequest, pk: int) -> HttpResponse:
    appointment = selectors.get_appointment_for_user(request.user, pk)
    form = forms.EndAppointmentForm(request.POST)
    form.is_valid()
    try:
        services.end_appointment(actor=request.user, appointment=appointment,
                                 reason=form.cleaned_data.get("reason", ""))
        messages.success(request, f"{appointment} has ended.")
    except DomainError as e:
        messages.error(request, str(e))
    return redirect("qmr:person-detail", appointment.centre_id, appointment.person_id)


@login_required
@require_POST
def appointment_last_day(request: HttpRequest, pk: int) -> HttpResponse:
    appointment = selectors.get_appointment_for_user(request.user, pk)
    form = forms.LastDayForm(request.POST)
    if form.is_valid():
        try:
            services.change_last_day(actor=request.user, appointment=appointment,
                                     last_day=form.cleaned_data["last_day"])
            messages.success(request, "The last day was changed.")
        except DomainError as e:
            messages.error(request, str(e))
    else:
        messages.error(request, "Give the new last day as a date.")
    return redirect("qmr:person-detail", appointment.centre_id, appointment.person_id)
