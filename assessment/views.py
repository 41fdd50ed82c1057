"""Assessment pages: plans, assignments and briefs, submissions and decisions, the learner's
own work, and the Lead IV's resubmission requests. Thin: access -> form -> service."""


from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from assessment import documents, forms, selectors, services
from assessment.hooks import work_links
from assessment.models import Attempt
from qmr import permissions
from qmr.errors import DomainError
from qmr.feedback import attempt
from qmr.forms import describe_errors
from qmr.jobs import services as jobs
from qmr.roles import LEAD_VERIFY, VERIFY
from registrations.models import Learner


@login_required
def plan_list(request: HttpRequest) -> HttpResponse:
    return render(request, "assessment/plan_list.html",
                  {"plans": selectors.plans_for_user(request.user)})


@login_required
def plan_detail(request: HttpRequest, pk: int) -> HttpResponse:
    plan = selectors.get_plan_for_user(request.user, pk)
    may_plan = services.may_plan(request.user, plan.programme)
    return render(request, "assessment/plan_detail.html", {
        "plan": plan, **selectors.plan_detail(plan), "may_plan": may_plan,
        "may_sign": permissions.can(request.user, LEAD_VERIFY, plan.programme),
        "form": forms.AssignmentForm(programme=plan.programme) if may_plan else None,
    })


@login_required
@require_POST
def plan_action(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    plan = selectors.get_plan_for_user(request.user, pk)
    if action == "sign-off":
        attempt(request, lambda: services.sign_off_plan(actor=request.user, plan=plan),
                 "You signed the plan off.")
    elif action == "revise":
        try:
            new = services.revise_plan(actor=request.user, plan=plan)
        except DomainError as e:
            messages.error(request, str(e))
        else:
            messages.success(request, f"Version {new.version} started from this one.")
            return redirect("assessment:plan-detail", new.pk)
    elif action == "add-assignment":
        if not services.may_plan(request.user, plan.programme):
            raise PermissionDenied("Only the Programme Leader or Lead IV plans this.")
        form = forms.AssignmentForm(request.POST, programme=plan.programme)
        if form.is_valid():
            attempt(request, lambda: services.add_assignment(
                actor=request.user, plan=plan, **form.cleaned_data), "Assignment added.")
        else:
            messages.error(request, "Check the assignment: " + describe_errors(form))
    else:
        raise Http404("No such action.")
    return redirect("assessment:plan-detail", plan.pk)


@login_required
def assignment_detail(request: HttpRequest, pk: int) -> HttpResponse:
    assignment = selectors.get_assignment_for_user(request.user, pk)
    programme = assignment.plan.programme
    return render(request, "assessment/assignment_detail.html", {
        "assignment": assignment, **selectors.assignment_detail(assignment),
        "may_verify": permissions.can(request.user, VERIFY, programme),
        "is_assessor": services.may_issue(request.user, assignment),
        "may_extend": services.may_extend(request.user, assignment),
    })


@login_required
@require_POST
def brief_issue(request: HttpRequest, pk: int) -> HttpResponse:
    assignment = selectors.get_assignment_for_user(request.user, pk)
    if not services.may_issue(request.user, assignment):
        raise PermissionDenied("The assignment's assessor or the Programme Leader issues it.")
    cohort = assignment.plan.programme.cohorts.filter(pk=request.POST.get("cohort")).first()
    if cohort is None:
        messages.error(request, "Choose the cohort to issue the brief to.")
    else:
        attempt(request, lambda: services.issue_brief(actor=request.user,
                                                       assignment=assignment, cohort=cohort),
                 f"The brief was issued to {cohort}.")
    return redirect("assessment:assignment-detail", assignment.pk)


@login_required
def my_assessing(request: HttpRequest) -> HttpResponse:
    return render(request, "assessment/my_assessing.html", selectors.assessor_work(request.user))


@login_required
def submission_detail(request: HttpRequest, pk: int) -> HttpResponse:
    submission = selectors.get_submission_for_user(request.user, pk)
    detail = selectors.submission_detail(submission)
    own = submission.learner.user_id == request.user.pk
    if own and not (detail["latest"] and detail["latest"].released_at):
        detail["decisions"], detail["latest"] = [], None  # not released to the learner yet
    return render(request, "assessment/submission_detail.html", {
        "submission": submission, **detail, "own": own,
        "is_assessor": request.user.pk == submission.assignment.assessor_id,
        "links": work_links.gather(request.user, submission, detail["latest"]),
    })


@login_required
@require_POST
def submission_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    """Ask for the learner's assessment record of the assignment as a PDF, made in the
    background. The learner's own copy holds only what was released to them."""
    submission = selectors.get_submission_for_user(request.user, pk)
    own = submission.learner.user_id == request.user.pk
    job = jobs.request_job(
        actor=request.user, kind=documents.RECORD, centre=submission.learner.centre,
        title=f"Assessment record: {submission.learner}, {submission.assignment} (PDF)",
        params={"submission": submission.pk, "learner_copy": own,
                "back_url": reverse("assessment:submission-detail", args=[submission.pk]),
                "back_label": "The work and its result"})
    return redirect("jobs:detail", job.pk)


def _results(request: HttpRequest, criteria: list) -> dict[int, tuple[bool, str]]:
    return {c.pk: (request.POST.get(f"achieved-{c.pk}") == "yes",
                   request.POST.get(f"feedback-{c.pk}", "").strip())
            for c in criteria if request.POST.get(f"achieved-{c.pk}") in ("yes", "no")}


@login_required
@require_POST
def submission_decide(request: HttpRequest, pk: int) -> HttpResponse:
    submission = selectors.get_submission_for_user(request.user, pk)
    if request.user.pk != submission.assignment.assessor_id:
        raise PermissionDenied("Only the assignment's assessor records decisions.")
    criteria = list(submission.assignment.criteria.all())
    results = _results(request, criteria)
    attempt(request, lambda: services.record_decision(
        actor=request.user, submission=submission, results=results,
        feedback=request.POST.get("feedback", ""),
        authentic=request.POST.get("authentic") == "on",
        can_improve_without_guidance=request.POST.get("can_improve") == "on"),
        "Decision recorded. Release it to the learner when it may be returned.")
    return redirect("assessment:submission-detail", submission.pk)


@login_required
@require_POST
def submission_action(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    submission = selectors.get_submission_for_user(request.user, pk)
    latest = services.latest_decision(submission)
    actions = {
        "release": (lambda: services.release_result(actor=request.user, decision=latest),
                    "The result is released to the learner."),
        "received": (lambda: services.confirm_received(actor=request.user, decision=latest),
                     "Recorded: the result was received today."),
        "request-resubmission": (lambda: services.request_resubmission(
            actor=request.user, submission=submission),
            "Resubmission requested: the Lead IV decides."),
    }
    if action not in actions:
        raise Http404("No such action.")
    if latest is None and action != "request-resubmission":
        messages.error(request, "There is no decision yet.")
    else:
        attempt(request, *actions[action])
    return redirect("assessment:submission-detail", submission.pk)


@login_required
def my_work(request: HttpRequest) -> HttpResponse:
    return render(request, "assessment/my_work.html", {
        **selectors.learner_work(request.user), "form": forms.SubmitForm()})


@login_required
@require_POST
def hand_in(request: HttpRequest, issue_pk: int) -> HttpResponse:
    learner = Learner.objects.filter(user=request.user).first()
    issue = selectors.issue_for_learner(learner, issue_pk)
    form = forms.SubmitForm(request.POST, request.FILES)
    if not form.is_valid():
        messages.error(request, " ".join(e for errors in form.errors.values() for e in errors))
        return redirect("assessment:my-work")
    upload = request.FILES["files"]
    kind = Attempt.RESUBMISSION if request.POST.get("attempt") == "resubmission" \
        else Attempt.FIRST
    attempt(request, lambda: services.submit_evidence(
        actor=request.user, assignment=issue.assignment, learner=learner,
        files=[services.Upload(upload.name, upload, upload.size)],
        declaration=form.cleaned_data["declaration"],
        ai_tools_used=form.cleaned_data["ai_tools_used"], attempt=kind),
        "Handed in. Your assessor has it now.")
    return redirect("assessment:my-work")


@login_required
def evidence_download(request: HttpRequest, pk: int) -> FileResponse:
    evidence = selectors.get_evidence_file_for_user(request.user, pk)
    return FileResponse(evidence.file.open("rb"), as_attachment=True, filename=evidence.name)


@login_required
def resubmission_list(request: HttpRequest) -> HttpResponse:
    return render(request, "assessment/resubmission_list.html", {
        "requests": selectors.resubmissions_to_decide(request.user),
        "form": forms.ResubmissionDecisionForm()})


@login_required
@require_POST
def resubmission_decide(request: HttpRequest, pk: int, decision: str) -> HttpResponse:
    resubmission = selectors.get_resubmission_for_user(request.user, pk)
    programme = resubmission.submission.assignment.plan.programme
    permissions.require(request.user, LEAD_VERIFY, programme)
    form = forms.ResubmissionDecisionForm(request.POST)
    form.is_valid()
    data = form.cleaned_data
    if decision == "authorise":
        if not data.get("deadline"):
            messages.error(request, "Give the resubmission deadline.")
        else:
            attempt(request, lambda: services.authorise_resubmission(
                actor=request.user, request=resubmission, deadline=data["deadline"]),
                "Resubmission authorised.")
    elif decision == "refuse":
        attempt(request, lambda: services.refuse_resubmission(
            actor=request.user, request=resubmission, reason=data.get("reason", "")),
            "Resubmission refused.")
    else:
        raise Http404("No such decision.")
    return redirect("assessment:resubmission-list")


@login_required
def extension_add(request: HttpRequest, pk: int) -> HttpResponse:
    """The assessor (or Lead IV) agrees an extension with a learner, recorded with who agreed."""
    assignment = selectors.get_assignment_for_user(request.user, pk)
    if not services.may_extend(request.user, assignment):
        raise PermissionDenied("The assessor or the Lead IV agrees extensions.")
    form = forms.ExtensionForm(request.POST or None, assignment=assignment)
    if request.method == "POST" and form.is_valid() and attempt(
            request, lambda: services.agree_extension(actor=request.user, assignment=assignment,
                                                      **form.cleaned_data),
            "Extension agreed and recorded."):
        return redirect("assessment:assignment-detail", assignment.pk)
    return render(request, "assessment/extension_form.html",
                  {"assignment": assignment, "form": form,
                   "extensions": assignment.extensions.select_related("learner", "agreed_by")})


@login_required
def decision_correct(request: HttpRequest, pk: int) -> HttpResponse:
    """Correct a decision: a new, attributed record with its reason; the old one stays."""
    submission = selectors.get_submission_for_user(request.user, pk)
    latest = services.latest_decision(submission)
    if latest is None or not services.may_correct(request.user, submission):
        raise PermissionDenied("The assessor or the Lead IV corrects a recorded decision.")
    criteria = list(submission.assignment.criteria.all())
    if request.method == "POST" and attempt(request, lambda: services.correct_decision(
            actor=request.user, decision=latest, results=_results(request, criteria),
            feedback=request.POST.get("feedback", ""), reason=request.POST.get("reason", "")),
            "Correction recorded as a new decision."):
        return redirect("assessment:submission-detail", submission.pk)
    current = {r.criterion_id: r for r in latest.results.all()}
    return render(request, "assessment/decision_correct.html", {
        "submission": submission, "latest": latest,
        "rows": [(c, current.get(c.pk)) for c in criteria]})
