"""Reads for the certification pages: the Exams Officer's claims queue, the Programme Leader's
reports to check, the Quality Nominee's overview and a learner's certificate status. Each is a
fixed number of queries however many claims there are."""

from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Exists, F, OuterRef, Prefetch, Q
from django.utils import timezone
from django.utils.formats import date_format

from qmr import permissions
from qmr.roles import MANAGE_REGISTRATIONS, SIGN_CLASS_LIST, VIEW_RECORDS
from registrations.models import (
    CertificateAnomaly,
    Claim,
    ClaimEntry,
    Learner,
    Programme,
    ResultCorrectionAfterClaim,
    StudentReport,
)

OPEN_ANOMALY = CertificateAnomaly.objects.filter(entry=OuterRef("pk"), resolved_at__isnull=True)


def _entries(user: Any, perm: str) -> Any:
    return (permissions.visible(user, perm, ClaimEntry.objects.all())
            .filter(claim__confirmed_at__isnull=False)
            .annotate(held=Exists(OPEN_ANOMALY))
            .select_related("learner", "claim__programme", "report"))


def claims_queue(user: Any) -> dict:
    """The Exams Officer's certification work, step by step."""
    ready = (permissions.visible(user, MANAGE_REGISTRATIONS, StudentReport.objects.filter(
        checked_at__isnull=False, withdrawn_at__isnull=True, claim_entry__isnull=True))
        .select_related("learner__programme").order_by("learner__programme__title",
                                                       "learner__last_name"))
    by_programme: dict[Programme, list] = defaultdict(list)
    for report in ready:
        by_programme[report.learner.programme].append(report)
    entries = _entries(user, MANAGE_REGISTRATIONS)
    return {
        "ready": sorted(by_programme.items(), key=lambda item: item[0].title),
        "unconfirmed": list(permissions.visible(user, MANAGE_REGISTRATIONS, Claim.objects.filter(
            confirmed_at__isnull=True)).select_related("programme", "submitted_by")
            .annotate(learners=Count("entries"))),
        "awaiting": list(permissions.visible(user, MANAGE_REGISTRATIONS, Claim.objects.filter(
            confirmed_at__isnull=False, entries__certificate_received_on__isnull=True))
            .select_related("programme").annotate(waiting=Count("entries")).order_by(
                "confirmed_at")),
        "to_check": list(entries.filter(certificate_received_on__isnull=False,
                                        checked_on__isnull=True, held=False)
                         .order_by("check_due_on")),
        "anomalies": list(permissions.visible(user, MANAGE_REGISTRATIONS,
                                              CertificateAnomaly.objects.filter(
                                                  resolved_at__isnull=True))
                          .select_related("entry__learner", "reported_by")),
        "to_issue": list(entries.filter(checked_on__isnull=False, issued_on__isnull=True)),
        "today": timezone.localdate(),
    }


def reports_to_check(user: Any) -> list[StudentReport]:
    """Student reports the Programme Leader has still to check."""
    return list(permissions.visible(user, SIGN_CLASS_LIST, StudentReport.objects.filter(
        checked_at__isnull=True, withdrawn_at__isnull=True))
        .select_related("learner", "completed_by"))


def claim_detail(claim: Claim) -> dict:
    entries = list(claim.entries.annotate(held=Exists(OPEN_ANOMALY)).select_related(
        "learner", "report", "checked_by", "issued_by").prefetch_related(
        Prefetch("anomalies", queryset=CertificateAnomaly.objects.select_related(
            "reported_by", "resolved_by"))))
    return {"claim": claim, "entries": entries,
            "not_received": [e for e in entries if not e.certificate_received_on]}


@dataclass
class ProgrammeCertification:
    programme: Programme
    claims: int
    confirmed: int
    on_time: int
    late: int
    early: int
    received: int
    checked_in_time: int
    checked_late: int
    unchecked_overdue: int
    anomalies_open: int
    issued: int


def certification_overview(user: Any) -> dict:
    """Across programmes: claims on time, second-person confirmations, certificate checks within
    three working days, anomalies open, and results corrected after a claim."""
    today = timezone.localdate()
    programmes = (permissions.visible(user, VIEW_RECORDS, Programme.objects.all())
                  .annotate(
                      n_claims=Count("claims", distinct=True),
                      n_confirmed=Count("claims", filter=Q(claims__confirmed_at__isnull=False),
                                        distinct=True),
                      n_late=Count("claims", filter=Q(claims__late=True), distinct=True),
                      n_early=Count("claims", filter=Q(claims__early=True), distinct=True))
                  .filter(n_claims__gt=0).order_by("title"))
    entry_counts = (permissions.visible(user, VIEW_RECORDS, ClaimEntry.objects.all())
                    .values("claim__programme").annotate(
                        received=Count("pk", filter=Q(certificate_received_on__isnull=False)),
                        in_time=Count("pk", filter=Q(checked_on__lte=F("check_due_on"))),
                        late=Count("pk", filter=Q(checked_on__gt=F("check_due_on"))),
                        overdue=Count("pk", filter=Q(checked_on__isnull=True,
                                                     check_due_on__lt=today)),
                        issued=Count("pk", filter=Q(issued_on__isnull=False))))
    counts = {row["claim__programme"]: row for row in entry_counts}
    open_anomalies = (permissions.visible(user, VIEW_RECORDS, CertificateAnomaly.objects.filter(
        resolved_at__isnull=True)).select_related("entry__learner__programme", "reported_by"))
    anomalies_by_programme: dict[int, int] = defaultdict(int)
    anomalies = list(open_anomalies)
    for anomaly in anomalies:
        anomalies_by_programme[anomaly.entry.learner.programme_id] += 1
    rows = []
    for p in programmes:
        c = counts.get(p.pk, {})
        rows.append(ProgrammeCertification(
            programme=p, claims=p.n_claims, confirmed=p.n_confirmed,
            on_time=p.n_confirmed - p.n_late, late=p.n_late, early=p.n_early,
            received=c.get("received", 0), checked_in_time=c.get("in_time", 0),
            checked_late=c.get("late", 0), unchecked_overdue=c.get("overdue", 0),
            anomalies_open=anomalies_by_programme[p.pk], issued=c.get("issued", 0)))
    corrections = list(permissions.visible(user, VIEW_RECORDS,
                                           ResultCorrectionAfterClaim.objects.all())
                       .select_related("learner", "made_by")[:200])
    return {"rows": rows, "anomalies": anomalies, "corrections": corrections}


@dataclass
class CertificateStatus:
    label: str
    detail: str


def certificate_status(learner: Learner) -> CertificateStatus | None:
    """Where the learner's certificate is, in words the learner understands."""
    report = learner.student_reports.filter(withdrawn_at__isnull=True).select_related(
        "claim_entry__claim").first()
    if report is None:
        return None
    entry = getattr(report, "claim_entry", None)
    what = report.get_kind_display().lower()
    if entry is None or not entry.claim.confirmed_at:
        return CertificateStatus("Being prepared", f"Your {what} claim is being prepared by "
                                 f"the centre.")
    if entry.issued_on:
        return CertificateStatus("Issued", f"Your certificate was issued to you on "
                                 f"{date_format(entry.issued_on, 'j F Y')}.")
    if entry.anomalies.filter(resolved_at__isnull=True).exists():
        return CertificateStatus("Held", "Your certificate arrived but does not match your "
                                 "records; the centre is putting it right with the awarding "
                                 "body.")
    if entry.certificate_received_on:
        return CertificateStatus("Received", "Your certificate has arrived and is being "
                                 "checked before it is given to you.")
    claimed_on = date_format(timezone.localtime(entry.claim.confirmed_at), "j F Y")
    return CertificateStatus("Claimed", f"The centre claimed your {what} on {claimed_on}; the "
                             f"certificate has not arrived yet.")
