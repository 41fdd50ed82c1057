"""Standards verification records. One per programme and academic year; each sample the
verifier asks for is a round (a blocked outcome means another round), with the report and
the actions it sets."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone

from qmr.audit import AuditedQuerySet
from qmr.models import audited_history

USER = settings.AUTH_USER_MODEL


class ControlLevel(models.TextChoices):
    STANDARD = "standard", "Standard"
    ENHANCED = "enhanced", "Enhanced"


class SampleSize(models.Model):
    """How many learners and units a sample asks for, by control level and cohort size. The
    awarding body sets these and changes them, so they are data; until rows are entered,
    `sizes.DEFAULT_SAMPLE_SIZES` applies (the seeds give no figures)."""

    control_level = models.CharField(max_length=10, choices=ControlLevel.choices)
    cohort_from = models.PositiveIntegerField(
        help_text="The smallest number of learners on the programme this row applies to.")
    learners = models.PositiveSmallIntegerField()
    units = models.PositiveSmallIntegerField()

    objects = AuditedQuerySet.as_manager()
    history = audited_history()

    class Meta:
        ordering = ["control_level", "cohort_from"]
        constraints = [models.UniqueConstraint(fields=["control_level", "cohort_from"],
                                               name="one_sample_size_per_band")]

    def __str__(self) -> str:
        return (f"{self.get_control_level_display()}, from {self.cohort_from} learners: "
                f"{self.learners} learners, {self.units} units")


class StandardsVerification(models.Model):
    """The awarding body's standards verification of a programme for one academic year."""

    programme = models.ForeignKey("registrations.Programme", on_delete=models.PROTECT,
                                  related_name="standards_verifications")
    academic_year = models.ForeignKey("qmr.AcademicYear", on_delete=models.PROTECT,
                                      related_name="+")
    control_level = models.CharField(max_length=10, choices=ControlLevel.choices)
    verifier = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+",
                                 help_text="The standards verifier the awarding body allocated.")
    window_opens = models.DateField(help_text="First day a sample may be provided.")
    window_closes = models.DateField(help_text="Last day a sample may be provided.")
    recorded_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")

    objects = AuditedQuerySet.as_manager()
    history = audited_history()

    class Meta:
        ordering = ["-academic_year__starts_on", "programme__title"]
        constraints = [
            models.UniqueConstraint(fields=["programme", "academic_year"],
                                    name="one_standards_verification_per_year"),
            models.CheckConstraint(condition=Q(window_closes__gte=F("window_opens")),
                                   name="sampling_window_in_order"),
        ]

    def __str__(self) -> str:
        return f"Standards verification of {self.programme} ({self.academic_year})"


class Outcome(models.TextChoices):
    RELEASED = "released", "Released"
    BLOCKED = "blocked", "Blocked: a further sample is needed"


class SampleRound(models.Model):
    """One sample the verifier asked for: requested, provided (with what was sent and the
    Lead IV's authenticity declaration), then reported on with an outcome."""

    standards_verification = models.ForeignKey(StandardsVerification, on_delete=models.PROTECT,
                                               related_name="rounds")
    number = models.PositiveSmallIntegerField(default=1)
    requested_on = models.DateField()
    requested_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    units = models.ManyToManyField("registrations.Unit", related_name="+")
    learners = models.ManyToManyField("registrations.Learner", related_name="sv_samples")
    provided_on = models.DateField(null=True, blank=True)
    provided_by = models.ForeignKey(USER, null=True, blank=True, on_delete=models.PROTECT,
                                    related_name="+")
    sent_assessment_plan = models.BooleanField(default=False)
    sent_assessment_records = models.BooleanField(default=False)
    sent_iv_records = models.BooleanField(default=False)
    sent_adjustment_records = models.BooleanField(
        default=False, help_text="Reasonable-adjustment records for the sampled units.")
    sent_notes = models.TextField(blank=True)
    declared_at = models.DateTimeField(
        null=True, blank=True,
        help_text="When the Lead IV declared every sampled learner declared their work "
                  "authentic.")
    declared_by = models.ForeignKey(USER, null=True, blank=True, on_delete=models.PROTECT,
                                    related_name="+")
    report_received_on = models.DateField(null=True, blank=True)
    report_summary = models.TextField(blank=True)
    outcome = models.CharField(max_length=10, choices=Outcome.choices, blank=True)
    outcome_recorded_by = models.ForeignKey(USER, null=True, blank=True,
                                            on_delete=models.PROTECT, related_name="+")

    objects = AuditedQuerySet.as_manager()
    history = audited_history()

    class Meta:
        ordering = ["standards_verification", "number"]
        constraints = [models.UniqueConstraint(fields=["standards_verification", "number"],
                                               name="one_sample_round_per_number")]

    def __str__(self) -> str:
        return f"Sample {self.number} of {self.standards_verification}"


class SVAction(models.Model):
    """An action the standards verifier's report sets, followed to closure."""

    sample = models.ForeignKey(SampleRound, on_delete=models.PROTECT, related_name="actions")
    description = models.TextField()
    due_on = models.DateField()
    raised_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    raised_at = models.DateTimeField(default=timezone.now)
    closed_by = models.ForeignKey(USER, null=True, blank=True, on_delete=models.PROTECT,
                                  related_name="+")
    closed_at = models.DateTimeField(null=True, blank=True)
    closure_note = models.TextField(blank=True)

    objects = AuditedQuerySet.as_manager()
    history = audited_history()

    class Meta:
        ordering = ["due_on", "pk"]

    def __str__(self) -> str:
        return f"{self.description[:60]} (by {self.due_on:%d %b %Y})"
