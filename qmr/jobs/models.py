"""A piece of long work a person asked for (a PDF, an import): run by a Celery task, its
progress recorded so the page can show it, its result kept as a file."""

from django.conf import settings
from django.db import models

from qmr.models import Centre


class Job(models.Model):
    class State(models.TextChoices):
        QUEUED = "queued", "Waiting to start"
        RUNNING = "running", "In progress"
        DONE = "done", "Ready"
        FAILED = "failed", "Failed"

    kind = models.CharField(max_length=60, help_text="Which registered kind of job it is.")
    title = models.CharField(max_length=200)
    centre = models.ForeignKey(Centre, null=True, blank=True, on_delete=models.CASCADE,
                               related_name="jobs")
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                     related_name="jobs")
    params = models.JSONField(default=dict, blank=True)
    state = models.CharField(max_length=10, choices=State.choices, default=State.QUEUED)
    done = models.PositiveIntegerField(default=0)
    total = models.PositiveIntegerField(default=0)
    step = models.CharField(max_length=200, blank=True, help_text="What it is doing now.")
    error = models.TextField(blank=True)
    refused = models.BooleanField(
        default=False, help_text="A rule refused the input (the person corrects it and asks "
                                 "again), rather than the work breaking.")
    file = models.FileField(upload_to="jobs/%Y/%m/", blank=True)
    filename = models.CharField(max_length=200, blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    heartbeat_at = models.DateTimeField(
        null=True, blank=True, help_text="When the worker last reported progress: a job in "
                                         "progress silent for long lost its worker.")

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["kind", "requested_by", "-created_at"])]

    def __str__(self) -> str:
        return f"{self.title} ({self.get_state_display().lower()})"

    @property
    def finished(self) -> bool:
        return self.state in (self.State.DONE, self.State.FAILED)

    @property
    def percent(self) -> int:
        if self.state == self.State.DONE:
            return 100
        return int(100 * self.done / self.total) if self.total else 0
