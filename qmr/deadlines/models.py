"""Deadlines as rows (one per rule and record, refreshed from the records by the sources),
the reminders sent about them, each person's delivery choice and their calendar feed."""

import secrets

from django.conf import settings
from django.db import models
from django.utils import timezone

from qmr.models import Centre


class Deadline(models.Model):
    centre = models.ForeignKey(Centre, on_delete=models.CASCADE, related_name="deadlines")
    kind = models.CharField(max_length=60)
    key = models.CharField(max_length=200)
    title = models.CharField(max_length=300)
    due_on = models.DateField()
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                              on_delete=models.SET_NULL, related_name="deadlines")
    url = models.CharField(max_length=300, blank=True)
    rule = models.CharField(max_length=300, blank=True)
    opened_at = models.DateTimeField(default=timezone.now)
    closed_at = models.DateTimeField(null=True, blank=True,
                                     help_text="When the records showed it was met.")

    class Meta:
        ordering = ["due_on", "title"]
        # Per centre: some rules are the same everywhere (the awarding body's yearly dates).
        constraints = [models.UniqueConstraint(fields=["centre", "key"],
                                               name="one_deadline_per_key_in_centre")]
        indexes = [models.Index(fields=["owner", "closed_at", "due_on"]),
                   models.Index(fields=["centre", "due_on"]),
                   models.Index(fields=["closed_at", "due_on"])]

    def __str__(self) -> str:
        return f"{self.title} (by {self.due_on:%-d %B %Y})"

    @property
    def is_open(self) -> bool:
        return self.closed_at is None


class Reminder(models.Model):
    """One reminder of one kind to one person about one deadline. The unique constraint is
    the claim: a sweep inserts the row before anything is sent, so a second sweep running at
    the same moment (or a retried one) finds it taken and sends nothing."""

    class Kind(models.TextChoices):
        SOON = "soon", "Due soon"
        MISSED = "missed", "Missed"

    deadline = models.ForeignKey(Deadline, on_delete=models.CASCADE, related_name="reminders")
    recipient = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                                  related_name="reminders")
    kind = models.CharField(max_length=10, choices=Kind.choices)
    created_at = models.DateTimeField(default=timezone.now)
    sweep = models.UUIDField(db_index=True, help_text="The sweep that claimed it.")
    email_batch = models.UUIDField(null=True, blank=True, db_index=True,
                                   help_text="The e-mail that carried it.")
    emailed_at = models.DateTimeField(null=True, blank=True)
    read_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "pk"]
        constraints = [models.UniqueConstraint(fields=["deadline", "recipient", "kind"],
                                               name="one_reminder_per_deadline_person_kind")]
        indexes = [models.Index(fields=["recipient", "emailed_at"])]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.deadline.title} (to {self.recipient})"


class Delivery(models.TextChoices):
    DIGEST = "digest", "One e-mail a day listing everything (daily digest)"
    IMMEDIATE = "immediate", "An e-mail as soon as a reminder is due"


class ReminderSettings(models.Model):
    person = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                                  related_name="reminder_settings")
    delivery = models.CharField(max_length=10, choices=Delivery.choices,
                                default=Delivery.DIGEST)

    def __str__(self) -> str:
        return f"{self.person}: {self.get_delivery_display()}"


def new_token() -> str:
    return secrets.token_urlsafe(32)


class CalendarFeed(models.Model):
    """A private address for a person's deadlines in their calendar app. The token is the
    only credential, so revoking deletes the row and a new feed gets a new token."""

    person = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                                  related_name="calendar_feed")
    token = models.CharField(max_length=64, unique=True, default=new_token)
    created_at = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        return f"Calendar feed of {self.person}"
