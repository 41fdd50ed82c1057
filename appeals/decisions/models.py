"""Appeals against assessment decisions: an appeal, its stages and the results it put in doubt.

An appeal is lodged against one released decision. It is heard in stages, in order, each by
its own decision-maker within its own limit of term-time working days; the learner may take
a stage's outcome to the next stage. An upheld appeal changes the result only through the
assessment app's correction record. Nothing here is deleted before its retention date.
"""

from datetime import date

from django.conf import settings
from django.db import models
from django.utils import timezone

from assessment.models import Decision, Submission
from qmr.audit import AuditedQuerySet
from qmr.models import Centre, audited_history
from registrations.models import Learner, Programme

USER = settings.AUTH_USER_MODEL
RETAIN_MONTHS = 18  # appeals records are kept at least this long after closure


class AppealSettings(models.Model):
    """A centre's appeal time limits, in term-time working days (the appeals policy's figures
    are the defaults)."""

    centre = models.OneToOneField(Centre, on_delete=models.CASCADE,
                                  related_name="appeal_settings")
    lodge_within_days = models.PositiveSmallIntegerField(
        "lodge within", default=10,
        help_text="Working days after the learner received the result.")
    assessor_days = models.PositiveSmallIntegerField("stage 1 (assessor)", default=5)
    verifier_days = models.PositiveSmallIntegerField("stage 2 (internal verifier)", default=5)
    senior_days = models.PositiveSmallIntegerField("stage 3 (senior management)", default=5)
    awarding_body_days = models.PositiveSmallIntegerField("stage 4 (awarding body)", default=14)

    objects = AuditedQuerySet.as_manager()
    history = audited_history()

    class Meta:
        verbose_name_plural = "appeal settings"

    def __str__(self) -> str:
        return f"Appeal time limits of {self.centre}"

    def days_for(self, stage: int) -> int:
        return [self.assessor_days, self.verifier_days, self.senior_days,
                self.awarding_body_days][stage - 1]


class Stage(models.IntegerChoices):
    ASSESSOR = 1, "Stage 1: the assessor and the learner"
    VERIFIER = 2, "Stage 2: the internal verifier"
    SENIOR = 3, "Stage 3: senior management"
    AWARDING_BODY = 4, "Stage 4: the awarding body"


class AppealStatus(models.TextChoices):
    OPEN = "open", "Open"
    UPHELD = "upheld", "Upheld"
    NOT_UPHELD = "not_upheld", "Not upheld"


class Outcome(models.TextChoices):
    UPHELD = "upheld", "Upheld: the decision changes"
    NOT_UPHELD = "not_upheld", "Not upheld: the decision stands"


class Appeal(models.Model):
    centre = models.ForeignKey(Centre, on_delete=models.PROTECT, related_name="appeals")
    programme = models.ForeignKey(Programme, on_delete=models.PROTECT, related_name="appeals")
    learner = models.ForeignKey(Learner, on_delete=models.PROTECT, related_name="appeals")
    decision = models.ForeignKey(Decision, on_delete=models.PROTECT, related_name="appeals",
                                 help_text="The decision appealed against.")
    grounds = models.TextField("why the learner appeals")
    lodged_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    lodged_at = models.DateTimeField(default=timezone.now)
    status = models.CharField(max_length=12, choices=AppealStatus.choices,
                              default=AppealStatus.OPEN)
    closed_on = models.DateField(null=True, blank=True)
    retain_until = models.DateField(null=True, blank=True, editable=False)

    objects = AuditedQuerySet.as_manager()
    history = audited_history()

    class Meta:
        ordering = ["-lodged_at", "-pk"]
        indexes = [models.Index(fields=["centre", "status"])]

    def __str__(self) -> str:
        return f"Appeal by {self.learner} against {self.decision.submission.assignment}"

    @property
    def is_open(self) -> bool:
        return self.status == AppealStatus.OPEN

    @property
    def latest_stage(self) -> "AppealStage | None":
        """The stage it is at (from prefetched stages where there are)."""
        stages = list(self.stages.all())
        return stages[-1] if stages else None


class AppealStage(models.Model):
    """One stage of an appeal. Stage 4 is sent to the awarding body by the Head of Centre
    (`submitted_on`) and its outcome recorded when the awarding body answers."""

    # CASCADE so that deleting an appeal reaches its stages' retention check (retention.py),
    # which refuses it before the retention date; PROTECT would refuse without saying when.
    appeal = models.ForeignKey(Appeal, on_delete=models.CASCADE, related_name="stages")
    number = models.PositiveSmallIntegerField(choices=Stage.choices)
    opened_on = models.DateField()
    due_on = models.DateField()
    submitted_on = models.DateField("sent to the awarding body", null=True, blank=True)
    reference = models.CharField("awarding body's reference", max_length=60, blank=True)
    outcome = models.CharField(max_length=12, choices=Outcome.choices, blank=True)
    reasons = models.TextField(blank=True)
    decided_by = models.ForeignKey(USER, null=True, blank=True, on_delete=models.PROTECT,
                                   related_name="+")
    decided_on = models.DateField(null=True, blank=True)
    corrected_decision = models.OneToOneField(
        Decision, null=True, blank=True, on_delete=models.PROTECT, related_name="appeal_stage",
        help_text="The correction an upheld outcome made in the assessment record.")
    learner_told_at = models.DateTimeField(null=True, blank=True)

    objects = AuditedQuerySet.as_manager()
    history = audited_history()

    class Meta:
        ordering = ["appeal", "number"]
        constraints = [models.UniqueConstraint(fields=["appeal", "number"],
                                               name="one_record_per_appeal_stage")]

    def __str__(self) -> str:
        return f"{self.get_number_display()} of {self.appeal}"

    @property
    def is_decided(self) -> bool:
        return bool(self.outcome)

    def is_overdue(self, today: date | None = None) -> bool:
        return not self.outcome and (today or timezone.localdate()) > self.due_on


class ResultInDoubt(models.Model):
    """Another learner's result an upheld appeal put in doubt (same assignment, same assessor).
    It cannot be claimed until the assessor or the Lead IV has reviewed it."""

    submission = models.ForeignKey(Submission, on_delete=models.PROTECT, related_name="doubts")
    raised_by = models.ForeignKey(AppealStage, on_delete=models.CASCADE, related_name="doubts")
    raised_at = models.DateTimeField(default=timezone.now)
    resolved_by = models.ForeignKey(USER, null=True, blank=True, on_delete=models.PROTECT,
                                    related_name="+")
    resolved_at = models.DateTimeField(null=True, blank=True)
    resolution = models.TextField("what the review found", blank=True)

    objects = AuditedQuerySet.as_manager()
    history = audited_history()

    class Meta:
        ordering = ["raised_at", "pk"]
        verbose_name_plural = "results in doubt"

    def __str__(self) -> str:
        return f"{self.submission}: in doubt after an appeal"


class LogReview(models.Model):
    """Someone looked at a year's appeals log for patterns (QO.10: appeals monitored to
    improve assessment), and what they found and will do."""

    centre = models.ForeignKey(Centre, on_delete=models.PROTECT, related_name="appeal_reviews")
    academic_year = models.ForeignKey("qmr.AcademicYear", on_delete=models.PROTECT,
                                      related_name="appeal_reviews")
    reviewed_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    reviewed_on = models.DateField(default=timezone.localdate)
    findings = models.TextField("what the patterns show, and what will change")

    objects = AuditedQuerySet.as_manager()
    history = audited_history()

    class Meta:
        ordering = ["-reviewed_on", "-pk"]

    def __str__(self) -> str:
        return f"Review of the {self.academic_year} appeals log"
