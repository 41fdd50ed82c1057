"""Registration pages. Thin: access -> form -> service -> redirect."""


from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from qmr import evidence as qmr_evidence
from qmr import permissions
from qmr import selectors as qmr_selectors
from qmr.errors import DomainError
from qmr.feedback import attempt
from qmr.forms import describe_errors
from qmr.history import entries
from qmr.jobs import services as jobs
from qmr.models import Centre
from qmr.roles import (
    ASSESS,
    ASSESSMENT_READERS,
    MANAGE_REGISTRATIONS,
    RECEIVE_ESCALATIONS,
    SIGN_CLASS_LIST,
    SIGN_WITHDRAWAL_AS_EXAMS,
    SIGN_WITHDRAWAL_AS_NOMINEE,
    VIEW_RECORDS,
)
from registrations import (
    certification,
    certification_selectors,
    forms,
    import_jobs,
    selectors,
    services,
    subject_access,
)
from registrations.eligibility import ELIGIBILITY_READERS
from registrations.models import Learner, LearnerStatus


@login_required
def cohort_list(request: HttpRequest) -> HttpResponse:
    programme, sort = request.GET.get("programme", "")[:20], request.GET.get("sort", "name")
    cohorts = selectors.cohorts_for_user(request.user, programme=programme, sort=sort)
    return render(request, "registrations/cohort_list.html",
                  {"cohorts": cohorts, "programme": programme, "sort": sort})


@login_required
def cohort_detail(request: HttpRequest, pk: int) -> HttpResponse:
    cohort = selectors.get_cohort_for_user(request.user, pk)
    status, sort = request.GET.get("status", ""), request.GET.get("sort", "name")
    user = request.user
    return render(request, "registrations/cohort_detail.html", {
        "s": selectors.cohort_status(cohort, status=status, sort=sort), "cohort": cohort,
        "status": status, "sort": sort, "statuses": LearnerStatus.choices,
        "is_leader": permissions.can(user, SIGN_CLASS_LIST, cohort),
        "is_exams": permissions.can(user, MANAGE_REGISTRATIONS, cohort),
        "may_track": any(permissions.can(user, p, cohort) for p in (ASSESS, *ASSESSMENT_READERS)),
        "may_check_claims": any(permissions.can(user, p, cohort) for p in ELIGIBILITY_READERS),
        "enrol_form": forms.EnrolForm(), "upload_form": forms.CsvUploadForm(),
    })


@login_required
@require_POST
def cohort_enrol(request: HttpRequest, pk: int) -> HttpResponse:
    cohort = selectors.get_cohort_for_user(request.user, pk)
    permissions.require(request.user, MANAGE_REGISTRATIONS, cohort)
    form = forms.EnrolForm(request.POST)
    if form.is_valid():
        attempt(request, lambda: services.enrol_learner(actor=request.user, cohort=cohort,
                                                         **form.cleaned_data),
                 f"{form.cleaned_data['first_name']} {form.cleaned_data['last_name']} enrolled.")
    else:
        messages.error(request, "Check the learner's details: " + describe_errors(form))
    return redirect("registrations:cohort-detail", cohort.pk)


@login_required
@require_POST
def class_list_sign(request: HttpRequest, pk: int) -> HttpResponse:
    cohort = selectors.get_cohort_for_user(request.user, pk)
    attempt(request, lambda: services.sign_class_list(actor=request.user, cohort=cohort),
             "You signed the class list as accurate. The Exams Officer can now register it.")
    return redirect("registrations:cohort-detail", cohort.pk)


@login_required
def cohort_register(request: HttpRequest, pk: int) -> HttpResponse:
    cohort = selectors.get_cohort_for_user(request.user, pk)
    permissions.require(request.user, MANAGE_REGISTRATIONS, cohort)
    status = selectors.cohort_status(cohort, status=LearnerStatus.ENROLLED)
    if request.method == "POST" and request.FILES:
        form = forms.CsvUploadForm(request.POST, request.FILES)
        if not form.is_valid():
            messages.error(request, " ".join(form.errors.get("file", ["Choose a file."])))
        elif attempt(request, lambda: services.register_learners(
                actor=request.user, cohort=cohort,
                numbers=services.numbers_from_csv(cohort, form.cleaned_data["file"])),
                "Registration numbers imported."):
            return redirect("registrations:cohort-detail", cohort.pk)
    elif request.method == "POST":
        for r in status.rows:
            r.posted = request.POST.get(f"number-{r.learner.pk}", "").strip()[:20]
        numbers = {r.learner.pk: r.posted for r in status.rows}
        numbers = {pk: n for pk, n in numbers.items() if n}
        if not numbers:
            messages.error(request, "Type at least one registration number.")
        elif attempt(request, lambda: services.register_learners(
                actor=request.user, cohort=cohort, numbers=numbers),
                f"{len(numbers)} learners registered."):
            return redirect("registrations:cohort-detail", cohort.pk)
    return render(request, "registrations/cohort_register.html",
                  {"cohort": cohort, "s": status})


@login_required
@require_POST
def check_upload(request: HttpRequest, pk: int) -> HttpResponse:
    cohort = selectors.get_cohort_for_user(request.user, pk)
    permissions.require(request.user, SIGN_CLASS_LIST, cohort)
    form = forms.CsvUploadForm(request.POST, request.FILES)
    if not form.is_valid():
        messages.error(request, " ".join(form.errors.get("file", ["Choose a file."])))
        return redirect("registrations:cohort-detail", cohort.pk)
    try:
        check = services.upload_registration_check(
            actor=request.user, cohort=cohort, text=form.cleaned_data["file"],
            file_name=request.FILES["file"].name)
    except DomainError as e:
        messages.error(request, str(e))
        return redirect("registrations:cohort-detail", cohort.pk)
    return redirect("registrations:check-detail", check.pk)


@login_required
def check_detail(request: HttpRequest, pk: int) -> HttpResponse:
    check = selectors.get_check_for_user(request.user, pk)
    return render(request, "registrations/check_detail.html", {
        "check": check, "form": forms.ChangesForm(),
        "is_leader": permissions.can(request.user, SIGN_CLASS_LIST, check.cohort),
        "is_exams": permissions.can(request.user, MANAGE_REGISTRATIONS, check.cohort),
    })


@login_required
@require_POST
def check_decide(request: HttpRequest, pk: int, decision: str) -> HttpResponse:
    check = selectors.get_check_for_user(request.user, pk)
    note = request.POST.get("note", "")
    actions = {
        "confirm": (lambda: services.confirm_registrations(actor=request.user, check=check),
                    "You confirmed the registrations are accurate."),
        "request-changes": (lambda: services.request_registration_changes(
            actor=request.user, check=check, note=note), "Changes asked of the Exams Officer."),
        "changes-made": (lambda: services.record_changes_made(
            actor=request.user, check=check, note=note),
            "Recorded. The Programme Leader will check a fresh list."),
    }
    if decision not in actions:
        raise Http404("No such decision.")
    action, done = actions[decision]
    attempt(request, action, done)
    return redirect("registrations:check-detail", check.pk)


@login_required
def learner_detail(request: HttpRequest, pk: int) -> HttpResponse:
    learner = selectors.get_learner_for_user(request.user, pk)
    user = request.user
    history = entries(Learner.history.filter(id=learner.pk),
                      lambda r: r.history_change_reason or "")
    return render(request, "registrations/learner_detail.html", {
        "learner": learner, **selectors.learner_record(learner), "history": history,
        "may_sign_nominee": permissions.can(user, SIGN_WITHDRAWAL_AS_NOMINEE, learner),
        "may_sign_exams": permissions.can(user, SIGN_WITHDRAWAL_AS_EXAMS, learner),
        "may_acknowledge": permissions.can(user, RECEIVE_ESCALATIONS, learner),
        "may_withdraw": services.may_request_withdrawal(user, learner),
        "may_flag": services.may_flag(user, learner),
        "withdrawal_form": forms.WithdrawalForm(), "flag_form": forms.FlagForm(),
        "is_leader": permissions.can(user, SIGN_CLASS_LIST, learner),
        "is_exams": permissions.can(user, MANAGE_REGISTRATIONS, learner),
        "may_report": certification.may_complete_report(user, learner),
        "entry_form": forms.EntryForm(learner=learner),
        "transfer_form": forms.TransferForm(learner=learner),
        "details_form": forms.DetailsForm(initial={
            f: getattr(learner, f) for f in services.DETAIL_FIELDS}),
        "may_ask_subject_access": subject_access.may_ask(user, learner),
    })


@login_required
@require_POST
def entry_request(request: HttpRequest, pk: int) -> HttpResponse:
    learner = selectors.get_learner_for_user(request.user, pk)
    permissions.require(request.user, SIGN_CLASS_LIST, learner)
    form = forms.EntryForm(request.POST, learner=learner)
    if form.is_valid():
        attempt(request, lambda: services.request_entry(actor=request.user, learner=learner,
                                                         **form.cleaned_data),
                 "Entry requested from the Exams Officer.")
    else:
        messages.error(request, "Choose the unit and give the series.")
    return redirect("registrations:learner-detail", learner.pk)


@login_required
@require_POST
def entry_move(request: HttpRequest, pk: int, step: str) -> HttpResponse:
    entry = selectors.get_entry_for_user(request.user, pk)
    steps = {"enter": (services.enter_entry, "Entry recorded as made."),
             "check": (services.check_entry, "Entry checked.")}
    if step not in steps:
        raise Http404("No such step.")
    action, done = steps[step]
    attempt(request, lambda: action(actor=request.user, entry=entry), done)
    return redirect("registrations:learner-detail", entry.learner_id)


@login_required
@require_POST
def learner_transfer(request: HttpRequest, pk: int) -> HttpResponse:
    learner = selectors.get_learner_for_user(request.user, pk)
    permissions.require(request.user, MANAGE_REGISTRATIONS, learner)
    form = forms.TransferForm(request.POST, learner=learner)
    if form.is_valid():
        attempt(request, lambda: services.transfer_learner(
            actor=request.user, learner=learner, **form.cleaned_data), "Transfer recorded.")
    else:
        messages.error(request, "Choose a cohort or name the other centre.")
    return redirect("registrations:learner-detail", learner.pk)


@login_required
@require_POST
def learner_details(request: HttpRequest, pk: int) -> HttpResponse:
    learner = selectors.get_learner_for_user(request.user, pk)
    permissions.require(request.user, MANAGE_REGISTRATIONS, learner)
    form = forms.DetailsForm(request.POST)
    if form.is_valid():
        attempt(request, lambda: services.change_details(
            actor=request.user, learner=learner, **form.cleaned_data), "Details saved.")
    else:
        messages.error(request, "Check the details: " + describe_errors(form))
    return redirect("registrations:learner-detail", learner.pk)


@login_required
@require_POST
def withdrawal_request(request: HttpRequest, pk: int) -> HttpResponse:
    learner = selectors.get_learner_for_user(request.user, pk)
    if not services.may_request_withdrawal(request.user, learner):
        raise PermissionDenied("You cannot withdraw this learner.")
    form = forms.WithdrawalForm(request.POST)
    if form.is_valid():
        attempt(request, lambda: services.request_withdrawal(
            actor=request.user, learner=learner, **form.cleaned_data),
            "Withdrawal requested. It takes effect once the Quality Nominee and the Exams "
            "Officer have both signed it off.")
    else:
        messages.error(request, "Give a reason and the learner's last day.")
    return redirect("registrations:learner-detail", learner.pk)


@login_required
@require_POST
def withdrawal_sign(request: HttpRequest, pk: int, capacity: str) -> HttpResponse:
    withdrawal = selectors.get_withdrawal_for_user(request.user, pk)
    if capacity not in ("nominee", "exams"):
        raise Http404("No such sign-off.")
    attempt(request, lambda: services.sign_withdrawal(
        actor=request.user, withdrawal=withdrawal, capacity=capacity), "Signed off.")
    return redirect("registrations:learner-detail", withdrawal.learner_id)


@login_required
@require_POST
def flag_raise(request: HttpRequest, pk: int) -> HttpResponse:
    learner = selectors.get_learner_for_user(request.user, pk)
    permissions.require_staff(request.user, VIEW_RECORDS, learner)
    form = forms.FlagForm(request.POST)
    if form.is_valid():
        attempt(request, lambda: services.flag_registration(
            actor=request.user, learner=learner, **form.cleaned_data),
            "Flag raised. The Head of Centre has been told and must acknowledge it within "
            "two working days.")
    else:
        messages.error(request, "Say what kind of problem it is and describe it.")
    return redirect("registrations:learner-detail", learner.pk)


@login_required
@require_POST
def flag_acknowledge(request: HttpRequest, pk: int) -> HttpResponse:
    flag = selectors.get_flag_for_user(request.user, pk)
    attempt(request, lambda: services.acknowledge_flag(actor=request.user, flag=flag),
             "Acknowledged.")
    return redirect("registrations:learner-detail", flag.learner_id)


@login_required
def my_record(request: HttpRequest) -> HttpResponse:
    learner = selectors.own_learner_record(request.user)
    return render(request, "registrations/my_record.html", {
        "learner": learner, "certificate": certification_selectors.certificate_status(learner)})


@login_required
@require_POST
def learner_subject_access(request: HttpRequest, pk: int) -> HttpResponse:
    """The Quality Nominee or Exams Officer asks for everything held about the learner."""
    learner = Learner.objects.select_related("centre").filter(pk=pk).first()
    if learner is None or not subject_access.may_ask(request.user, learner):
        raise Http404("No such learner.")
    return _subject_access(request, learner, reverse("registrations:learner-detail",
                                                     args=[pk]), "The learner's record")


@login_required
@require_POST
def my_subject_access(request: HttpRequest) -> HttpResponse:
    """A learner asks for everything held about them."""
    learner = selectors.own_learner_record(request.user)
    return _subject_access(request, learner, reverse("registrations:my-record"),
                           "My registration")


def _subject_access(request: HttpRequest, learner: Learner, back_url: str,
                    back_label: str) -> HttpResponse:
    job = jobs.request_job(
        actor=request.user, kind=subject_access.SUBJECT_ACCESS, centre=learner.centre,
        title=f"Everything held about {learner} (PDF and data)",
        params={"learner": learner.pk, "back_url": back_url, "back_label": back_label})
    return redirect("jobs:detail", job.pk)


@login_required
def exams_queue(request: HttpRequest) -> HttpResponse:
    if not permissions.scope_pks(request.user, MANAGE_REGISTRATIONS, Centre):
        raise PermissionDenied("The registration queue is the Exams Officer's.")
    return render(request, "registrations/exams_queue.html",
                  selectors.exams_queue(request.user))


@login_required
def nominee_overview(request: HttpRequest) -> HttpResponse:
    if not permissions.scope_pks(request.user, VIEW_RECORDS, Centre):
        raise PermissionDenied("The overview is for centre-wide roles.")
    centres = Centre.objects.filter(
        pk__in=permissions.scope_pks(request.user, VIEW_RECORDS, Centre)).order_by("name")
    evidence = [(c, qmr_evidence.for_centre(c, "QO.3")) for c in centres]
    return render(request, "registrations/nominee_overview.html",
                  {**selectors.nominee_overview(request.user), "evidence": evidence})


@login_required
def learner_import(request: HttpRequest, centre_id: int) -> HttpResponse:
    """Upload -> a background job that imports every row or none; its page shows how far
    it got and, if the file is refused, every bad row."""
    centre = qmr_selectors.get_centre_for_user(request.user, centre_id)
    permissions.require(request.user, MANAGE_REGISTRATIONS, centre)
    form = forms.CsvUploadForm()
    if request.method == "POST":
        form = forms.CsvUploadForm(request.POST, request.FILES)
        if form.is_valid():
            job = jobs.request_job(
                actor=request.user, kind=import_jobs.LEARNERS, centre=centre,
                title=f"Learner import: {request.FILES['file'].name}"[:200],
                params={"csv": form.cleaned_data["file"],
                        "back_url": reverse("registrations:learner-import", args=[centre.pk]),
                        "back_label": "Import learners"})
            return redirect("jobs:detail", job.pk)
    return render(request, "registrations/learner_import.html", {
        "centre": centre, "form": form,
        "jobs": import_jobs.recent(request.user, import_jobs.LEARNERS, centre=centre)})
