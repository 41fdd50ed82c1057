"""Celery tasks of the core: thin wrappers that take IDs and call services."""

from celery import shared_task


@shared_task(acks_late=True)
def ping(token: str) -> str:
    """A round trip through the broker, used to check a worker is alive."""
    return f"pong:{token}"
