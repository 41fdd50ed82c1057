"""Programmes and learners. Issue 4 grows these into the full registration records."""

from django.conf import settings
from django.db import models

from qmr.audit import AuditedQuerySet
from qmr.models import Centre, Site, SubjectArea, audited_history
from qmr.roles import SCOPE_PERMISSIONS


class Level(models.TextChoices):
    ENTRY = "E", "Entry"
    L1 = "1", "Level 1"
    L2 = "2", "Level 2"
    L3 = "3", "Level 3"
    L4 = "4", "Level 4"
    L5 = "5", "Level 5"
    L6 = "6", "Level 6"
    L7 = "7", "Level 7"


class Programme(models.Model):
    """A BTEC programme a centre delivers: a scope that roles can be held on."""

    centre = models.ForeignKey(Centre, on_delete=models.PROTECT, related_name="programmes")
    subject_area = models.ForeignKey(
        SubjectArea, on_delete=models.PROTECT, related_name="programmes"
    )
    code = models.CharField("awarding-body programme code", max_length=20)
    title = models.CharField(max_length=200)
    level = models.CharField(max_length=1, choices=Level.choices)

    objects = AuditedQuerySet.as_manager()
    history = audited_history()

    class Meta:
        ordering = ["title"]
        permissions = SCOPE_PERMISSIONS
        constraints = [
            models.UniqueConstraint(fields=["centre", "code"], name="programme_code_unique")
        ]

    def __str__(self) -> str:
        return self.title


class Learner(models.Model):
    centre = models.ForeignKey(Centre, on_delete=models.PROTECT, related_name="learners")
    programme = models.ForeignKey(Programme, on_delete=models.PROTECT, related_name="learners")
    site = models.ForeignKey(Site, null=True, blank=True, on_delete=models.PROTECT)
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
        related_name="learner",
    )
    centre_ref = models.CharField("centre's learner reference", max_length=30)
    first_name = models.CharField(max_length=100)
    last_name = models.CharField(max_length=100)
    date_of_birth = models.DateField()

    objects = AuditedQuerySet.as_manager()
    history = audited_history()

    class Meta:
        ordering = ["last_name", "first_name"]
        constraints = [
            models.UniqueConstraint(fields=["centre", "centre_ref"], name="learner_ref_unique")
        ]

    def __str__(self) -> str:
        return f"{self.first_name} {self.last_name}"
