"""The policy library: a centre's policies, each with numbered versions (draft, approved,
superseded), read confirmations by the people a version is addressed to, and reminders."""

from datetime import date

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone

from qmr.audit import AuditedQuerySet
from qmr.models import Centre, audited_history

USER = settings.AUTH_USER_MODEL


class PolicyKind(models.TextChoices):
    """Every policy the product knows: the BTEC ones first, then the centre-wide ones."""

    REGISTRATION = "registration", "Registration, entry and certification"
    ASSESSMENT = "assessment", "Assessment"
    INTERNAL_VERIFICATION = "internal_verification", "Internal verification"
    APPEALS = "appeals", "Appeals"
    MALPRACTICE = "malpractice", "Assessment malpractice"
    SPECIAL_CONSIDERATION = ("special_consideration",
                             "Special consideration and reasonable adjustment")
    COLLABORATIVE = "collaborative", "Collaborative arrangements"
    DISTANCE_LEARNING = "distance_learning", "Distance and blended learning"
    EMPLOYER_INVOLVEMENT = "employer_involvement", "Employer involvement"
    EQUALITY = "equality", "Equality and diversity"
    SAFEGUARDING = "safeguarding", "Safeguarding"
    HEALTH_SAFETY = "health_safety", "Health and safety"
    PRIOR_LEARNING = "prior_learning", "Recognition of prior learning"
    CONFLICT_OF_INTEREST = "conflict_of_interest", "Conflict of interest"
    COMPLAINTS = "complaints", "Complaints"
    CONTINGENCY = "contingency", "Contingency and adverse effects"
    LEARNER_SUPPORT = "learner_support", "Learner support"
    EMPLOYER_ENGAGEMENT = "employer_engagement", "Employer engagement"


BTEC_KINDS = (
    PolicyKind.REGISTRATION, PolicyKind.ASSESSMENT, PolicyKind.INTERNAL_VERIFICATION,
    PolicyKind.APPEALS, PolicyKind.MALPRACTICE, PolicyKind.SPECIAL_CONSIDERATION,
    PolicyKind.COLLABORATIVE, PolicyKind.DISTANCE_LEARNING, PolicyKind.EMPLOYER_INVOLVEMENT,
)


class Policy(models.Model):
    """One of a centre's policies (one per kind). Its text lives in its versions; `current`
    is the version approved last, the one everyone reads."""

    centre = models.ForeignKey(Centre, on_delete=models.PROTECT, related_name="policies")
    kind = models.CharField(max_length=30, choices=PolicyKind.choices)
    title = models.CharField(max_length=200)
    review_months = models.PositiveSmallIntegerField(
        "review every (months)", default=12,
        validators=[MinValueValidator(1), MaxValueValidator(36)],
        help_text="How long an approved version stands before it must be reviewed.")
    chair_signs = models.BooleanField(
        "the chair of governors also signs", default=False,
        help_text="Tick if the centre wants the chair of governors' signature recorded too.")
    current = models.ForeignKey("PolicyVersion", null=True, blank=True,
                                on_delete=models.SET_NULL, related_name="+")
    created_by = models.ForeignKey(USER, null=True, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    objects = AuditedQuerySet.as_manager()
    history = audited_history()

    class Meta:
        ordering = ["title"]
        verbose_name_plural = "policies"
        constraints = [
            models.UniqueConstraint(fields=["centre", "kind"], name="one_policy_per_kind")
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_btec(self) -> bool:
        return self.kind in BTEC_KINDS


class VersionStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    APPROVED = "approved", "Approved"
    SUPERSEDED = "superseded", "Superseded"


class PolicyVersion(models.Model):
    """A numbered version of a policy. A draft is edited until the Head of Centre signs it
    off; from then on it is never changed (a change is the next version)."""

    policy = models.ForeignKey(Policy, on_delete=models.PROTECT, related_name="versions")
    number = models.PositiveSmallIntegerField()
    status = models.CharField(max_length=12, choices=VersionStatus.choices,
                              default=VersionStatus.DRAFT)
    body = models.TextField("text of the policy", blank=True)
    # The Markdown above rendered and sanitised when it is saved (see docs/policies.md).
    body_html = models.TextField(blank=True, editable=False)
    author = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    approving_committee = models.CharField(max_length=150, blank=True)
    audience = models.JSONField("who must read it", default=list, blank=True)
    change_summary = models.TextField("what changed", blank=True)
    next_review_on = models.DateField("next review", null=True, blank=True)
    submitted_at = models.DateTimeField("sent for sign-off", null=True, blank=True)
    submitted_by = models.ForeignKey(USER, null=True, blank=True, on_delete=models.PROTECT,
                                     related_name="+")
    approved_on = models.DateField(null=True, blank=True)
    approved_by = models.ForeignKey(USER, null=True, blank=True, on_delete=models.PROTECT,
                                    related_name="+")
    approved_at = models.DateTimeField(null=True, blank=True)
    chair_name = models.CharField("chair of governors", max_length=150, blank=True)
    chair_signed_on = models.DateField("chair signed on", null=True, blank=True)
    created_by = models.ForeignKey(USER, null=True, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    objects = AuditedQuerySet.as_manager()
    history = audited_history(excluded_fields=["body_html"])

    class Meta:
        ordering = ["policy", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["policy", "number"], name="version_number_once"),
            models.UniqueConstraint(fields=["policy"], condition=Q(status="draft"),
                                    name="one_draft_per_policy"),
        ]

    def __str__(self) -> str:
        return f"{self.policy.title}, version {self.number}"

    @property
    def is_draft(self) -> bool:
        return self.status == VersionStatus.DRAFT

    @property
    def is_overdue(self) -> bool:
        return (self.status == VersionStatus.APPROVED and self.next_review_on is not None
                and self.next_review_on < timezone.localdate())

    def audience_labels(self) -> list[str]:
        from qmr.roles import Role

        return [Role(r).label for r in self.audience if r in Role.values]


class ReadConfirmation(models.Model):
    """A person in a version's audience confirmed they have read it."""

    version = models.ForeignKey(PolicyVersion, on_delete=models.PROTECT,
                                related_name="confirmations")
    person = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    confirmed_at = models.DateTimeField(default=timezone.now)

    objects = AuditedQuerySet.as_manager()
    history = audited_history()

    class Meta:
        ordering = ["confirmed_at"]
        constraints = [
            models.UniqueConstraint(fields=["version", "person"], name="read_once")
        ]

    def __str__(self) -> str:
        return f"{self.person} read {self.version}"


class ReadReminder(models.Model):
    """A reminder to read a version, asked for by the Quality Nominee; `sent_at` is set once
    the e-mail has gone, so running the task twice sends one."""

    version = models.ForeignKey(PolicyVersion, on_delete=models.PROTECT,
                                related_name="reminders")
    person = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    requested_by = models.ForeignKey(USER, null=True, on_delete=models.PROTECT,
                                     related_name="+")
    requested_at = models.DateTimeField(default=timezone.now)
    sent_at = models.DateTimeField(null=True, blank=True)

    objects = AuditedQuerySet.as_manager()
    history = audited_history()

    class Meta:
        ordering = ["-requested_at"]

    def __str__(self) -> str:
        return f"Reminder to {self.person} to read {self.version}"


def review_due(approved_on: date, months: int) -> date:
    from dateutil.relativedelta import relativedelta

    return approved_on + relativedelta(months=months)
