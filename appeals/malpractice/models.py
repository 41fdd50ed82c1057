"""Malpractice and maladministration cases: an allegation against a learner or a member of
staff, investigated by someone the Head of Centre appoints, through recorded stages (the
person told, their response, the finding, the sanction, how to appeal), and reported to the
awarding body where it must be. Nothing here is deleted before its retention date."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from qmr.audit import AuditedQuerySet
from qmr.models import Centre, audited_history
from registrations.models import Learner, Programme, RegistrationFlag, Unit

USER = settings.AUTH_USER_MODEL
RETAIN_YEARS = 3  # cases are kept at least this long after they close


class Kind(models.TextChoices):
    LEARNER = "learner", "Learner malpractice"
    STAFF = "staff", "Staff malpractice or maladministration"


class Category(models.TextChoices):
    # Against a learner
    PLAGIARISM = "plagiarism", "Plagiarism"
    AI_MISUSE = "ai_misuse", "Misuse of AI tools"
    COLLUSION = "collusion", "Collusion"
    COPYING = "copying", "Copying another learner's work"
    FABRICATION = "fabrication", "Fabricating results or evidence"
    IMPERSONATION = "impersonation", "Impersonation"
    FALSE_DECLARATION = "false_declaration", "False declaration that the work is their own"
    LEARNER_OTHER = "learner_other", "Other learner malpractice"
    # Against a member of staff
    IMPROPER_ASSISTANCE = "improper_assistance", "Improper help given to learners"
    CHANGED_MARKS = "changed_marks", "Changing marks or results"
    INSECURE_MATERIAL = "insecure_material", "Insecure handling of assessment material"
    FALSE_CLAIMS = "false_claims", "False claims for certificates"
    FABRICATED_RECORDS = "fabricated_records", "Fabricating records"
    STAFF_OTHER = "staff_other", "Other staff malpractice or maladministration"


LEARNER_CATEGORIES = frozenset({
    Category.PLAGIARISM, Category.AI_MISUSE, Category.COLLUSION, Category.COPYING,
    Category.FABRICATION, Category.IMPERSONATION, Category.FALSE_DECLARATION,
    Category.LEARNER_OTHER})
STAFF_CATEGORIES = frozenset(set(Category) - LEARNER_CATEGORIES)


class Status(models.TextChoices):
    OPEN = "open", "Open"
    CLOSED = "closed", "Closed"


class Finding(models.TextChoices):
    PROVEN = "proven", "Proven"
    NOT_PROVEN = "not_proven", "Not proven"


class Sanction(models.TextChoices):
    # For a learner
    WARNING = "warning", "A warning"
    REPEAT_ASSIGNMENT = "repeat_assignment", "Repeat the assignment"
    CANCEL_ASSIGNMENT = "cancel_assignment", "Cancel the assignment or the unit"
    WITHDRAW = "withdraw", "Withdraw from the qualification"
    # For a member of staff
    DISCIPLINARY = "disciplinary", "Referred to the disciplinary procedure"
    NONE = "none", "No sanction"


LEARNER_SANCTIONS = frozenset({Sanction.WARNING, Sanction.REPEAT_ASSIGNMENT,
                               Sanction.CANCEL_ASSIGNMENT, Sanction.WITHDRAW, Sanction.NONE})
STAFF_SANCTIONS = frozenset({Sanction.DISCIPLINARY, Sanction.NONE})


class MalpracticeCase(models.Model):
    centre = models.ForeignKey(Centre, on_delete=models.PROTECT, related_name="malpractice_cases")
    kind = models.CharField(max_length=10, choices=Kind.choices)
    learner = models.ForeignKey(Learner, null=True, blank=True, on_delete=models.PROTECT,
                                related_name="malpractice_cases",
                                help_text="The learner the allegation is against.")
    staff_member = models.ForeignKey(
        USER, null=True, blank=True, on_delete=models.PROTECT, related_name="+",
        help_text="The member of staff the allegation is against.")
    programme = models.ForeignKey(Programme, null=True, blank=True, on_delete=models.PROTECT,
                                  related_name="malpractice_cases")
    unit = models.ForeignKey(Unit, null=True, blank=True, on_delete=models.PROTECT,
                             related_name="+")
    flag = models.OneToOneField(
        RegistrationFlag, null=True, blank=True, on_delete=models.PROTECT,
        related_name="malpractice_case",
        help_text="The registration or claim flag this case was opened from.")
    category = models.CharField(max_length=24, choices=Category.choices)
    allegation = models.TextField("what is alleged")
    how_discovered = models.TextField("how it came to light", blank=True)
    witnesses = models.TextField(blank=True)
    candidates_informed = models.TextField(
        "how learners were told the rules", blank=True,
        help_text="For example the induction, the learner handbook, the brief.")
    effect_on_candidates = models.TextField(
        "whether learners were advantaged or disadvantaged", blank=True)
    investigation_plan = models.TextField("the planned investigation", blank=True)
    declaration_signed = models.BooleanField(
        "a declaration of authenticity was signed", default=False,
        help_text="Whether the learner signed a declaration that the work is their own.")
    raised_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    raised_at = models.DateTimeField(default=timezone.now)
    investigator = models.ForeignKey(USER, null=True, blank=True, on_delete=models.PROTECT,
                                     related_name="+")
    status = models.CharField(max_length=8, choices=Status.choices, default=Status.OPEN)
    told_of_allegation_on = models.DateField(
        "told of the allegation and its possible consequences on", null=True, blank=True)
    response = models.TextField("their response", blank=True)
    response_on = models.DateField(null=True, blank=True)
    finding = models.CharField(max_length=12, choices=Finding.choices, blank=True)
    finding_reasons = models.TextField(blank=True)
    found_on = models.DateField(null=True, blank=True)
    sanction = models.CharField(max_length=20, choices=Sanction.choices, blank=True)
    told_how_to_appeal_on = models.DateField(null=True, blank=True)
    reported_to_awarding_body_on = models.DateField(null=True, blank=True)
    report_reference = models.CharField("the awarding body's reference", max_length=60,
                                        blank=True)
    closed_on = models.DateField(null=True, blank=True)
    retain_until = models.DateField(null=True, blank=True, editable=False)

    objects = AuditedQuerySet.as_manager()
    history = audited_history()

    class Meta:
        ordering = ["-raised_at", "-pk"]
        indexes = [models.Index(fields=["centre", "status"])]
        constraints = [models.CheckConstraint(
            name="malpractice_case_against_one",
            condition=(Q(kind="learner", learner__isnull=False, staff_member__isnull=True)
                       | Q(kind="staff", learner__isnull=True)))]

    def __str__(self) -> str:
        return f"Malpractice case {self.pk}: {self.accused_name}"

    @property
    def accused_name(self) -> str:
        if self.kind == Kind.LEARNER:
            return str(self.learner)
        return str(self.staff_member) if self.staff_member_id else "member of staff not yet named"

    @property
    def is_open(self) -> bool:
        return self.status == Status.OPEN

    @property
    def is_learner_case(self) -> bool:
        return self.kind == Kind.LEARNER

    @property
    def must_be_reported(self) -> bool:
        """A staff case always; a learner case when proven against signed-as-own work."""
        if self.kind == Kind.STAFF:
            return True
        return self.finding == Finding.PROVEN and self.declaration_signed

    @property
    def fully_documented(self) -> bool:
        return bool(self.told_of_allegation_on and self.response_on and self.finding
                    and self.told_how_to_appeal_on)


def case_evidence_path(instance: "CaseEvidence", filename: str) -> str:
    # Outside any public URL: served only through a permission-checked view.
    return f"malpractice/{instance.case.centre_id}/{instance.case_id}/{filename}"


class CaseEvidence(models.Model):
    # CASCADE so that deleting a case reaches this file's retention check (retention.py).
    case = models.ForeignKey(MalpracticeCase, on_delete=models.CASCADE, related_name="evidence")
    file = models.FileField(upload_to=case_evidence_path)
    name = models.CharField(max_length=200)
    uploaded_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    uploaded_at = models.DateTimeField(default=timezone.now)

    objects = AuditedQuerySet.as_manager()
    history = audited_history()

    class Meta:
        ordering = ["uploaded_at", "pk"]
        verbose_name_plural = "case evidence"

    def __str__(self) -> str:
        return self.name
