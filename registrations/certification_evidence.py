"""Evidence for QO.3.4 (certification), computed from the claim records: claims on time, every
claim confirmed by a second person, certificates checked within three working days, anomalies
resolved."""

from django.db.models import Count, F, Q
from django.urls import reverse
from django.utils import timezone

from qmr.evidence import Evidence, Record, Status, register
from registrations.models import CertificateAnomaly, Claim, ClaimEntry

MEASURE = "QO.3.4"


def nothing_yet(title: str, what: str) -> Evidence:
    """Not yet assessable: nothing has happened that the measure judges, so it is shown as not
    evidenced (never counted as met), not as missing."""
    return Evidence(MEASURE, title, Status.NOT_EVIDENCED,
                    f"{what}, so this cannot be judged from the records yet.",
                    [Record("Certification overview", _overview())])


def _overview() -> str:
    return reverse("registrations:certification-overview")


@register("registrations.claims_on_time", MEASURE, "Certification claims on time")
def claims_on_time(centre) -> Evidence:
    counts = Claim.objects.filter(programme__centre=centre, confirmed_at__isnull=False) \
        .aggregate(all=Count("pk"), late=Count("pk", filter=Q(late=True)),
                   early=Count("pk", filter=Q(early=True)))
    flagged = counts["late"] + counts["early"]
    if not counts["all"]:
        return nothing_yet("Certification claims on time", "No claim has been confirmed yet")
    status = Status.WEAK if flagged else Status.IN_PLACE
    return Evidence(MEASURE, "Certification claims on time", status,
                    f"{counts['all']} claims submitted: {counts['late']} late and "
                    f"{counts['early']} early, each flagged to the Head of Centre.",
                    [Record("Certification overview", _overview())])


@register("registrations.claims_second_person", MEASURE,
          "Every claim confirmed by a second person")
def claims_second_person(centre) -> Evidence:
    claims = Claim.objects.filter(programme__centre=centre)
    counts = claims.aggregate(
        all=Count("pk"), confirmed=Count("pk", filter=Q(confirmed_at__isnull=False)),
        same=Count("pk", filter=Q(confirmed_by=F("submitted_by"))))
    waiting = counts["all"] - counts["confirmed"]
    if not counts["all"]:
        return nothing_yet("Every claim confirmed by a second person",
                           "No claim has been submitted yet")
    status = Status.MISSING if not counts["confirmed"] or counts["same"] else \
        Status.WEAK if waiting else Status.IN_PLACE
    return Evidence(MEASURE, "Every claim confirmed by a second person", status,
                    f"{counts['confirmed']} of {counts['all']} claims confirmed by a second, "
                    f"different person; {waiting} waiting for one.",
                    [Record(str(c), reverse("registrations:claim-detail", args=[c.pk]))
                     for c in claims.filter(confirmed_at__isnull=True)[:50]])


@register("registrations.certificate_checks", MEASURE,
          "Certificates checked within three working days")
def certificate_checks(centre) -> Evidence:
    today = timezone.localdate()
    counts = ClaimEntry.objects.filter(learner__centre=centre,
                                       certificate_received_on__isnull=False).aggregate(
        received=Count("pk"), in_time=Count("pk", filter=Q(checked_on__lte=F("check_due_on"))),
        late=Count("pk", filter=Q(checked_on__gt=F("check_due_on"))),
        overdue=Count("pk", filter=Q(checked_on__isnull=True, check_due_on__lt=today)))
    if not counts["received"]:
        return nothing_yet("Certificates checked within three working days",
                           "No certificate has been received yet")
    status = Status.WEAK if counts["late"] or counts["overdue"] else Status.IN_PLACE
    return Evidence(MEASURE, "Certificates checked within three working days", status,
                    f"{counts['in_time']} of {counts['received']} certificates received were "
                    f"checked against the records within three working days; {counts['late']} "
                    f"later; {counts['overdue']} overdue and not yet checked.",
                    [Record("Certification overview", _overview())])


@register("registrations.certificate_anomalies", MEASURE, "Certificate anomalies resolved")
def certificate_anomalies(centre) -> Evidence:
    anomalies = CertificateAnomaly.objects.filter(entry__learner__centre=centre)
    total = anomalies.count()
    if not total:
        return nothing_yet("Certificate anomalies resolved",
                           "No anomaly has been found on a certificate")
    open_ = list(anomalies.filter(resolved_at__isnull=True).select_related("entry__learner"))
    status = Status.WEAK if open_ else Status.IN_PLACE
    return Evidence(MEASURE, "Certificate anomalies resolved", status,
                    f"{total - len(open_)} of {total} anomalies found on certificates are "
                    f"resolved; certificates with an open anomaly are held.",
                    [Record(str(a), reverse("registrations:claim-detail",
                                            args=[a.entry.claim_id])) for a in open_])
