"""Celery tasks of retention: take IDs, fetch again, call a service."""

from celery import shared_task
from django.utils import timezone


@shared_task(acks_late=True)
def list_due_disposals() -> int:
    """Monthly: record each centre's list of records past their time."""
    from qmr.retention import services

    return services.record_disposal_lists(timezone.localdate())


@shared_task(acks_late=True)
def send_disposal_list(list_id: int) -> bool:
    """E-mail one list to the nominee(s); quietly nothing if it is gone or already sent."""
    from qmr.retention import services
    from qmr.retention.models import DisposalList

    listed = DisposalList.objects.filter(pk=list_id).first()
    if listed is None:
        return False
    return services.send_disposal_list(listed=listed)
