"""Internal verification records. Issue 6 builds the full checklists; here, the verification
of an assignment brief before it is issued (outcome, who, when)."""

from django.conf import settings
from django.db import models
from django.utils import timezone

from assessment.models import Assignment
from qmr.audit import AuditedQuerySet
from qmr.models import audited_history


class BriefVerification(models.Model):
    class Outcome(models.TextChoices):
        FIT = "fit", "Fit for purpose"
        NOT_FIT = "not_fit", "Not fit for purpose: changes needed"

    assignment = models.ForeignKey(Assignment, on_delete=models.PROTECT,
                                   related_name="brief_verifications")
    verifier = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                 related_name="+")
    verified_at = models.DateTimeField(default=timezone.now)
    outcome = models.CharField(max_length=10, choices=Outcome.choices)
    comments = models.TextField(blank=True)

    objects = AuditedQuerySet.as_manager()
    history = audited_history()

    class Meta:
        ordering = ["-verified_at", "-pk"]

    def __str__(self) -> str:
        return f"IV of the brief {self.assignment}: {self.get_outcome_display()}"
