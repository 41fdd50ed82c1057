"""Certification pages. Thin: find what the person may see, call the step, say what happened."""

from datetime import date

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from qmr import permissions
from qmr.feedback import attempt
from qmr.jobs import services as jobs
from qmr.models import Centre
from qmr.roles import MANAGE_REGISTRATIONS, VIEW_RECORDS
from registrations import certification, claim_checks, documents, selectors
from registrations import certification_selectors as reads
from registrations.models import CertificateAnomaly, Claim, ClaimEntry, StudentReport


@login_required
def claims_queue(request: HttpRequest) -> HttpResponse:
    if not permissions.scope_pks(request.user, MANAGE_REGISTRATIONS, Centre):
        raise PermissionDenied("The claims queue is the Exams Officer's.")
    return render(request, "registrations/claims_queue.html", reads.claims_queue(request.user))


@login_required
@require_POST
def claim_submit(request: HttpRequest, programme_id: int) -> HttpResponse:
    programme = selectors.get_programme_for_user(request.user, programme_id)
    ids = [int(v) for v in request.POST.getlist("report") if v.isdigit()]
    reports = list(StudentReport.objects.filter(pk__in=ids, learner__programme=programme))
    claim_holder: list[Claim] = []
    if attempt(request, lambda: claim_holder.append(certification.submit_claim(
            actor=request.user, programme=programme, reports=reports)),
            "Claim submitted. It counts only once a second person confirms it."):
        return redirect("registrations:claim-detail", claim_holder[0].pk)
    return redirect("registrations:claims-queue")


@login_required
def claim_detail(request: HttpRequest, pk: int) -> HttpResponse:
    claim = selectors.get_readable(request.user, Claim.objects.select_related(
        "programme", "submitted_by", "confirmed_by"), pk, "claim")
    return render(request, "registrations/claim_detail.html", {
        **reads.claim_detail(claim),
        "may_confirm": not claim.confirmed_at and certification.may_confirm(request.user, claim),
        "may_record": permissions.can(request.user, MANAGE_REGISTRATIONS, claim.programme),
        "anomaly_kinds": CertificateAnomaly.Kind.choices,
    })


@login_required
@require_POST
def claim_confirm(request: HttpRequest, pk: int) -> HttpResponse:
    claim = selectors.get_readable(request.user, Claim.objects.all(), pk, "claim")
    attempt(request, lambda: certification.confirm_claim(actor=request.user, claim=claim),
            "Claim confirmed: it now counts as submitted.")
    return redirect("registrations:claim-detail", claim.pk)


@login_required
@require_POST
def certificates_received(request: HttpRequest, pk: int) -> HttpResponse:
    claim = selectors.get_readable(request.user, Claim.objects.select_related("programme__centre"),
                                   pk, "claim")
    ids = [int(v) for v in request.POST.getlist("entry") if v.isdigit()]
    try:
        received_on = date.fromisoformat(request.POST.get("received_on", ""))
    except ValueError:
        received_on = None
    attempt(request, lambda: certification.record_certificates_received(
        actor=request.user, claim=claim, entries=list(claim.entries.filter(pk__in=ids)),
        received_on=received_on),
        "Recorded. Check each certificate against the records within three working days.")
    return redirect("registrations:claim-detail", claim.pk)


@login_required
@require_POST
def certificate_check(request: HttpRequest, pk: int) -> HttpResponse:
    entry = selectors.get_readable(request.user, ClaimEntry.objects.all(), pk, "certificate")
    matches = {"yes": True, "no": False}.get(request.POST.get("matches", ""))
    attempt(request, lambda: certification.check_certificate(
        actor=request.user, entry=entry, matches=matches,
        kind=request.POST.get("kind", ""), description=request.POST.get("description", "")),
        "Certificate checked." if matches else
        "Anomaly recorded: the certificate is held and the Quality Nominee has been told.")
    return redirect("registrations:claim-detail", entry.claim_id)


@login_required
@require_POST
def certificate_issue(request: HttpRequest, pk: int) -> HttpResponse:
    entry = selectors.get_readable(request.user, ClaimEntry.objects.all(), pk, "certificate")
    attempt(request, lambda: certification.issue_certificate(actor=request.user, entry=entry),
            "Certificate issued to the learner.")
    return redirect("registrations:claim-detail", entry.claim_id)


@login_required
@require_POST
def anomaly_resolve(request: HttpRequest, pk: int) -> HttpResponse:
    anomaly = selectors.get_readable(request.user, CertificateAnomaly.objects.all(), pk,
                                     "anomaly")
    attempt(request, lambda: certification.resolve_anomaly(
        actor=request.user, anomaly=anomaly, resolution=request.POST.get("resolution", "")),
        "Resolved. Check the amended certificate before issuing it.")
    return redirect("registrations:claim-detail", anomaly.entry.claim_id)


@login_required
def student_report_new(request: HttpRequest, pk: int) -> HttpResponse:
    """The Lead IV sees what the records support and completes the report."""
    learner = selectors.get_learner_for_user(request.user, pk)
    if not certification.may_complete_report(request.user, learner):
        raise PermissionDenied("Only the programme's Lead IV completes student reports.")
    if request.method == "POST":
        kind = request.POST.get("kind")
        unit_ids = None if kind == "full" else frozenset(
            int(v) for v in request.POST.getlist("unit") if v.isdigit())
        if attempt(request, lambda: certification.complete_student_report(
                actor=request.user, learner=learner, unit_ids=unit_ids),
                "Student report completed. The Programme Leader checks it next."):
            return redirect("registrations:learner-detail", learner.pk)
    achievement = claim_checks.achievements([learner], learner.programme)[learner.pk]
    findings = claim_checks.run_claim_checks(
        [learner], claim_checks.ClaimScope(programme=learner.programme))[learner.pk]
    return render(request, "registrations/student_report_new.html",
                  {"learner": learner, "achievement": achievement, "findings": findings})


@login_required
def student_report_detail(request: HttpRequest, pk: int) -> HttpResponse:
    report = selectors.get_readable(request.user, StudentReport.objects.select_related(
        "learner__programme", "completed_by", "checked_by"), pk, "student report")
    return render(request, "registrations/student_report_detail.html", {"report": report})


@login_required
@require_POST
def student_report_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    """Ask for the student report as a PDF, made in the background."""
    report = selectors.get_readable(request.user, StudentReport.objects.select_related(
        "learner__centre"), pk, "student report")
    job = jobs.request_job(
        actor=request.user, kind=documents.STUDENT_REPORT, centre=report.learner.centre,
        title=f"Student report: {report.learner} (PDF)",
        params={"report": report.pk,
                "back_url": reverse("registrations:student-report-detail", args=[report.pk]),
                "back_label": "The student report"})
    return redirect("jobs:detail", job.pk)


@login_required
@require_POST
def student_report_check(request: HttpRequest, pk: int) -> HttpResponse:
    report = selectors.get_readable(request.user, StudentReport.objects.all(), pk, "student report")
    attempt(request, lambda: certification.check_student_report(actor=request.user,
                                                                report=report),
            "Checked. The Exams Officer can now include it in a claim.")
    return redirect("registrations:student-report-detail", report.pk)


@login_required
def certification_overview(request: HttpRequest) -> HttpResponse:
    if not permissions.scope_pks(request.user, VIEW_RECORDS, Centre):
        raise PermissionDenied("The certification overview is for centre-wide roles.")
    return render(request, "registrations/certification_overview.html",
                  reads.certification_overview(request.user))
