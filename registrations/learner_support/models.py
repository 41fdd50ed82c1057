"""A learner's induction, individual learning plan and tutorial reviews (QO.6.5, QO.7.2).
The learner reads their own; the programme's team records and reads them."""

from django.conf import settings
from django.db import models
from django.utils import timezone

from qmr.audit import AuditedQuerySet
from qmr.models import audited_history

USER = settings.AUTH_USER_MODEL


class InductionItem(models.TextChoices):
    """What the centre covers with every learner at the start of a programme."""

    PROGRAMME = "programme", "The programme: its units, how it is delivered, what it leads to"
    ASSESSMENT = "assessment", "How assessment works: briefs, deadlines, criteria, one resubmission"
    APPEALS = "appeals", "How to appeal against an assessment decision"
    MALPRACTICE = "malpractice", "What malpractice is, including the centre's rule on AI tools"
    AGREEMENT = "agreement", "The learner agreement, signed"


class Induction(models.Model):
    learner = models.OneToOneField("registrations.Learner", on_delete=models.PROTECT,
                                   related_name="induction")
    covered = models.JSONField(default=list, help_text="The induction items covered.")
    held_on = models.DateField()
    recorded_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(default=timezone.now)

    objects = AuditedQuerySet.as_manager()
    history = audited_history()

    def __str__(self) -> str:
        return f"Induction of {self.learner}"

    @property
    def missing(self) -> list[str]:
        return [item.label for item in InductionItem if item.value not in self.covered]

    @property
    def complete(self) -> bool:
        return not self.missing


class LearningPlan(models.Model):
    learner = models.OneToOneField("registrations.Learner", on_delete=models.PROTECT,
                                   related_name="plan")
    targets = models.TextField(help_text="What the learner is aiming for this year.")
    support = models.TextField("support agreed", blank=True,
                               help_text="Any additional support, and who provides it.")
    agreed_on = models.DateField()
    agreed_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")

    objects = AuditedQuerySet.as_manager()
    history = audited_history()

    def __str__(self) -> str:
        return f"Individual learning plan of {self.learner}"


class TutorialReview(models.Model):
    learner = models.ForeignKey("registrations.Learner", on_delete=models.PROTECT,
                                related_name="tutorial_reviews")
    held_on = models.DateField()
    tutor = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    progress = models.TextField(help_text="How the learner is getting on.")
    targets = models.TextField("targets agreed")

    objects = AuditedQuerySet.as_manager()
    history = audited_history()

    class Meta:
        ordering = ["-held_on", "-pk"]

    def __str__(self) -> str:
        return f"Tutorial review of {self.learner} on {self.held_on:%d %b %Y}"
