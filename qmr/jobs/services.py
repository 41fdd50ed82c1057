"""Asking for a job, running it, retrying it. The request is one row; the Celery task is sent
once the row is committed. If the broker cannot be reached the job waits, and the page says
the work is delayed; nothing is lost, and `requeue_waiting` sends it again."""

import logging
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from kombu.exceptions import OperationalError

from qmr.errors import DomainError, TransitionNotAllowed
from qmr.jobs import registry
from qmr.jobs.models import Job

log = logging.getLogger(__name__)
DELAYED = ("Waiting: the background worker cannot be reached just now. The job starts by "
           "itself when it is back; nothing is lost.")
RESTARTED = "Starting again: the worker making it stopped before it finished."


def send_task(task: Any, *args: Any) -> bool:
    """Send a Celery task; False (and a warning logged) if the broker cannot be reached, so
    a page that asked for background work still answers while Redis is down."""
    try:
        task.delay(*args)
    except (OperationalError, ConnectionError, OSError):
        log.warning("Task %s%s not sent: the broker cannot be reached.", task.name, args)
        return False
    return True


def _send(job_id: int) -> None:
    from qmr.jobs import tasks

    if not send_task(tasks.run_job, job_id):
        Job.objects.filter(pk=job_id, state=Job.State.QUEUED).update(step=DELAYED)


def request_job(*, actor: Any, kind: str, title: str, centre: Any = None,
                params: dict | None = None) -> Job:
    """Record the job and send it to a worker once committed. The caller has checked the
    actor may ask for it (the kind's `may_read` decides who sees it)."""
    with transaction.atomic():
        job = Job.objects.create(kind=kind, title=title, centre=centre, requested_by=actor,
                                 params=params or {}, step="Waiting to start.")
        transaction.on_commit(lambda: _send(job.pk))
    return job


def retry(*, actor: Any, job: Job) -> Job:
    """Run a failed job again (whoever may read it)."""
    with transaction.atomic():
        job = Job.objects.select_for_update().get(pk=job.pk)
        if job.state != Job.State.FAILED:
            raise TransitionNotAllowed("Only a job that failed can be tried again.")
        job.state, job.error, job.done, job.step = Job.State.QUEUED, "", 0, "Waiting to start."
        job.refused = False
        job.save(update_fields=["state", "error", "done", "step", "refused"])
        transaction.on_commit(lambda: _send(job.pk))
    return job


def requeue_waiting() -> int:
    """Send again (a periodic task) every job still waiting because the broker was down, and
    every job in progress whose worker has said nothing for JOBS_STALLED_AFTER seconds: it
    was lost (killed, out of memory), and its unacknowledged message would only come back
    after Redis' visibility timeout of an hour. Running is idempotent, so a slow job sent
    twice still makes its file once."""
    waiting = list(Job.objects.filter(state=Job.State.QUEUED, step=DELAYED)
                   .values_list("pk", flat=True))
    now = timezone.now()
    stalled = Job.objects.filter(
        state=Job.State.RUNNING,
        heartbeat_at__lt=now - timedelta(seconds=settings.JOBS_STALLED_AFTER))
    lost = list(stalled.values_list("pk", flat=True))
    # Counted from now again, so a job waiting for a worker is not sent every few minutes.
    Job.objects.filter(pk__in=lost).update(heartbeat_at=now, step=RESTARTED)
    for pk in waiting + lost:
        _send(pk)
    return len(waiting) + len(lost)


def _progress(job_id: int) -> registry.Progress:
    def report(done: int, total: int, step: str) -> None:
        Job.objects.filter(pk=job_id).update(done=done, total=total, step=step[:200],
                                             heartbeat_at=timezone.now())
    return report


def run(job_id: int) -> None:
    """Do the job: idempotent, so a task delivered twice (a worker killed mid-run, late
    acknowledgement) finishes it once. A job already done is left as it is."""
    with transaction.atomic():
        job = Job.objects.select_for_update().filter(pk=job_id).first()
        if job is None or job.state == Job.State.DONE:
            return
        now = timezone.now()
        Job.objects.filter(pk=job_id).update(state=Job.State.RUNNING, started_at=now,
                                             heartbeat_at=now, attempts=F("attempts") + 1,
                                             error="", step="Starting.")
    job.refresh_from_db()
    found = registry.kind(job.kind)
    try:
        if found is None:
            raise LookupError(f"Nothing knows how to do a job of kind {job.kind}.")
        filename, content = found.run(job, _progress(job.pk))
    except DomainError as e:  # a rule refused the input: nothing changed, the person corrects it
        Job.objects.filter(pk=job.pk).update(state=Job.State.FAILED, refused=True,
                                             error=str(e)[:4000], finished_at=timezone.now(),
                                             step="Refused: nothing was changed.")
        return
    except Exception as e:  # the person sees that it failed and may try again
        log.exception("Job %s failed", job.pk)
        Job.objects.filter(pk=job.pk).update(state=Job.State.FAILED, refused=False,
                                             error=str(e)[:2000],
                                             finished_at=timezone.now(),
                                             step="It failed: try again, or tell support.")
        return
    job.file.save(filename, ContentFile(content), save=False)
    Job.objects.filter(pk=job.pk).update(file=job.file.name, filename=filename,
                                         state=Job.State.DONE, finished_at=timezone.now(),
                                         step="The file is ready to download.", done=F("total"))
