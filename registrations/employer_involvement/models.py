"""Employer involvement (QO.7.1): each programme's plan of meaningful activities with
employers for the year, which learners took part in each, and the internal verification of a
sample of them. Records are kept three years after the learners' certification; the date that
runs from is computed from the certificate records (`keep_until`), never typed in."""

from datetime import date

from django.conf import settings
from django.db import models

from qmr.audit import AuditedQuerySet
from qmr.models import audited_history

USER = settings.AUTH_USER_MODEL
RETENTION_YEARS = 3


def years_after(day: date, years: int = RETENTION_YEARS) -> date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


class EmployerActivity(models.Model):
    class Outcome(models.TextChoices):
        MEANINGFUL = "meaningful", "Meaningful"
        NOT_MEANINGFUL = "not_meaningful", "Not meaningful enough"

    programme = models.ForeignKey("registrations.Programme", on_delete=models.PROTECT,
                                  related_name="employer_activities")
    academic_year = models.ForeignKey("qmr.AcademicYear", on_delete=models.PROTECT,
                                      related_name="+")
    title = models.CharField("activity", max_length=200,
                             help_text="For example: a coaching session led by a club coach.")
    employer = models.CharField("employer", max_length=200,
                                help_text="The organisation taking part.")
    held_on = models.DateField("date")
    description = models.TextField(
        "what learners do", blank=True,
        help_text="What the learners do with the employer and what it adds to their work.")
    units = models.ManyToManyField("registrations.Unit", related_name="employer_activities",
                                   blank=True, verbose_name="units it serves")
    organised_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    verified_by = models.ForeignKey(USER, null=True, blank=True, on_delete=models.PROTECT,
                                    related_name="+")
    verified_on = models.DateField(null=True, blank=True)
    outcome = models.CharField("verification outcome", max_length=20, choices=Outcome.choices,
                               blank=True)
    verification_notes = models.TextField("verifier's notes", blank=True)

    objects = AuditedQuerySet.as_manager()
    history = audited_history()

    class Meta:
        ordering = ["held_on", "pk"]
        verbose_name_plural = "employer activities"

    def __str__(self) -> str:
        return f"{self.title} with {self.employer}"

    @property
    def verified(self) -> bool:
        return self.verified_on is not None


class Participation(models.Model):
    """Whether one learner of the programme took part in an activity."""

    activity = models.ForeignKey(EmployerActivity, on_delete=models.CASCADE,
                                 related_name="participations")
    learner = models.ForeignKey("registrations.Learner", on_delete=models.PROTECT,
                                related_name="employer_participations")
    took_part = models.BooleanField(default=True)
    notes = models.TextField(blank=True)
    recorded_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(auto_now=True)

    objects = AuditedQuerySet.as_manager()
    history = audited_history()

    class Meta:
        ordering = ["learner__last_name", "learner__first_name", "pk"]
        constraints = [models.UniqueConstraint(fields=["activity", "learner"],
                                               name="one_participation_per_learner")]

    def __str__(self) -> str:
        return f"{self.learner} in {self.activity}"
