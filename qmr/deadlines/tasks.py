"""Celery tasks of the deadline engine (their timings: CELERY_BEAT_SCHEDULE). Both are safe
to run twice at once: refreshing converges on the records and reminders are claimed rows."""

from celery import shared_task


@shared_task(acks_late=True)
def refresh_and_sweep() -> dict:
    """Bring every centre's deadlines up to date, then claim the reminders now due."""
    from qmr.deadlines import reminders, services

    services.refresh_all()
    return reminders.sweep()


@shared_task(acks_late=True)
def send_digests() -> int:
    from qmr.deadlines import reminders

    return reminders.send_digests()
