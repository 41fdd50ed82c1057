"""Policy library pages: the library, a policy (current text, the product's figures beside it,
readers, versions), a version with its history, adopting a starting template, drafting and
signing off, confirming reading and reminding readers."""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from qmr import permissions
from qmr.errors import DomainError
from qmr.feedback import attempt
from qmr.forms import describe_errors
from qmr.policies import figures, selectors, services
from qmr.policies.filters import LibraryFilter
from qmr.policies.forms import ApproveForm, DraftForm
from qmr.policies.models import PolicyKind, VersionStatus
from qmr.policies.starting_templates import template_for
from qmr.roles import MANAGE_POLICIES, SIGN_OFF_POLICIES


def _refused(request: HttpRequest, error: PermissionDenied) -> HttpResponse:
    return render(request, "policies/refused.html", {"message": str(error)}, status=403)


@login_required
def library(request: HttpRequest) -> HttpResponse:
    qs = selectors.visible_policies(request.user).order_by("title")
    filters = LibraryFilter(request.GET or None, queryset=qs)
    rows = selectors.library(request.user, filters.qs if filters.is_valid() else qs)
    return render(request, "policies/library.html", {
        "filters": filters, "policies": rows, "today": timezone.localdate(),
        "several_centres": len({p.centre_id for p in rows}) > 1,
        "to_adopt": selectors.unadopted_kinds(request.user)})


@login_required
def template_adopt(request: HttpRequest, centre_id: int, kind: str) -> HttpResponse:
    centre = selectors.get_centre_for_manager(request.user, centre_id)
    template = template_for(kind)
    if template is None:
        raise Http404("No such policy.")
    if not permissions.can(request.user, MANAGE_POLICIES, centre):
        raise PermissionDenied("Only the Quality Nominee adopts a starting template.")
    if request.method == "POST":
        try:
            version = services.adopt_template(actor=request.user, centre=centre, kind=kind)
        except DomainError as e:
            messages.error(request, str(e))
            return redirect("policies:library")
        messages.success(request, "Adopted as your first draft. Make it your centre's own, "
                                  "then send it for sign-off.")
        return redirect("policies:version-edit", version.pk)
    from qmr.policies import markup

    return render(request, "policies/template_adopt.html", {
        "centre": centre, "template": template, "kind_label": PolicyKind(kind).label,
        "preview": markup.render(template.text_for(centre.name))})


@login_required
def policy_detail(request: HttpRequest, pk: int) -> HttpResponse:
    policy = selectors.get_policy_for_user(request.user, pk)
    a = selectors.access(request.user)
    current = policy.current
    readers = selectors.readers(current) if current else []
    mine = next((r for r in readers if r.person.pk == request.user.pk), None)
    return render(request, "policies/policy_detail.html", {
        "policy": policy, "current": current, "today": timezone.localdate(),
        "figures": figures.figures_for(policy.centre, policy.kind),
        "versions": selectors.versions_for(request.user, policy),
        "read_count": sum(1 for r in readers if r.confirmed_at), "audience_count": len(readers),
        "mine": mine, "sees_readers": policy.centre_id in a.readers,
        "may_manage": policy.centre_id in a.manage})


@login_required
def policy_readers(request: HttpRequest, pk: int) -> HttpResponse:
    policy = selectors.get_policy_for_user(request.user, pk)
    if policy.centre_id not in selectors.access(request.user).readers:
        raise PermissionDenied("Only the Quality Nominee and senior staff see who has read it.")
    readers = selectors.readers(policy.current) if policy.current else []
    return render(request, "policies/policy_readers.html", {
        "policy": policy, "current": policy.current,
        "done": [r for r in readers if r.confirmed_at], "total": len(readers),
        "waiting": [r for r in readers if not r.confirmed_at],
        "may_remind": permissions.can(request.user, MANAGE_POLICIES, policy)})


@login_required
@require_POST
def policy_remind(request: HttpRequest, pk: int) -> HttpResponse:
    policy = selectors.get_policy_for_user(request.user, pk)
    try:
        attempt(request, lambda: services.remind_readers(actor=request.user, policy=policy),
                "Reminders are on their way to everyone who has not confirmed yet.")
    except PermissionDenied as e:
        return _refused(request, e)
    return redirect("policies:policy-readers", policy.pk)


@login_required
@require_POST
def version_new(request: HttpRequest, pk: int) -> HttpResponse:
    policy = selectors.get_policy_for_user(request.user, pk)
    try:
        version = services.start_new_version(actor=request.user, policy=policy)
    except PermissionDenied as e:
        return _refused(request, e)
    except DomainError as e:
        messages.error(request, str(e))
        return redirect("policies:policy-detail", policy.pk)
    messages.success(request, f"Version {version.number} started as a copy of the current one.")
    return redirect("policies:version-edit", version.pk)


@login_required
def version_detail(request: HttpRequest, pk: int) -> HttpResponse:
    version = selectors.get_version_for_user(request.user, pk)
    policy = version.policy
    return render(request, "policies/version_detail.html", {
        "version": version, "policy": policy, "history": selectors.version_history(version),
        "may_edit": version.is_draft and services.may_edit(request.user, version),
        "may_sign": version.is_draft and permissions.can(request.user, SIGN_OFF_POLICIES,
                                                         policy),
        "approve_form": ApproveForm(chair_signs=policy.chair_signs),
        "is_current": version.pk == policy.current_id,
        "figures": figures.figures_for(policy.centre, policy.kind)})


def _draft_fields(form: DraftForm) -> dict[str, Any]:
    data = dict(form.cleaned_data)
    data["audience"] = list(data["audience"])
    return data


@login_required
def version_edit(request: HttpRequest, pk: int) -> HttpResponse:
    version = selectors.get_version_for_user(request.user, pk)
    if version.status != VersionStatus.DRAFT:
        messages.error(request, f"Version {version.number} is approved and is never changed. "
                                f"Start a new version to change the policy.")
        return redirect("policies:version-detail", version.pk)
    if not services.may_edit(request.user, version):
        raise PermissionDenied("Only the draft's author or the Quality Nominee edits it.")
    centre = version.policy.centre
    form = DraftForm(request.POST or None, centre=centre, initial=DraftForm.initial_for(version))
    if request.method == "POST" and form.is_valid() and attempt(
            request, lambda: services.edit_draft(actor=request.user, version=version,
                                                 **_draft_fields(form)), "Draft saved."):
        return redirect("policies:version-detail", version.pk)
    return render(request, "policies/version_edit.html",
                  {"version": version, "policy": version.policy, "form": form})


@login_required
@require_POST
def version_submit(request: HttpRequest, pk: int) -> HttpResponse:
    version = selectors.get_version_for_user(request.user, pk)
    try:
        attempt(request, lambda: services.submit_for_sign_off(actor=request.user,
                                                              version=version),
                "Sent to the Head of Centre for sign-off.")
    except PermissionDenied as e:
        return _refused(request, e)
    return redirect("policies:version-detail", version.pk)


@login_required
@require_POST
def version_approve(request: HttpRequest, pk: int) -> HttpResponse:
    version = selectors.get_version_for_user(request.user, pk)
    form = ApproveForm(request.POST, chair_signs=version.policy.chair_signs)
    if not form.is_valid():
        messages.error(request, describe_errors(form))
        return redirect("policies:version-detail", version.pk)
    try:
        attempt(request, lambda: services.approve_version(
            actor=request.user, version=version, **form.cleaned_data),
            "Signed off. This is now the current version; everyone it is addressed to is "
            "asked to read it.")
    except PermissionDenied as e:
        return _refused(request, e)
    return redirect("policies:version-detail", version.pk)


@login_required
@require_POST
def version_confirm_read(request: HttpRequest, pk: int) -> HttpResponse:
    version = selectors.get_version_for_user(request.user, pk)
    attempt(request, lambda: services.confirm_read(actor=request.user, version=version),
            "Thank you: your confirmation that you have read it is recorded.")
    return redirect("policies:policy-detail", version.policy_id)
