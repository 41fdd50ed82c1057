"""Celery tasks of registrations: take IDs, fetch again, do one thing."""

from celery import shared_task
from django.core.mail import send_mail
from django.urls import reverse

from qmr.models import Appointment
from qmr.roles import Role


@shared_task(acks_late=True)
def notify_flag_raised(flag_id: int) -> int:
    """E-mail the centre's Head of Centre about a flagged registration. Returns mails sent."""
    from registrations.models import RegistrationFlag

    flag = RegistrationFlag.objects.select_related("learner__centre").filter(pk=flag_id).first()
    if flag is None or flag.acknowledged_at:
        return 0
    heads = Appointment.objects.active().filter(
        centre=flag.learner.centre, role=Role.HEAD_OF_CENTRE).select_related("person")
    recipients = sorted({a.person.email for a in heads})
    if not recipients:
        return 0
    url = reverse("registrations:learner-detail", args=[flag.learner_id])
    send_mail(
        subject=f"{flag.get_concerns_display().capitalize()} flagged: {flag.learner} "
                f"({flag.get_kind_display().lower()})",
        message=(
            f"A {flag.get_concerns_display()} has been flagged as "
            f"{flag.get_kind_display().lower()}:\n\n"
            f"{flag.description}\n\nPlease acknowledge it by {flag.acknowledge_by:%A %d %B %Y}"
            f" (two working days) and decide whether malpractice procedures apply.\n\n"
            f"Learner record: {url}\n"
        ),
        from_email=None,
        recipient_list=recipients,
    )
    return len(recipients)


@shared_task(acks_late=True)
def notify_certificate_anomaly(anomaly_id: int) -> int:
    """E-mail the centre's Quality Nominee about a certificate that does not match the records.
    Returns mails sent."""
    from registrations.models import CertificateAnomaly

    anomaly = CertificateAnomaly.objects.select_related("entry__learner__centre").filter(
        pk=anomaly_id).first()
    if anomaly is None or anomaly.resolved_at:
        return 0
    learner = anomaly.entry.learner
    nominees = Appointment.objects.active().filter(
        centre=learner.centre, role=Role.QUALITY_NOMINEE).select_related("person")
    recipients = sorted({a.person.email for a in nominees})
    if not recipients:
        return 0
    send_mail(
        subject=f"Certificate anomaly: {learner} ({anomaly.get_kind_display().lower()})",
        message=(
            f"The certificate received for {learner} does not match the records:\n\n"
            f"{anomaly.description}\n\nThe certificate is held until this is resolved with "
            f"the awarding body.\n\nCertification overview: "
            f"{reverse('registrations:certification-overview')}\n"
        ),
        from_email=None,
        recipient_list=recipients,
    )
    return len(recipients)
