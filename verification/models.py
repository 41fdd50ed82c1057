"""Internal verification records: the awarding body's checklist for an assignment brief, with
actions and signatures; the check of assessment decisions, with the IV's declaration and
signatures; Lead IV registrations, the IV sample, remedial actions, standardisation."""

from django.conf import settings
from django.db import models
from django.utils import timezone

from assessment.models import Assignment
from qmr.audit import AuditedQuerySet
from qmr.models import audited_history


class BriefVerification(models.Model):
    """An IV's check of a brief before it is issued. The IV signs by recording it; the brief's
    assessor signs to say they have read it; the Lead IV countersigns where needed. It holds
    the year and dates it was checked for, so a brief reused later is checked again."""

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
    academic_year = models.ForeignKey("qmr.AcademicYear", on_delete=models.PROTECT,
                                      related_name="+", help_text="The year it was checked for.")
    hand_out_on = models.DateField(help_text="The hand-out date it was checked with.")
    deadline = models.DateField(help_text="The deadline it was checked with.")
    assessor_signed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                           on_delete=models.PROTECT, related_name="+")
    assessor_signed_at = models.DateTimeField(null=True, blank=True)
    countersignature_needed = models.BooleanField(default=False)
    countersigned_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                         on_delete=models.PROTECT, related_name="+")
    countersigned_at = models.DateTimeField(null=True, blank=True)

    objects = AuditedQuerySet.as_manager()
    history = audited_history()

    class Meta:
        ordering = ["-verified_at", "-pk"]

    def __str__(self) -> str:
        return f"IV of the brief {self.assignment}: {self.get_outcome_display()}"


class BriefCheck(models.Model):
    """One answer on the brief's checklist: yes or no, with a comment."""

    class Item(models.TextChoices):
        DETAILS = "details", "Are the programme and unit details accurate?"
        DEADLINES = "deadlines", "Are the deadlines clear?"
        TIME_FRAME = "time_frame", "Is the time given for the assignment of a suitable length?"
        SCENARIO = "scenario", "Does it set a suitable vocational scenario?"
        CRITERIA_EXACT = "criteria_exact", ("Are the criteria worded exactly as in the "
                                            "specification?")
        TASKS_SHOW_CRITERIA = "tasks_show_criteria", "Does each task show the criteria it covers?"
        REQUIREMENTS = "requirements", "Do the tasks meet the unit's assessment requirements?"
        EVIDENCE = "evidence", "Will it generate valid and sufficient evidence?"
        AUTHORISED = "authorised", "Is it an authorised brief from the awarding body?"
        AMENDED = "amended", "Has it been amended?"

    # Facts about the brief, not tests it passes: a "no" does not stop it being fit.
    FACTS = (Item.AUTHORISED, Item.AMENDED)

    verification = models.ForeignKey(BriefVerification, on_delete=models.PROTECT,
                                     related_name="checks")
    item = models.CharField(max_length=20, choices=Item.choices)
    answer = models.BooleanField()
    comment = models.TextField(blank=True)

    objects = AuditedQuerySet.as_manager()
    history = audited_history()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["verification", "item"],
                                               name="one_answer_per_brief_check")]

    def __str__(self) -> str:
        return f"{self.get_item_display()} {'Yes' if self.answer else 'No'}"


class BriefAction(models.Model):
    """What must be done to the brief, by when; it is issued only once every action is done."""

    verification = models.ForeignKey(BriefVerification, on_delete=models.PROTECT,
                                     related_name="actions")
    description = models.TextField()
    due_on = models.DateField()
    completed_on = models.DateField(null=True, blank=True)
    completed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                     on_delete=models.PROTECT, related_name="+")
    completion_note = models.TextField(blank=True)

    objects = AuditedQuerySet.as_manager()
    history = audited_history()

    class Meta:
        ordering = ["due_on", "pk"]

    def __str__(self) -> str:
        return f"{self.description} by {self.due_on:%d %b %Y}"


class LeadIVRegistration(models.Model):
    """A subject area's Lead IV for one academic year: registered with the awarding body,
    standardised, with a named cover or successor."""

    subject_area = models.ForeignKey("qmr.SubjectArea", on_delete=models.PROTECT,
                                     related_name="lead_iv_registrations")
    academic_year = models.ForeignKey("qmr.AcademicYear", on_delete=models.PROTECT,
                                      related_name="+")
    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                               related_name="+")
    registered_on = models.DateField(help_text="When the awarding body registered them.")
    standardised_on = models.DateField(null=True, blank=True)
    standardisation_evidence = models.TextField(blank=True)
    cover = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                              on_delete=models.PROTECT, related_name="+",
                              help_text="Who covers, or succeeds, the Lead IV.")

    objects = AuditedQuerySet.as_manager()
    history = audited_history()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["subject_area", "academic_year"],
                                               name="one_lead_iv_per_area_and_year")]

    def __str__(self) -> str:
        return f"Lead IV {self.person} for {self.subject_area} ({self.academic_year})"


class IVSample(models.Model):
    """A piece of assessed work chosen for internal verification; it goes back to the learner
    only once verified."""

    submission = models.OneToOneField("assessment.Submission", on_delete=models.PROTECT,
                                      related_name="iv_sample")
    verifier = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                 related_name="+")
    due_on = models.DateField()
    chosen_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                  related_name="+")
    chosen_at = models.DateTimeField(default=timezone.now)

    objects = AuditedQuerySet.as_manager()
    history = audited_history()

    def __str__(self) -> str:
        return f"IV sample: {self.submission}"


class DecisionVerification(models.Model):
    """The IV's check of an assessor's decision, criterion by criterion, with the IV's
    declaration; the assessor signs to acknowledge it, the Lead IV countersigns where
    needed."""

    submission = models.ForeignKey("assessment.Submission", on_delete=models.PROTECT,
                                   related_name="verifications")
    decision = models.ForeignKey("assessment.Decision", on_delete=models.PROTECT,
                                 related_name="verifications")
    verifier = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                 related_name="+")
    verified_at = models.DateTimeField(default=timezone.now)
    authenticity_confirmed = models.BooleanField(
        help_text="Learner and assessor both confirmed the work is the learner's own.")
    collusion_or_plagiarism = models.BooleanField(default=False)
    feedback_links_to_criteria = models.BooleanField()
    feedback_justifies_awards = models.BooleanField()
    feedback_avoids_improvement_actions = models.BooleanField()
    agrees = models.BooleanField(help_text="Every decision checked was accurate.")
    comments = models.TextField(blank=True)
    declared = models.BooleanField(
        default=False, help_text="The IV declared they checked the decisions against the "
                                 "criteria and the learner's evidence.")
    assessor_signed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                           on_delete=models.PROTECT, related_name="+")
    assessor_signed_at = models.DateTimeField(null=True, blank=True)
    countersignature_needed = models.BooleanField(default=False)
    countersigned_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                         on_delete=models.PROTECT, related_name="+")
    countersigned_at = models.DateTimeField(null=True, blank=True)

    objects = AuditedQuerySet.as_manager()
    history = audited_history()

    class Meta:
        ordering = ["-verified_at", "-pk"]

    def __str__(self) -> str:
        return f"IV of {self.submission}"


class CriterionCheck(models.Model):
    verification = models.ForeignKey(DecisionVerification, on_delete=models.PROTECT,
                                     related_name="checks")
    criterion = models.ForeignKey("registrations.Criterion", on_delete=models.PROTECT,
                                  related_name="+")
    accurate = models.BooleanField()
    comment = models.TextField(blank=True)

    objects = AuditedQuerySet.as_manager()
    history = audited_history()

    def __str__(self) -> str:
        return f"{self.criterion}: {'accurate' if self.accurate else 'not accurate'}"


class RemedialAction(models.Model):
    class Kind(models.TextChoices):
        REASSESS = "reassess", "Re-assess the work"
        TRAINING = "training", "Assessor training"
        RESAMPLE = "resample", "Wider re-sample across the cohort"

    verification = models.ForeignKey(DecisionVerification, on_delete=models.PROTECT,
                                     related_name="actions")
    kind = models.CharField(max_length=10, choices=Kind.choices)
    description = models.TextField()
    due_on = models.DateField()
    raised_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                  related_name="+")
    closed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                  on_delete=models.PROTECT, related_name="+")
    closed_at = models.DateTimeField(null=True, blank=True)
    closure_note = models.TextField(blank=True)

    objects = AuditedQuerySet.as_manager()
    history = audited_history()

    class Meta:
        ordering = ["due_on", "pk"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} by {self.due_on:%d %b %Y}"


class StandardisationMeeting(models.Model):
    """A standardisation meeting: units and sample work looked at, who took part, what was
    agreed."""

    subject_area = models.ForeignKey("qmr.SubjectArea", on_delete=models.PROTECT,
                                     related_name="standardisation_meetings")
    held_on = models.DateField()
    units = models.ManyToManyField("registrations.Unit", related_name="+")
    sample_looked_at = models.TextField(help_text="The sample work looked at.")
    outcomes = models.TextField(help_text="What was agreed.")
    participants = models.ManyToManyField(settings.AUTH_USER_MODEL, related_name="+")
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                    related_name="+")

    objects = AuditedQuerySet.as_manager()
    history = audited_history()

    class Meta:
        ordering = ["-held_on"]

    def __str__(self) -> str:
        return f"Standardisation for {self.subject_area} on {self.held_on:%d %b %Y}"


# Standards verification lives in its own module; imported here so Django finds its models.
from verification.standards.models import (  # noqa: E402, F401
    SampleRound,
    SampleSize,
    StandardsVerification,
    SVAction,
)
