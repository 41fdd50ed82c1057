"""The brief's internal verification page: its records (checklist, actions, signatures),
whether it may be issued and why not, and the checklist form for an IV."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from assessment import selectors as assessment_selectors
from assessment.models import Assignment
from qmr import permissions
from qmr.errors import DomainError
from qmr.feedback import attempt
from qmr.jobs import services as jobs
from qmr.roles import LEAD_VERIFY, VERIFY
from verification import briefs, checks, documents, selectors, signatures
from verification.forms import BriefChecklistForm, CompleteActionForm


def _may_verify(user: object, assignment: Assignment) -> bool:
    return user.pk != assignment.assessor_id and permissions.can(
        user, VERIFY, assignment.plan.programme)


def _page(request: HttpRequest, assignment: Assignment,
          form: BriefChecklistForm | None) -> HttpResponse:
    records = briefs.verifications_of(assignment)
    programme = assignment.plan.programme
    return render(request, "verification/brief_iv.html", {
        "assignment": assignment, "records": records,
        "criteria": list(assignment.criteria.select_related("unit")),
        "problem": checks.brief_problem(assignment, records),
        "form": form, "is_assessor": request.user.pk == assignment.assessor_id,
        "is_lead": permissions.can(request.user, LEAD_VERIFY, programme),
        "may_complete": request.user.pk == assignment.assessor_id or permissions.can(
            request.user, VERIFY, programme),
        "complete_form": CompleteActionForm(initial={"completed_on": timezone.localdate()}),
    })


@login_required
def brief_iv(request: HttpRequest, pk: int) -> HttpResponse:
    assignment = assessment_selectors.get_assignment_for_user(request.user, pk)
    return _page(request, assignment,
                 BriefChecklistForm() if _may_verify(request.user, assignment) else None)


@login_required
@require_POST
def brief_iv_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    """Ask for the assignment's IV record as a PDF, made in the background: the brief's
    verifications and those of the sampled decisions the person may read."""
    assignment = assessment_selectors.get_assignment_for_user(request.user, pk)
    job = jobs.request_job(
        actor=request.user, kind=documents.IV_RECORD, centre=assignment.plan.programme.centre,
        title=f"IV record: {assignment.title} (PDF)",
        params={"assignment": assignment.pk,
                "verifications": documents.readable_decision_records(request.user, assignment),
                "back_url": reverse("verification:brief-iv", args=[assignment.pk]),
                "back_label": "The brief's verification"})
    return redirect("jobs:detail", job.pk)


@login_required
@require_POST
def brief_verify(request: HttpRequest, pk: int) -> HttpResponse:
    """Record the checklist. Problems are shown on the form as entered, in words."""
    assignment = assessment_selectors.get_assignment_for_user(request.user, pk)
    permissions.require(request.user, VERIFY, assignment.plan.programme)
    form = BriefChecklistForm(request.POST)
    if form.is_valid():
        try:
            briefs.verify_brief(actor=request.user, assignment=assignment,
                                outcome=form.cleaned_data["outcome"], answers=form.answers(),
                                comments=form.cleaned_data["comments"], actions=form.actions())
        except DomainError as e:
            form.add_error(None, str(e))
        else:
            messages.success(request, "The brief's verification is recorded.")
            return redirect("verification:brief-iv", assignment.pk)
    return _page(request, assignment, form)


@login_required
@require_POST
def brief_sign(request: HttpRequest, pk: int) -> HttpResponse:
    verification = selectors.get_brief_verification_for_user(request.user, pk)
    attempt(request, lambda: signatures.sign_brief_verification(
        actor=request.user, verification=verification),
        "You signed to say you have read the brief's verification.")
    return redirect("verification:brief-iv", verification.assignment_id)


@login_required
@require_POST
def brief_countersign(request: HttpRequest, pk: int) -> HttpResponse:
    verification = selectors.get_brief_verification_for_user(request.user, pk)
    attempt(request, lambda: signatures.countersign_brief_verification(
        actor=request.user, verification=verification), "You countersigned the verification.")
    return redirect("verification:brief-iv", verification.assignment_id)


@login_required
@require_POST
def brief_action_complete(request: HttpRequest, pk: int) -> HttpResponse:
    action = selectors.get_brief_action_for_user(request.user, pk)
    form = CompleteActionForm(request.POST)
    if not briefs.may_complete(request.user, action):
        raise permissions.PermissionDenied("The brief's assessor or an internal verifier of "
                                           "the programme records that an action is done.")
    if not form.is_valid():
        messages.error(request, "Give the day the action was done.")
    else:
        attempt(request, lambda: briefs.complete_brief_action(
            actor=request.user, action=action, **form.cleaned_data), "Action recorded as done.")
    return redirect("verification:brief-iv", action.verification.assignment_id)
