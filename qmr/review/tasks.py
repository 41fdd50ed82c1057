"""Celery tasks of the annual review: take IDs, fetch again, call the readiness module."""

from celery import shared_task


@shared_task(acks_late=True)
def take_readiness_snapshots() -> int:
    """Weekly (see CELERY_BEAT_SCHEDULE): queue one snapshot per centre. Returns how many
    were queued; each is idempotent per day, so running twice takes no second one."""
    from qmr.models import Centre

    centre_ids = list(Centre.objects.order_by("pk").values_list("pk", flat=True))
    for centre_id in centre_ids:
        take_readiness_snapshot.delay(centre_id)
    return len(centre_ids)


@shared_task(acks_late=True)
def take_readiness_snapshot(centre_id: int) -> bool:
    """Snapshot one centre's readiness for today; quietly nothing if the centre has gone or
    no framework version applies to it."""
    from qmr.models import Centre
    from qmr.review import readiness

    centre = Centre.objects.filter(pk=centre_id).first()
    if centre is None:
        return False
    return readiness.take_snapshot(centre) is not None
