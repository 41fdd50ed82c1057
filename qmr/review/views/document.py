"""The Centre Engagement Document (or Annual Quality Declaration): read any version, edit
the draft, the Head of Centre's signature, submission, and a new version after submission."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.views.decorators.http import require_POST

from qmr import permissions
from qmr.feedback import attempt
from qmr.forms import describe_errors
from qmr.jobs import services as jobs
from qmr.review import document_rules, documents, selectors, services
from qmr.review.forms import DocumentForm, ReasonForm
from qmr.review.models import CycleKind
from qmr.roles import PREPARE_REVIEW, SIGN_DECLARATION


@login_required
@require_POST
def document_start(request: HttpRequest, pk: int) -> HttpResponse:
    cycle = selectors.get_cycle_for_user(request.user, pk)
    made = []
    if attempt(request, lambda: made.append(services.start_document(actor=request.user,
                                                                    cycle=cycle)),
               "The document is started: fill in each section."):
        return redirect("review:document", made[0].pk)
    return redirect("review:cycle", cycle.pk)


@login_required
def document_detail(request: HttpRequest, pk: int) -> HttpResponse:
    document = selectors.get_document_for_user(request.user, pk)
    user = request.user
    editable = not document.is_locked and permissions.can(user, PREPARE_REVIEW, document)
    form = DocumentForm(request.POST or None, document=document) if editable else None
    if request.method == "POST":
        permissions.require(user, PREPARE_REVIEW, document)
        if form is None:
            messages.error(request, "This version cannot be changed here.")
            return redirect("review:document", document.pk)
        if form.is_valid() and attempt(request, lambda: services.save_document(
                actor=user, document=document, **form.service_arguments()), "Saved."):
            return redirect("review:document", document.pk)
        if not form.is_valid():
            messages.error(request, describe_errors(form))
        document = selectors.get_document_for_user(user, pk)
    gaps = document_rules.gaps(document)
    versions = list(selectors.readable_documents(user, document.cycle).order_by("-number"))
    return render(request, "review/document.html", {
        "document": document, "cycle": document.cycle, "form": form, "editable": editable,
        "gaps": gaps, "unfinished": document_rules.unfinished(document),
        "sections": document_rules.sections(document),
        "declaration_complete": not gaps["declaration"],
        "aqd": document.cycle.definition.kind == CycleKind.ANNUAL_DECLARATION,
        "deadline": document_rules.deadline(document),
        "may_sign": not document.is_locked and permissions.can(user, SIGN_DECLARATION, document),
        "may_revise": document.is_locked and versions and versions[0].pk == document.pk
        and permissions.can(user, PREPARE_REVIEW, document),
        "versions": versions, "reason_form": ReasonForm()})


@login_required
@require_POST
def document_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    """Ask for this version as a PDF, made in the background."""
    document = selectors.get_document_for_user(request.user, pk)
    cycle = document.cycle
    job = jobs.request_job(
        actor=request.user, kind=documents.DOCUMENT, centre=cycle.centre,
        title=f"Centre Engagement Document {cycle.academic_year}, version {document.number} "
              "(PDF)",
        params={"document": document.pk,
                "back_url": reverse("review:document", args=[document.pk]),
                "back_label": "The document"})
    return redirect("jobs:detail", job.pk)


@login_required
@require_POST
def document_sign(request: HttpRequest, pk: int) -> HttpResponse:
    document = selectors.get_document_for_user(request.user, pk)
    attempt(request, lambda: services.sign_declaration(actor=request.user, document=document),
            "You have signed the re-declaration.")
    return redirect("review:document", document.pk)


@login_required
@require_POST
def document_submit(request: HttpRequest, pk: int) -> HttpResponse:
    document = selectors.get_document_for_user(request.user, pk)
    attempt(request, lambda: services.submit_document(actor=request.user, document=document),
            "Submitted to the reviewer. This version is now locked.")
    return redirect("review:document", document.pk)


@login_required
@require_POST
def document_revise(request: HttpRequest, pk: int) -> HttpResponse:
    document = selectors.get_document_for_user(request.user, pk)
    permissions.require(request.user, PREPARE_REVIEW, document)
    form = ReasonForm(request.POST)
    if not form.is_valid():
        messages.error(request, describe_errors(form))
        return redirect("review:document", document.pk)
    made = []
    attempt(request, lambda: made.append(services.revise_document(
        actor=request.user, document=document, reason=form.cleaned_data["reason"])),
        "A new version is started from the submitted one, which stays as it was sent.")
    return redirect("review:document", made[0].pk if made else document.pk)


urlpatterns = [
    path("cycles/<int:pk>/document/start/", document_start, name="document-start"),
    path("documents/<int:pk>/", document_detail, name="document"),
    path("documents/<int:pk>/pdf/", document_pdf, name="document-pdf"),
    path("documents/<int:pk>/sign/", document_sign, name="document-sign"),
    path("documents/<int:pk>/submit/", document_submit, name="document-submit"),
    path("documents/<int:pk>/new-version/", document_revise, name="document-revise"),
]
