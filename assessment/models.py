"""Assessment plans, assignments and their briefs, submissions with declarations, criterion-level
decisions (never overwritten: a correction is a new decision), resubmissions and retakes."""

from django.conf import settings
from django.db import models
from django.utils import timezone

from qmr.audit import AuditedQuerySet
from qmr.models import AcademicYear, Centre, audited_history
from registrations.models import Band, Cohort, Criterion, Learner, Programme

USER = settings.AUTH_USER_MODEL


class AssessmentPolicy(models.Model):
    """A centre's assessment settings. The seeds' school policy gives ten term-time working
    days for a resubmission; the awarding body's later guidance allows up to fifteen."""

    centre = models.OneToOneField(Centre, on_delete=models.CASCADE,
                                  related_name="assessment_policy")
    resubmission_working_days = models.PositiveSmallIntegerField(default=10)
    ai_tools_allowed = models.BooleanField(
        default=False, help_text="Learners may use AI tools if they acknowledge them.")

    objects = AuditedQuerySet.as_manager()
    history = audited_history()

    def __str__(self) -> str:
        return f"Assessment policy of {self.centre}"


class RetakeRule(models.Model):
    """A qualification's retake rules (BTEC Nationals on the NQF allow none by default)."""

    class Authoriser(models.TextChoices):
        LEAD_IV = "lead_verify", "The Lead Internal Verifier"
        PROGRAMME_LEADER = "sign_class_list", "The Programme Leader"

    programme = models.OneToOneField(Programme, on_delete=models.CASCADE,
                                     related_name="retake_rule")
    allowed = models.BooleanField(default=False)
    max_band = models.CharField(max_length=1, choices=Band.choices, default=Band.PASS,
                                help_text="The highest grade a retake can earn.")
    authoriser = models.CharField(max_length=20, choices=Authoriser.choices,
                                  default=Authoriser.LEAD_IV, help_text="Who authorises one.")

    objects = AuditedQuerySet.as_manager()
    history = audited_history()

    def __str__(self) -> str:
        return f"Retakes for {self.programme}"


class AssessmentPlan(models.Model):
    """A programme's plan for one academic year. Signing it off freezes that version; a
    change makes a new version."""

    programme = models.ForeignKey(Programme, on_delete=models.PROTECT, related_name="plans")
    academic_year = models.ForeignKey(AcademicYear, on_delete=models.PROTECT, related_name="+")
    version = models.PositiveSmallIntegerField(default=1)
    signed_off_by = models.ForeignKey(USER, null=True, blank=True, on_delete=models.PROTECT,
                                      related_name="+")
    signed_off_at = models.DateTimeField(null=True, blank=True)

    objects = AuditedQuerySet.as_manager()
    history = audited_history()

    class Meta:
        ordering = ["-academic_year__starts_on", "-version"]
        constraints = [models.UniqueConstraint(fields=["programme", "academic_year", "version"],
                                               name="plan_version_unique")]

    def __str__(self) -> str:
        return f"Assessment plan {self.academic_year} v{self.version} — {self.programme}"


class Assignment(models.Model):
    plan = models.ForeignKey(AssessmentPlan, on_delete=models.CASCADE, related_name="assignments")
    title = models.CharField(max_length=200)
    criteria = models.ManyToManyField(Criterion, related_name="assignments")
    hand_out_on = models.DateField()
    deadline = models.DateField()
    assessor = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    internal_verifier = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    verify_brief_by = models.DateField(help_text="When the brief will be internally verified.")
    scenario = models.TextField(blank=True, help_text="The vocational scenario.")
    tasks = models.TextField(blank=True)
    evidence_expected = models.TextField(blank=True)

    objects = AuditedQuerySet.as_manager()
    history = audited_history()

    class Meta:
        ordering = ["hand_out_on", "pk"]

    def __str__(self) -> str:
        return self.title


class BriefIssue(models.Model):
    """A verified brief handed out to a cohort; it sets each learner's deadline."""

    assignment = models.ForeignKey(Assignment, on_delete=models.PROTECT, related_name="issues")
    cohort = models.ForeignKey(Cohort, on_delete=models.PROTECT, related_name="brief_issues")
    issued_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    issued_at = models.DateTimeField(default=timezone.now)
    deadline = models.DateField()

    objects = AuditedQuerySet.as_manager()
    history = audited_history()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["assignment", "cohort"],
                                               name="issue_once_per_cohort")]

    def __str__(self) -> str:
        return f"{self.assignment} issued to {self.cohort}"


class Extension(models.Model):
    assignment = models.ForeignKey(Assignment, on_delete=models.PROTECT, related_name="extensions")
    learner = models.ForeignKey(Learner, on_delete=models.PROTECT, related_name="extensions")
    new_deadline = models.DateField()
    reason = models.TextField()
    agreed_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    agreed_at = models.DateTimeField(default=timezone.now)

    objects = AuditedQuerySet.as_manager()
    history = audited_history()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["assignment", "learner"],
                                               name="one_extension")]

    def __str__(self) -> str:
        return f"Extension for {self.learner} to {self.new_deadline:%d %b %Y}"


class Attempt(models.TextChoices):
    FIRST = "first", "First submission"
    RESUBMISSION = "resubmission", "Resubmission"
    RETAKE = "retake", "Retake"


class Submission(models.Model):
    assignment = models.ForeignKey(Assignment, on_delete=models.PROTECT,
                                   related_name="submissions")
    learner = models.ForeignKey(Learner, on_delete=models.PROTECT, related_name="submissions")
    attempt = models.CharField(max_length=12, choices=Attempt.choices, default=Attempt.FIRST)
    submitted_at = models.DateTimeField(default=timezone.now)
    submitted_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    deadline = models.DateField(help_text="The deadline that applied, extension included.")
    late = models.BooleanField(default=False)
    declaration_signed_at = models.DateTimeField(
        help_text="The learner's signed, dated declaration that the work is their own.")
    ai_tools_used = models.TextField(blank=True, help_text="AI tools used, and how.")

    objects = AuditedQuerySet.as_manager()
    history = audited_history()

    class Meta:
        ordering = ["-submitted_at"]
        constraints = [models.UniqueConstraint(fields=["assignment", "learner", "attempt"],
                                               name="one_submission_per_attempt")]

    def __str__(self) -> str:
        return f"{self.get_attempt_display()} of {self.assignment} by {self.learner}"


def evidence_path(instance: "EvidenceFile", filename: str) -> str:
    # Outside any public URL: files are served only through a permission-checked view.
    return f"evidence/{instance.submission.learner.centre_id}/{instance.submission_id}/{filename}"


class EvidenceFile(models.Model):
    submission = models.ForeignKey(Submission, on_delete=models.PROTECT, related_name="files")
    file = models.FileField(upload_to=evidence_path)
    name = models.CharField(max_length=200)
    size = models.PositiveIntegerField()

    objects = AuditedQuerySet.as_manager()
    history = audited_history()

    def __str__(self) -> str:
        return self.name


class Decision(models.Model):
    """An assessor's decision on a submission. Final once recorded: a correction is a new
    decision that supersedes it, with its reason."""

    submission = models.ForeignKey(Submission, on_delete=models.PROTECT, related_name="decisions")
    assessor = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    decided_at = models.DateTimeField(default=timezone.now)
    authentic = models.BooleanField(help_text="The assessor confirms the work is the learner's.")
    can_improve_without_guidance = models.BooleanField(default=False)
    feedback = models.TextField()
    supersedes = models.OneToOneField("self", null=True, blank=True, on_delete=models.PROTECT,
                                      related_name="superseded_by")
    correction_reason = models.TextField(blank=True)
    released_at = models.DateTimeField(null=True, blank=True)
    received_on = models.DateField(null=True, blank=True,
                                   help_text="The day the learner received the result.")

    objects = AuditedQuerySet.as_manager()
    history = audited_history()

    class Meta:
        ordering = ["-decided_at", "-pk"]

    def __str__(self) -> str:
        return f"Decision on {self.submission}"


class CriterionResult(models.Model):
    decision = models.ForeignKey(Decision, on_delete=models.PROTECT, related_name="results")
    criterion = models.ForeignKey(Criterion, on_delete=models.PROTECT, related_name="results")
    achieved = models.BooleanField()
    feedback = models.TextField(blank=True)

    objects = AuditedQuerySet.as_manager()
    history = audited_history()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["decision", "criterion"],
                                               name="one_result_per_criterion")]

    def __str__(self) -> str:
        return f"{self.criterion}: {'achieved' if self.achieved else 'not yet'}"


class Retake(models.Model):
    """A retake authorised under the qualification's RetakeRule."""

    submission = models.OneToOneField(Submission, on_delete=models.PROTECT,
                                      related_name="retake")
    authorised_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    authorised_at = models.DateTimeField(default=timezone.now)

    objects = AuditedQuerySet.as_manager()
    history = audited_history()

    def __str__(self) -> str:
        return f"Retake of {self.submission}"


class Resubmission(models.Model):
    """A request for the one resubmission, decided by the Lead IV."""

    class Status(models.TextChoices):
        REQUESTED = "requested", "Requested"
        AUTHORISED = "authorised", "Authorised"
        REFUSED = "refused", "Refused"

    submission = models.OneToOneField(Submission, on_delete=models.PROTECT,
                                      related_name="resubmission")
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.REQUESTED)
    requested_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    requested_at = models.DateTimeField(default=timezone.now)
    decided_by = models.ForeignKey(USER, null=True, blank=True, on_delete=models.PROTECT,
                                   related_name="+")
    decided_at = models.DateTimeField(null=True, blank=True)
    deadline = models.DateField(null=True, blank=True)
    reason = models.TextField(blank=True)

    objects = AuditedQuerySet.as_manager()
    history = audited_history()

    def __str__(self) -> str:
        return f"Resubmission of {self.submission}"


def default_unit_points() -> dict:
    """Points per grade by unit size (guided learning hours), as BTEC Nationals give them."""
    return {"60": {"P": 6, "M": 10, "D": 16}, "90": {"P": 9, "M": 15, "D": 24},
            "120": {"P": 12, "M": 20, "D": 32}}


def default_thresholds() -> list:
    """Overall grade thresholds (Extended Certificate, 360 guided learning hours)."""
    return [{"grade": "P", "min": 36}, {"grade": "M", "min": 52}, {"grade": "D", "min": 74},
            {"grade": "D*", "min": 90}]


class GradingScheme(models.Model):
    """A specification's points and thresholds: data, because the awarding body changes them."""

    programme = models.OneToOneField(Programme, on_delete=models.CASCADE,
                                     related_name="grading_scheme")
    unit_points = models.JSONField(default=default_unit_points)
    thresholds = models.JSONField(default=default_thresholds)
    minimum_points = models.PositiveSmallIntegerField(
        default=36, help_text="Fewest points with which the qualification can be claimed.")

    objects = AuditedQuerySet.as_manager()
    history = audited_history()

    def __str__(self) -> str:
        return f"Grading of {self.programme}"
