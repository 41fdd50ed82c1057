"""Programmes, units and criteria, cohorts, learners and their registration records."""

from datetime import date
from decimal import Decimal

from django.conf import settings
from django.db import models
from django.utils import timezone

from qmr.audit import AuditedQuerySet
from qmr.models import AcademicYear, Centre, Site, SubjectArea, audited_history
from qmr.roles import SCOPE_PERMISSIONS

USER = settings.AUTH_USER_MODEL


class Level(models.TextChoices):
    ENTRY = "E", "Entry"
    L1 = "1", "Level 1"
    L2 = "2", "Level 2"
    L3 = "3", "Level 3"
    L4 = "4", "Level 4"
    L5 = "5", "Level 5"
    L6 = "6", "Level 6"
    L7 = "7", "Level 7"


class DeliveryModel(models.TextChoices):
    ACADEMIC_YEAR = "academic_year", "Over an academic year"
    OTHER = "other", "Other (roll-on, roll-off or short course)"


class Programme(models.Model):
    """A BTEC programme a centre delivers: a scope that roles can be held on."""

    centre = models.ForeignKey(Centre, on_delete=models.PROTECT, related_name="programmes")
    subject_area = models.ForeignKey(
        SubjectArea, on_delete=models.PROTECT, related_name="programmes"
    )
    code = models.CharField("awarding-body programme code", max_length=20)
    title = models.CharField(max_length=200)
    level = models.CharField(max_length=1, choices=Level.choices)
    specification = models.CharField("specification reference", max_length=100, blank=True)
    delivery_model = models.CharField(
        max_length=20, choices=DeliveryModel.choices, default=DeliveryModel.ACADEMIC_YEAR
    )
    requires_lead_iv = models.BooleanField(
        "requires an accredited Lead IV", default=False,
        help_text="The qualification cannot be claimed unless the subject area's Lead IV is "
        "registered and standardised for the year (otherwise a gap is only a warning).")

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


class Unit(models.Model):
    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="units")
    number = models.CharField(max_length=10, help_text="For example 1 or 14.")
    title = models.CharField(max_length=200)
    guided_learning_hours = models.PositiveSmallIntegerField(default=60)
    mandatory = models.BooleanField(default=True)
    externally_assessed = models.BooleanField(default=False)

    objects = AuditedQuerySet.as_manager()
    history = audited_history()

    class Meta:
        ordering = ["programme", "id"]
        constraints = [
            models.UniqueConstraint(fields=["programme", "number"], name="unit_number_unique")
        ]

    def __str__(self) -> str:
        return f"Unit {self.number}: {self.title}"


class Band(models.TextChoices):
    PASS = "P", "Pass"
    MERIT = "M", "Merit"
    DISTINCTION = "D", "Distinction"


class Criterion(models.Model):
    unit = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="criteria")
    code = models.CharField(max_length=10, help_text="As in the specification, e.g. P1, M2, D1.")
    band = models.CharField(max_length=1, choices=Band.choices)
    learning_aim = models.CharField(max_length=5, blank=True, help_text="For example A.")
    text = models.TextField()

    objects = AuditedQuerySet.as_manager()
    history = audited_history()

    class Meta:
        # Pass, then Merit, then Distinction, each in the order they were entered.
        ordering = ["unit", models.Case(models.When(band="P", then=0),
                                        models.When(band="M", then=1), default=2), "id"]
        verbose_name_plural = "criteria"
        constraints = [
            models.UniqueConstraint(fields=["unit", "code"], name="criterion_code_unique")
        ]

    def __str__(self) -> str:
        return self.code


class Cohort(models.Model):
    """One intake of a programme in an academic year: the unit of class lists."""

    programme = models.ForeignKey(Programme, on_delete=models.PROTECT, related_name="cohorts")
    academic_year = models.ForeignKey(AcademicYear, on_delete=models.PROTECT,
                                      related_name="cohorts")
    name = models.CharField(max_length=100, help_text="For example Year 12 Sport 2026.")
    starts_on = models.DateField()
    expected_end_on = models.DateField()

    objects = AuditedQuerySet.as_manager()
    history = audited_history()

    class Meta:
        ordering = ["-starts_on", "name"]
        constraints = [
            models.UniqueConstraint(fields=["programme", "name"], name="cohort_name_unique")
        ]

    def __str__(self) -> str:
        return self.name


class AwardingBodyYear(models.Model):
    """The awarding body's registration dates for one academic year: they change yearly."""

    academic_year = models.CharField(max_length=7, unique=True, help_text="For example 2024/25.")
    registration_cutoff = models.DateField(help_text="Last day to register with no late fee.")
    fee_bands = models.JSONField(
        default=list,
        help_text='Late-fee bands: [{"from": "2024-11-02", "multiplier": "1.05"}, ...].',
    )
    deletions_by = models.DateField(help_text="Last day to delete a registration.")
    results_by = models.DateField(help_text="Results for academic-year programmes by.")
    centre_registration_deadline = models.DateField(
        help_text="The centre's own deadline for academic-year programmes (end of November in "
        "the seeds' procedure)."
    )
    claims_by = models.DateField(
        null=True, blank=True,
        help_text="Last day for certification claims on academic-year programmes completing "
        "this year (31 July when blank).")

    objects = AuditedQuerySet.as_manager()
    history = audited_history()

    def __str__(self) -> str:
        return self.academic_year

    def fee_multiplier(self, on: date) -> Decimal:
        """The late-fee multiplier for a registration made on `on` (1 before the cut-off)."""
        multiplier = Decimal("1")
        for band in sorted(self.fee_bands, key=lambda b: b["from"]):
            if on >= date.fromisoformat(band["from"]):
                multiplier = Decimal(band["multiplier"])
        return multiplier


class LearnerStatus(models.TextChoices):
    ENROLLED = "enrolled", "Enrolled, not yet registered"
    REGISTERED = "registered", "Registered"
    WITHDRAWN = "withdrawn", "Withdrawn"
    TRANSFERRED = "transferred", "Transferred out"


class IdentityDocument(models.TextChoices):
    PASSPORT = "passport", "Passport"
    BIRTH_CERTIFICATE = "birth_certificate", "Birth certificate"
    DRIVING_LICENCE = "driving_licence", "Photo driving licence"
    NATIONAL_ID = "national_id", "National identity card"
    SCHOOL_RECORD = "school_record", "Verified record from previous school"


class Learner(models.Model):
    centre = models.ForeignKey(Centre, on_delete=models.PROTECT, related_name="learners")
    programme = models.ForeignKey(Programme, on_delete=models.PROTECT, related_name="learners")
    cohort = models.ForeignKey(Cohort, null=True, blank=True, on_delete=models.PROTECT,
                               related_name="learners")
    site = models.ForeignKey(Site, null=True, blank=True, on_delete=models.PROTECT)
    user = models.OneToOneField(
        USER, null=True, blank=True, on_delete=models.PROTECT, related_name="learner",
    )
    centre_ref = models.CharField("centre's learner reference", max_length=30)
    first_name = models.CharField(max_length=100)
    last_name = models.CharField(max_length=100)
    date_of_birth = models.DateField()
    email = models.EmailField(blank=True)
    phone = models.CharField(max_length=30, blank=True)
    enrolled_on = models.DateField(default=timezone.localdate,
                                   help_text="The day the learner was admitted.")
    identity_checked_by = models.ForeignKey(USER, null=True, blank=True,
                                            on_delete=models.PROTECT, related_name="+")
    identity_document = models.CharField(max_length=30, choices=IdentityDocument.choices,
                                         blank=True)
    identity_checked_at = models.DateTimeField(null=True, blank=True)
    status = models.CharField(max_length=20, choices=LearnerStatus.choices,
                              default=LearnerStatus.ENROLLED)
    registration_number = models.CharField("awarding-body registration number", max_length=20,
                                           blank=True)
    registered_on = models.DateField(null=True, blank=True)
    registered_by = models.ForeignKey(USER, null=True, blank=True, on_delete=models.PROTECT,
                                      related_name="+")
    registered_late = models.BooleanField(default=False)
    registration_fee_multiplier = models.DecimalField(max_digits=4, decimal_places=2,
                                                      null=True, blank=True)
    estimated_completion_on = models.DateField(null=True, blank=True)
    prior_learning = models.TextField("recognition of prior learning", blank=True)
    support_needs = models.TextField("learning support needs", blank=True)
    learning_plan = models.TextField("individual learning plan", blank=True)

    objects = AuditedQuerySet.as_manager()
    history = audited_history()

    class Meta:
        ordering = ["last_name", "first_name"]
        constraints = [
            models.UniqueConstraint(fields=["centre", "centre_ref"], name="learner_ref_unique")
        ]
        indexes = [models.Index(fields=["cohort", "status"])]

    def __str__(self) -> str:
        return f"{self.first_name} {self.last_name}"

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}"


class ClassListSignOff(models.Model):
    """The Programme Leader signs the cohort's class list as accurate (step 1)."""

    cohort = models.ForeignKey(Cohort, on_delete=models.PROTECT, related_name="class_lists")
    signed_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    signed_at = models.DateTimeField(default=timezone.now)
    learners = models.ManyToManyField(Learner, related_name="class_lists")

    objects = AuditedQuerySet.as_manager()
    history = audited_history()

    class Meta:
        ordering = ["-signed_at"]

    def __str__(self) -> str:
        return f"Class list of {self.cohort} signed {self.signed_at:%d %b %Y}"


class RegistrationCheck(models.Model):
    """The Programme Leader's check of the awarding body's list against our records (step 3)."""

    class Status(models.TextChoices):
        OPEN = "open", "Waiting for the Programme Leader"
        CHANGES_REQUESTED = "changes_requested", "Changes asked of the Exams Officer"
        CHANGES_MADE = "changes_made", "Changes made, to be checked again"
        CONFIRMED = "confirmed", "Confirmed accurate"

    cohort = models.ForeignKey(Cohort, on_delete=models.PROTECT, related_name="checks")
    uploaded_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    uploaded_at = models.DateTimeField(default=timezone.now)
    file_name = models.CharField(max_length=200)
    mismatches = models.JSONField(default=list)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.OPEN)
    changes_note = models.TextField(blank=True)
    decided_by = models.ForeignKey(USER, null=True, blank=True, on_delete=models.PROTECT,
                                   related_name="+")
    decided_at = models.DateTimeField(null=True, blank=True)
    changes_made_note = models.TextField(blank=True)
    changes_made_by = models.ForeignKey(USER, null=True, blank=True, on_delete=models.PROTECT,
                                        related_name="+")
    changes_made_at = models.DateTimeField(null=True, blank=True)

    objects = AuditedQuerySet.as_manager()
    history = audited_history()

    class Meta:
        ordering = ["-uploaded_at"]

    def __str__(self) -> str:
        return f"Registration check of {self.cohort} ({self.get_status_display()})"


class ExternalEntry(models.Model):
    """An entry for an externally set assessment: requested, entered, checked (step 4)."""

    class Status(models.TextChoices):
        REQUESTED = "requested", "Requested by the Programme Leader"
        ENTERED = "entered", "Entered by the Exams Officer"
        CHECKED = "checked", "Checked by the Programme Leader"

    learner = models.ForeignKey(Learner, on_delete=models.PROTECT, related_name="entries")
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="entries")
    series = models.CharField(max_length=30, help_text="For example May/June 2027.")
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.REQUESTED)
    requested_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    requested_at = models.DateTimeField(default=timezone.now)
    entered_by = models.ForeignKey(USER, null=True, blank=True, on_delete=models.PROTECT,
                                   related_name="+")
    entered_at = models.DateTimeField(null=True, blank=True)
    checked_by = models.ForeignKey(USER, null=True, blank=True, on_delete=models.PROTECT,
                                   related_name="+")
    checked_at = models.DateTimeField(null=True, blank=True)

    objects = AuditedQuerySet.as_manager()
    history = audited_history()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["learner", "unit", "series"], name="entry_once")
        ]

    def __str__(self) -> str:
        return f"Entry of {self.learner} for {self.unit} ({self.series})"


class Withdrawal(models.Model):
    """A withdrawal takes effect only once the Quality Nominee and the Exams Officer have both
    signed it off."""

    learner = models.ForeignKey(Learner, on_delete=models.PROTECT, related_name="withdrawals")
    reason = models.TextField()
    last_day = models.DateField()
    requested_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    requested_at = models.DateTimeField(default=timezone.now)
    nominee_signed_by = models.ForeignKey(USER, null=True, blank=True, on_delete=models.PROTECT,
                                          related_name="+")
    nominee_signed_at = models.DateTimeField(null=True, blank=True)
    exams_signed_by = models.ForeignKey(USER, null=True, blank=True, on_delete=models.PROTECT,
                                        related_name="+")
    exams_signed_at = models.DateTimeField(null=True, blank=True)
    took_effect_at = models.DateTimeField(null=True, blank=True)

    objects = AuditedQuerySet.as_manager()
    history = audited_history()

    class Meta:
        ordering = ["-requested_at"]

    def __str__(self) -> str:
        return f"Withdrawal of {self.learner}"


class Transfer(models.Model):
    learner = models.ForeignKey(Learner, on_delete=models.PROTECT, related_name="transfers")
    from_programme = models.ForeignKey(Programme, on_delete=models.PROTECT, related_name="+")
    to_programme = models.ForeignKey(Programme, null=True, blank=True, on_delete=models.PROTECT,
                                     related_name="+")
    to_other_centre = models.CharField(max_length=200, blank=True)
    prior_learning = models.TextField(blank=True)
    transferred_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    transferred_at = models.DateTimeField(default=timezone.now)

    objects = AuditedQuerySet.as_manager()
    history = audited_history()

    def __str__(self) -> str:
        return f"Transfer of {self.learner}"


class AttendanceSession(models.Model):
    cohort = models.ForeignKey(Cohort, on_delete=models.PROTECT, related_name="sessions")
    held_on = models.DateField()
    title = models.CharField(max_length=150)

    objects = AuditedQuerySet.as_manager()
    history = audited_history()

    class Meta:
        ordering = ["-held_on"]

    def __str__(self) -> str:
        return f"{self.title} on {self.held_on:%d %b %Y}"


class AttendanceMark(models.Model):
    class Mark(models.TextChoices):
        PRESENT = "present", "Present"
        LATE = "late", "Late"
        ABSENT = "absent", "Absent"
        AUTHORISED = "authorised", "Absent (authorised)"

    session = models.ForeignKey(AttendanceSession, on_delete=models.CASCADE, related_name="marks")
    learner = models.ForeignKey(Learner, on_delete=models.PROTECT, related_name="attendance")
    mark = models.CharField(max_length=12, choices=Mark.choices)
    recorded_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(default=timezone.now)

    objects = AuditedQuerySet.as_manager()
    history = audited_history()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["session", "learner"], name="one_mark_per_session")
        ]

    def __str__(self) -> str:
        return f"{self.learner}: {self.get_mark_display()}"

    @property
    def recorded_same_day(self) -> bool:
        return timezone.localdate(self.recorded_at) == self.session.held_on


class RegistrationFlag(models.Model):
    """An inaccurate, early, late or fraudulent registration or claim, escalated to the Head of
    Centre, who acknowledges it within two working days."""

    class Concerns(models.TextChoices):
        REGISTRATION = "registration", "registration"
        CLAIM = "claim", "claim"

    class Kind(models.TextChoices):
        INACCURATE = "inaccurate", "Inaccurate"
        EARLY = "early", "Early"
        LATE = "late", "Late"
        FRAUDULENT = "fraudulent", "Fraudulent"

    learner = models.ForeignKey(Learner, on_delete=models.PROTECT, related_name="flags")
    kind = models.CharField(max_length=12, choices=Kind.choices)
    concerns = models.CharField(max_length=12, choices=Concerns.choices,
                                default=Concerns.REGISTRATION)
    description = models.TextField()
    raised_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    raised_at = models.DateTimeField(default=timezone.now)
    acknowledge_by = models.DateField(help_text="Two working days after it was raised.")
    acknowledged_by = models.ForeignKey(USER, null=True, blank=True, on_delete=models.PROTECT,
                                        related_name="+")
    acknowledged_at = models.DateTimeField(null=True, blank=True)

    objects = AuditedQuerySet.as_manager()
    history = audited_history()

    class Meta:
        ordering = ["-raised_at"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.get_concerns_display()} of {self.learner}"


# --- Certification ---------------------------------------------------------------------------

class StudentReport(models.Model):
    """What the awarding body's student report form carries: the learner's units, grades and
    points. The Lead IV completes it once the records support the achievement; the Programme
    Leader checks it; only a checked report goes into a claim."""

    class Kind(models.TextChoices):
        FULL = "full", "Full qualification"
        UNITS = "units", "Unit certification"

    learner = models.ForeignKey(Learner, on_delete=models.PROTECT, related_name="student_reports")
    kind = models.CharField(max_length=10, choices=Kind.choices, default=Kind.FULL)
    units = models.JSONField(help_text="Each unit claimed: code, title, grade and points.")
    points = models.PositiveSmallIntegerField()
    grade = models.CharField(max_length=20)
    completed_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    completed_at = models.DateTimeField(default=timezone.now)
    checked_by = models.ForeignKey(USER, null=True, blank=True, on_delete=models.PROTECT,
                                   related_name="+")
    checked_at = models.DateTimeField(null=True, blank=True)
    withdrawn_at = models.DateTimeField(null=True, blank=True,
                                        help_text="Set when the report is replaced.")

    objects = AuditedQuerySet.as_manager()
    history = audited_history()

    class Meta:
        ordering = ["-completed_at", "-pk"]

    def __str__(self) -> str:
        return f"Student report for {self.learner} ({self.get_kind_display().lower()})"


class Claim(models.Model):
    """A batch certification claim: prepared and submitted by the Exams Officer, and counted
    as submitted only once a second, different person confirms it."""

    programme = models.ForeignKey(Programme, on_delete=models.PROTECT, related_name="claims")
    submitted_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    submitted_at = models.DateTimeField(default=timezone.now)
    confirmed_by = models.ForeignKey(USER, null=True, blank=True, on_delete=models.PROTECT,
                                     related_name="+")
    confirmed_at = models.DateTimeField(null=True, blank=True)
    deadline = models.DateField(help_text="The claim deadline when it was submitted.")
    late = models.BooleanField(default=False)
    early = models.BooleanField(default=False)

    objects = AuditedQuerySet.as_manager()
    history = audited_history()

    class Meta:
        ordering = ["-submitted_at", "-pk"]

    def __str__(self) -> str:
        return f"Claim {self.pk} for {self.programme}"


class ClaimEntry(models.Model):
    """One learner's line in a claim, and the life of the certificate that comes back."""

    claim = models.ForeignKey(Claim, on_delete=models.PROTECT, related_name="entries")
    learner = models.ForeignKey(Learner, on_delete=models.PROTECT, related_name="claim_entries")
    report = models.OneToOneField(StudentReport, on_delete=models.PROTECT,
                                  related_name="claim_entry")
    certificate_received_on = models.DateField(null=True, blank=True)
    received_recorded_by = models.ForeignKey(USER, null=True, blank=True,
                                             on_delete=models.PROTECT, related_name="+")
    check_due_on = models.DateField(null=True, blank=True,
                                    help_text="Three working days after it was received.")
    checked_on = models.DateField(null=True, blank=True)
    checked_by = models.ForeignKey(USER, null=True, blank=True, on_delete=models.PROTECT,
                                   related_name="+")
    issued_on = models.DateField(null=True, blank=True)
    issued_by = models.ForeignKey(USER, null=True, blank=True, on_delete=models.PROTECT,
                                  related_name="+")

    objects = AuditedQuerySet.as_manager()
    history = audited_history()

    class Meta:
        ordering = ["learner__last_name", "learner__first_name", "pk"]
        constraints = [models.UniqueConstraint(fields=["claim", "learner"],
                                               name="one_entry_per_learner_per_claim")]

    def __str__(self) -> str:
        return f"{self.learner} in {self.claim}"


class CertificateAnomaly(models.Model):
    """A certificate that does not match the records: reported to the Quality Nominee and the
    awarding body, and the certificate held until it is resolved."""

    class Kind(models.TextChoices):
        NAME = "name", "Wrong name"
        GRADE = "grade", "Wrong grade"
        UNIT = "unit", "Wrong or missing unit"
        OTHER = "other", "Something else"

    entry = models.ForeignKey(ClaimEntry, on_delete=models.PROTECT, related_name="anomalies")
    kind = models.CharField(max_length=10, choices=Kind.choices)
    description = models.TextField()
    reported_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    reported_at = models.DateTimeField(default=timezone.now)
    resolved_by = models.ForeignKey(USER, null=True, blank=True, on_delete=models.PROTECT,
                                    related_name="+")
    resolved_at = models.DateTimeField(null=True, blank=True)
    resolution = models.TextField(blank=True)

    objects = AuditedQuerySet.as_manager()
    history = audited_history()

    class Meta:
        ordering = ["-reported_at"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} on the certificate of {self.entry.learner}"


class ResultCorrectionAfterClaim(models.Model):
    """A result changed after the learner was claimed for: the reason is kept, and it shows on
    the learner's record and the Quality Nominee's page."""

    learner = models.ForeignKey(Learner, on_delete=models.PROTECT,
                                related_name="corrections_after_claim")
    entry = models.ForeignKey(ClaimEntry, on_delete=models.PROTECT, related_name="corrections")
    what_changed = models.CharField(max_length=300)
    reason = models.TextField()
    made_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    made_at = models.DateTimeField(default=timezone.now)

    objects = AuditedQuerySet.as_manager()
    history = audited_history()

    class Meta:
        ordering = ["-made_at"]

    def __str__(self) -> str:
        return f"Result of {self.learner} corrected after the claim"


# Programme review lives in its own subpackage; imported here so Django finds its models.
from registrations.employer_involvement.models import (  # noqa: E402, F401
    EmployerActivity,
    Participation,
)
from registrations.learner_support.models import (  # noqa: E402, F401
    Induction,
    LearningPlan,
    TutorialReview,
)
from registrations.programme_review.models import ProgrammeReview  # noqa: E402, F401
