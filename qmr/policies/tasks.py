"""Celery tasks of the policy library: take IDs, fetch again, call a service."""

from celery import shared_task


@shared_task(acks_late=True)
def send_read_reminder(reminder_id: int) -> bool:
    """E-mail one read reminder; quietly nothing if it is gone or already done."""
    from qmr.policies import services
    from qmr.policies.models import ReadReminder

    reminder = ReadReminder.objects.filter(pk=reminder_id).first()
    if reminder is None:
        return False
    return services.send_reminder(reminder=reminder)
