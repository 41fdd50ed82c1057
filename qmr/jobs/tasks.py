"""Celery tasks of background jobs: thin, idempotent, acknowledged late."""

from celery import shared_task

from qmr.jobs import services


@shared_task(acks_late=True)
def run_job(job_id: int) -> None:
    services.run(job_id)


@shared_task(acks_late=True)
def requeue_waiting_jobs() -> int:
    return services.requeue_waiting()
