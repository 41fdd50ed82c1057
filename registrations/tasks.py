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
        subject=f"Registration flagged: {flag.learner} ({flag.get_kind_display().lower()})",
        message=(
            f"A registration has been flagged as {flag.get_kind_display().lower()}:\n\n"
            f"{flag.description}\n\nPlease acknowledge it by {flag.acknowledge_by:%A %d %B %Y}"
            f" (two working days) and decide whether malpractice procedures apply.\n\n"
            f"Learner record: {url}\n"
        ),
        from_email=None,
        recipient_list=recipients,
    )
    return len(recipients)
