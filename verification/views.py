"""Verification pages: the programme's sample and coverage, verifying a decision and its
record's signatures, remedial actions, Lead IVs and standardisation. The brief's
verification has its own module (brief_views)."""

from datetime import timedelta

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.dateparse import parse_date
from django.views.decorators.http import require_POST

from qmr import permissions
from qmr.feedback import attempt
from qmr.models import Centre, SubjectArea, User
from qmr.roles import LEAD_VERIFY, MANAGE_PEOPLE, PREPARE_REVIEW, VERIFY
from registrations.models import Programme, Unit
from verification import selectors, services, signatures
from verification.models import DecisionVerification, LeadIVRegistration, RemedialAction
from verification.standards import selectors as sv_selectors


@login_required
def programme_iv(request: HttpRequest, pk: int) -> HttpResponse:
    programme = selectors.get_programme_iv_for_user(request.user, pk)
    may_take = permissions.can(request.user, VERIFY, programme)
    return render(request, "verification/programme_iv.html", {
        "v": selectors.sample_view(programme, propose=may_take),
        "is_lead": permissions.can(request.user, LEAD_VERIFY, programme),
        "today": timezone.localdate(),
        "verify_by": timezone.localdate() + timedelta(days=14),
    })


@login_required
@require_POST
def take_sample(request: HttpRequest, pk: int) -> HttpResponse:
    programme = selectors.get_programme_iv_for_user(request.user, pk)
    if not permissions.can(request.user, VERIFY, programme):
        permissions.deny(request.user, programme,
                         "Only an internal verifier of this programme takes its sample.")
    ids = [int(i) for i in request.POST.getlist("submission") if i.isdigit()]
    due_on = parse_date(request.POST.get("due_on", ""))
    if not ids or due_on is None:
        messages.error(request, "Choose the work to sample and the date it is due.")
    else:
        attempt(request, lambda: services.take_proposed_sample(
            actor=request.user, programme=programme, submission_ids=ids, due_on=due_on),
            "The work is in the sample. Each piece goes back to the learner once verified.")
    return redirect("verification:programme-iv", programme.pk)


@login_required
def my_verifications(request: HttpRequest) -> HttpResponse:
    return render(request, "verification/my_verifications.html", {
        "samples": selectors.my_verifications(request.user), "today": timezone.localdate(),
        "programmes": permissions.visible(request.user, VERIFY, Programme.objects.all()),
        "briefs": selectors.briefs_to_verify(request.user)[:50],
        "awaiting": selectors.awaiting_others(request.user),
        "to_countersign": selectors.to_countersign(request.user)})


@login_required
def verify_decision(request: HttpRequest, pk: int) -> HttpResponse:
    submission = selectors.get_sample_for_verifier(request.user, pk)
    decision = submission.decisions.filter(superseded_by__isnull=True).first()
    if decision is None:
        raise Http404("This work has not been assessed yet.")
    results = list(decision.results.select_related("criterion"))
    if request.method == "POST":
        checks = {r.criterion_id: (request.POST.get(f"accurate-{r.criterion_id}") == "yes",
                                   request.POST.get(f"comment-{r.criterion_id}", ""))
                  for r in results}
        feedback = services.Feedback(**{f: request.POST.get(f) == "on" for f in (
            "authenticity_confirmed", "links_to_criteria", "justifies_awards",
            "avoids_improvement_actions", "collusion_or_plagiarism")})
        if attempt(request, lambda: services.verify_decision(
                actor=request.user, submission=submission, checks=checks, feedback=feedback,
                declared=request.POST.get("declared") == "on",
                comments=request.POST.get("comments", "")), "Verification recorded."):
            return redirect("verification:verify-decision", submission.pk)
    return render(request, "verification/verify_decision.html", {
        "submission": submission, "decision": decision, "results": results,
        "verifications": list(submission.verifications.select_related(
            "verifier", "assessor_signed_by", "countersigned_by", "decision__assessor")
            .prefetch_related("checks__criterion", "actions")),
        "kinds": RemedialAction.Kind.choices,
        "is_lead": permissions.can(request.user, LEAD_VERIFY,
                                   submission.assignment.plan.programme),
    })


@login_required
def decision_iv(request: HttpRequest, pk: int) -> HttpResponse:
    """One verification of assessed work, for the assessor to read and sign and the Lead IV
    to countersign."""
    verification = selectors.get_decision_verification_for_user(request.user, pk)
    programme = verification.submission.assignment.plan.programme
    return render(request, "verification/decision_iv.html", {
        "v": verification, "submission": verification.submission,
        "is_lead": permissions.can(request.user, LEAD_VERIFY, programme),
        "may_verify": permissions.can(request.user, VERIFY, programme),
    })


@login_required
@require_POST
def decision_sign(request: HttpRequest, pk: int) -> HttpResponse:
    verification = selectors.get_decision_verification_for_user(request.user, pk)
    attempt(request, lambda: signatures.sign_decision_verification(
        actor=request.user, verification=verification),
        "You signed to acknowledge the internal verifier's feedback.")
    return redirect("verification:decision-iv", verification.pk)


@login_required
@require_POST
def decision_countersign(request: HttpRequest, pk: int) -> HttpResponse:
    verification = selectors.get_decision_verification_for_user(request.user, pk)
    attempt(request, lambda: signatures.countersign_decision_verification(
        actor=request.user, verification=verification), "You countersigned the verification.")
    return redirect("verification:decision-iv", verification.pk)


@login_required
@require_POST
def action_raise(request: HttpRequest, pk: int) -> HttpResponse:
    verification = get_object_or_404(
        permissions.visible(request.user, VERIFY, DecisionVerification.objects.all()), pk=pk)
    due_on = parse_date(request.POST.get("due_on", ""))
    if due_on is None:
        messages.error(request, "Give the action's target date.")
    else:
        attempt(request, lambda: services.raise_remedial_action(
            actor=request.user, verification=verification, kind=request.POST.get("kind", ""),
            description=request.POST.get("description", ""), due_on=due_on),
            "Remedial action raised. The Lead IV closes it once done.")
    return redirect("verification:verify-decision", verification.submission_id)


@login_required
@require_POST
def action_close(request: HttpRequest, pk: int) -> HttpResponse:
    action = selectors.get_action_for_lead(request.user, pk)
    attempt(request, lambda: services.close_remedial_action(
        actor=request.user, action=action, note=request.POST.get("note", "")),
        "Action closed.")
    return redirect("verification:programme-iv",
                    action.verification.submission.assignment.plan.programme_id)


@login_required
def overview(request: HttpRequest) -> HttpResponse:
    """Every subject area's internal verification at a glance, for the centre's leaders; a
    Lead IV sees the areas they lead."""
    if not selectors.follows_areas(request.user):
        raise PermissionDenied("This overview is for centre-wide roles and Lead IVs.")
    return render(request, "verification/overview.html", {
        "areas": selectors.iv_overview(request.user), "today": timezone.localdate(),
        "may_register": permissions.scope_pks(request.user, MANAGE_PEOPLE, Centre),
        "leads": permissions.scope_pks(request.user, LEAD_VERIFY, SubjectArea),
        "sv_rows": sv_selectors.sv_overview(request.user),
        "sv_pages": permissions.scope_pks(request.user, PREPARE_REVIEW, Centre),
    })


@login_required
@require_POST
def lead_iv_register(request: HttpRequest, pk: int) -> HttpResponse:
    """The Quality Nominee records the area's Lead IV registration for the current year."""
    area = get_object_or_404(permissions.visible(request.user, MANAGE_PEOPLE,
                                                 SubjectArea.objects.all()), pk=pk)
    year = area.centre.academic_years.filter(starts_on__lte=timezone.localdate(),
                                             ends_on__gte=timezone.localdate()).first()
    person = User.objects.filter(pk=request.POST.get("person") or 0).first()
    cover = User.objects.filter(pk=request.POST.get("cover") or 0).first()
    on = parse_date(request.POST.get("registered_on", ""))
    if year is None or person is None or on is None:
        messages.error(request, "Choose the Lead IV and the date the awarding body registered "
                                "them (the centre needs a current academic year).")
    else:
        attempt(request, lambda: services.register_lead_iv(
            actor=request.user, subject_area=area, academic_year=year, person=person,
            registered_on=on, cover=cover), "Lead IV registration recorded.")
    return redirect("verification:overview")


@login_required
@require_POST
def lead_iv_standardised(request: HttpRequest, pk: int) -> HttpResponse:
    registration = get_object_or_404(permissions.visible(
        request.user, MANAGE_PEOPLE, LeadIVRegistration.objects.select_related(
            "subject_area__centre")), pk=pk)
    on = parse_date(request.POST.get("on", ""))
    if on is None:
        messages.error(request, "Give the date of the standardisation.")
    else:
        attempt(request, lambda: services.record_standardisation(
            actor=request.user, registration=registration, on=on,
            evidence=request.POST.get("evidence", "")), "Standardisation recorded.")
    return redirect("verification:overview")


@login_required
def meeting_add(request: HttpRequest, pk: int) -> HttpResponse:
    """The Lead IV records a standardisation meeting for their subject area."""
    area = get_object_or_404(permissions.visible(request.user, LEAD_VERIFY,
                                                 SubjectArea.objects.all()), pk=pk)
    staff = selectors.area_staff(area)
    units = list(Unit.objects.filter(programme__subject_area=area, externally_assessed=False)
                 .select_related("programme"))
    if request.method == "POST":
        chosen = {int(i) for i in request.POST.getlist("participants") if i.isdigit()}
        picked = {int(i) for i in request.POST.getlist("units") if i.isdigit()}
        held_on = parse_date(request.POST.get("held_on", ""))
        if held_on is None:
            messages.error(request, "Give the date the meeting was held.")
        elif attempt(request, lambda: services.record_standardisation_meeting(
                actor=request.user, subject_area=area, held_on=held_on,
                units=[u for u in units if u.pk in picked],
                sample_looked_at=request.POST.get("sample_looked_at", ""),
                outcomes=request.POST.get("outcomes", ""),
                participants=[p for p in staff if p.pk in chosen]),
                "Standardisation meeting recorded."):
            return redirect("verification:overview")
    return render(request, "verification/meeting_form.html",
                  {"area": area, "staff": staff, "units": units,
                   "today": timezone.localdate()})
