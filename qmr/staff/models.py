"""Staff records (QO.1.3): per person at a centre, their job description, qualifications
(assessor and verifier awards among them), induction, and CPD and standardisation training
per academic year. Appointments (who holds which role) are the core's; the organisation chart
is drawn from them (see `qmr.staff.chart`)."""

from django.conf import settings
from django.db import models
from django.utils import timezone

from qmr.audit import AuditedQuerySet
from qmr.models import audited_history


class JobDescription(models.Model):
    """The person's current job description at the centre: typed, attached, or both. A change
    overwrites it; the history keeps every earlier wording."""

    centre = models.ForeignKey("qmr.Centre", on_delete=models.PROTECT, related_name="+")
    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                               related_name="job_descriptions")
    text = models.TextField("job description", blank=True)
    file = models.FileField("job description file", upload_to="staff/job/%Y/", blank=True)
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                   related_name="+")
    updated_at = models.DateTimeField(default=timezone.now)

    objects = AuditedQuerySet.as_manager()
    history = audited_history()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["centre", "person"],
                                               name="one_job_description_per_person")]

    def __str__(self) -> str:
        return f"Job description of {self.person}"


class QualificationKind(models.TextChoices):
    SUBJECT = "subject", "Subject or vocational"
    TEACHING = "teaching", "Teaching"
    ASSESSOR = "assessor", "Assessor"
    VERIFIER = "verifier", "Internal quality assurance (verifier)"
    OTHER = "other", "Other"


class Qualification(models.Model):
    centre = models.ForeignKey("qmr.Centre", on_delete=models.PROTECT, related_name="+")
    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                               related_name="staff_qualifications")
    kind = models.CharField(max_length=20, choices=QualificationKind.choices)
    title = models.CharField(max_length=200)
    awarded_on = models.DateField()
    evidence = models.FileField("certificate or evidence", upload_to="staff/qualifications/%Y/",
                                blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                    related_name="+")
    recorded_at = models.DateTimeField(default=timezone.now)

    objects = AuditedQuerySet.as_manager()
    history = audited_history()

    class Meta:
        ordering = ["-awarded_on", "pk"]

    def __str__(self) -> str:
        return f"{self.title} ({self.awarded_on:%Y})"


# What a centre's staff induction covers. Keys are stored; the words can change.
INDUCTION_ITEMS: dict[str, str] = {
    "role": "Their role and job description, and who they report to",
    "policies": "The centre's policies, the assessment and appeals policies above all",
    "assessment": "How assessment, internal verification and standardisation work here",
    "malpractice": "Malpractice, plagiarism and AI use, and how to report a concern",
    "registration": "Registration and certification deadlines, and who does what",
    "safeguarding": "Safeguarding, and health and safety",
    "systems": "This product and where records are kept",
}


class Induction(models.Model):
    centre = models.ForeignKey("qmr.Centre", on_delete=models.PROTECT, related_name="+")
    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                               related_name="inductions")
    inducted_on = models.DateField("date of induction")
    covered = models.JSONField(default=list, blank=True,
                               help_text="The keys of INDUCTION_ITEMS the induction covered.")
    completed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                     related_name="+", help_text="Who gave the induction.")
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                    related_name="+")

    objects = AuditedQuerySet.as_manager()
    history = audited_history()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["centre", "person"],
                                               name="one_induction_per_person")]

    def __str__(self) -> str:
        return f"Induction of {self.person}"

    @property
    def complete(self) -> bool:
        return set(INDUCTION_ITEMS) <= set(self.covered)

    @property
    def items(self) -> list[tuple[str, bool]]:
        return [(label, key in self.covered) for key, label in INDUCTION_ITEMS.items()]


class TrainingKind(models.TextChoices):
    CPD = "cpd", "CPD"
    STANDARDISATION = "standardisation", "Standardisation"


class Training(models.Model):
    """A piece of CPD or standardisation training, in the academic year it falls in."""

    centre = models.ForeignKey("qmr.Centre", on_delete=models.PROTECT, related_name="+")
    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                               related_name="staff_training")
    academic_year = models.ForeignKey("qmr.AcademicYear", on_delete=models.PROTECT,
                                      related_name="+")
    kind = models.CharField(max_length=20, choices=TrainingKind.choices,
                            default=TrainingKind.CPD)
    title = models.CharField("what", max_length=200)
    held_on = models.DateField("when")
    hours = models.DecimalField(max_digits=5, decimal_places=1)
    evidence = models.FileField("certificate or evidence", upload_to="staff/training/%Y/",
                                blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                    related_name="+")
    recorded_at = models.DateTimeField(default=timezone.now)

    objects = AuditedQuerySet.as_manager()
    history = audited_history()

    class Meta:
        ordering = ["-held_on", "pk"]
        indexes = [models.Index(fields=["centre", "academic_year", "person"])]

    def __str__(self) -> str:
        return f"{self.title} ({self.held_on:%d %b %Y})"
