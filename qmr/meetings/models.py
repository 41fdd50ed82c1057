"""Teams, their meetings and the actions they set (QO.2.5).

An Action is the one record of "someone must do this by then, and show it was done": meetings
set them here, and a programme review (in `registrations`) sets its action plan with the same
model, through `qmr.meetings.actions`.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone

from qmr.audit import AuditedQuerySet
from qmr.models import audited_history


class TeamKind(models.TextChoices):
    PROGRAMME_TEAM = "programme_team", "Programme team"
    QUALITY_COMMITTEE = "quality_committee", "Quality committee"
    DEPARTMENT = "department", "Department"
    OTHER = "other", "Other"


class Team(models.Model):
    """A group of the centre's staff that meets: a programme team, the quality committee..."""

    centre = models.ForeignKey("qmr.Centre", on_delete=models.PROTECT, related_name="teams")
    name = models.CharField(max_length=150)
    kind = models.CharField(max_length=30, choices=TeamKind.choices,
                            default=TeamKind.PROGRAMME_TEAM)
    members = models.ManyToManyField(settings.AUTH_USER_MODEL, related_name="teams",
                                     blank=True)
    chair = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                              on_delete=models.PROTECT, related_name="chaired_teams")

    objects = AuditedQuerySet.as_manager()
    history = audited_history(m2m_fields=[members])

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["centre", "name"], name="team_name_unique_in_centre")
        ]

    def __str__(self) -> str:
        return self.name


class Meeting(models.Model):
    """One formal meeting of a team: what it was to discuss, who came, what it decided."""

    team = models.ForeignKey(Team, on_delete=models.PROTECT, related_name="meetings")
    held_on = models.DateField("date")
    agenda = models.TextField()
    present = models.ManyToManyField(settings.AUTH_USER_MODEL, related_name="meetings_attended",
                                     blank=True)
    apologies = models.ManyToManyField(settings.AUTH_USER_MODEL,
                                       related_name="meetings_apologised", blank=True)
    minutes = models.TextField(blank=True)
    decisions = models.TextField(blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                    related_name="+")
    recorded_at = models.DateTimeField(default=timezone.now)

    objects = AuditedQuerySet.as_manager()
    history = audited_history(m2m_fields=[present, apologies])

    class Meta:
        ordering = ["-held_on", "-pk"]

    def __str__(self) -> str:
        return f"{self.team} meeting, {self.held_on:%d %B %Y}"


class Action(models.Model):
    """Something a person must do by a date, followed to closure with evidence."""

    centre = models.ForeignKey("qmr.Centre", on_delete=models.PROTECT,
                               related_name="quality_actions")
    meeting = models.ForeignKey(Meeting, null=True, blank=True, on_delete=models.PROTECT,
                                related_name="actions")
    description = models.TextField()
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                              related_name="quality_actions")
    due_on = models.DateField("due by")
    raised_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                  related_name="+")
    raised_at = models.DateTimeField(default=timezone.now)
    closed_at = models.DateTimeField(null=True, blank=True)
    closed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                  on_delete=models.PROTECT, related_name="+")
    closure_evidence = models.TextField(blank=True)
    closure_file = models.FileField(upload_to="actions/%Y/", blank=True)

    objects = AuditedQuerySet.as_manager()
    history = audited_history()

    class Meta:
        ordering = ["due_on", "pk"]
        indexes = [models.Index(fields=["owner", "closed_at"])]

    def __str__(self) -> str:
        text = self.description.strip().splitlines()[0] if self.description.strip() else ""
        return text if len(text) <= 80 else f"{text[:77]}..."

    @property
    def is_open(self) -> bool:
        return self.closed_at is None

    @property
    def is_overdue(self) -> bool:
        return self.is_open and self.due_on < timezone.localdate()
