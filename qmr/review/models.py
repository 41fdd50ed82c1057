"""The annual review: a cycle per centre and academic year whose stages come from its framework
version, the review visit, the Centre Engagement Document (or Annual Quality Declaration) in
locked versions, the evidence pack's attachments and commentary, the reviewer's judgements and
actions, certification-block recommendations, and weekly readiness snapshots."""

from datetime import date

from django.conf import settings
from django.db import models
from django.db.models import Q

from qmr.audit import AuditedQuerySet
from qmr.framework.models import FrameworkVersion, Measure, Objective
from qmr.models import AcademicYear, Appointment, Centre, CertificationBlock, audited_history
from qmr.roles import Role

USER = settings.AUTH_USER_MODEL


class CycleKind(models.TextChoices):
    REVIEW_VISIT = "review_visit", "Quality Management Review with a Centre Engagement Document"
    ANNUAL_DECLARATION = ("annual_declaration",
                          "Annual Quality Declaration and standards verification")


class CycleDefinition(models.Model):
    """How a framework version's annual cycle runs: its kind, its figures and its stages."""

    version = models.OneToOneField(FrameworkVersion, on_delete=models.CASCADE,
                                   related_name="cycle")
    kind = models.CharField(max_length=20, choices=CycleKind.choices)
    visit_from = models.CharField(max_length=5, blank=True, help_text='First day a visit may '
                                  'fall on, as month-day: "10-01" for 1 October.')
    visit_to = models.CharField(max_length=5, blank=True, help_text='Last day, e.g. "04-30".')
    report_working_days = models.PositiveSmallIntegerField(
        default=10, help_text="Working days after the visit the reviewer's report is due by.")
    action_months = models.PositiveSmallIntegerField(
        default=3, help_text="Months after the visit an Essential Action may be due by, and the "
                             "progress update is due after the report.")
    declaration_from = models.CharField(max_length=5, blank=True,
                                        help_text='The declaration window opens, e.g. "09-01".')
    declaration_to = models.CharField(max_length=5, blank=True,
                                      help_text='The declaration is due by, e.g. "10-14".')

    objects = AuditedQuerySet.as_manager()
    history = audited_history()

    def __str__(self) -> str:
        return f"{self.version}: {self.get_kind_display()}"

    @property
    def has_visit(self) -> bool:
        return self.kind == CycleKind.REVIEW_VISIT


class StageKey(models.TextChoices):
    """What a stage's progress is computed from (see `qmr.review.stages`)."""

    ALLOCATION = "allocation", "Reviewer allocated"
    ENGAGEMENT_DOCUMENT = "engagement_document", "Centre Engagement Document submitted"
    VISIT = "visit", "Visit or desk-top review held"
    REPORT = "report", "Report submitted"
    ACTIONS = "actions", "Essential Actions closed"
    PROGRESS_UPDATE = "progress_update", "Progress update sent"
    DECLARATION = "declaration", "Annual Quality Declaration submitted"
    LEAD_IVS = "lead_ivs", "Lead IVs registered and standardised"
    CHECK_IN = "check_in", "Centre check-in held"
    STANDARDS_VERIFICATION = "standards_verification", "Standards verification before release"


class CycleStage(models.Model):
    definition = models.ForeignKey(CycleDefinition, on_delete=models.CASCADE,
                                   related_name="stages")
    order = models.PositiveSmallIntegerField()
    key = models.CharField(max_length=30, choices=StageKey.choices)
    title = models.CharField(max_length=120)
    owner_role = models.CharField(max_length=30, choices=Role.choices)
    opens = models.CharField(max_length=5, blank=True, help_text='Month-day, e.g. "09-01".')
    closes = models.CharField(max_length=5, blank=True, help_text='Month-day, e.g. "10-14".')
    description = models.TextField(blank=True)

    objects = AuditedQuerySet.as_manager()
    history = audited_history()

    class Meta:
        ordering = ["definition", "order"]
        constraints = [models.UniqueConstraint(fields=["definition", "key"],
                                               name="stage_key_once_per_cycle")]

    def __str__(self) -> str:
        return self.title


class ReviewCycle(models.Model):
    """One centre's annual review for one academic year."""

    centre = models.ForeignKey(Centre, on_delete=models.PROTECT, related_name="review_cycles")
    academic_year = models.ForeignKey(AcademicYear, on_delete=models.PROTECT,
                                      related_name="review_cycles")
    definition = models.ForeignKey(CycleDefinition, on_delete=models.PROTECT,
                                   related_name="cycles")
    opened_by = models.ForeignKey(USER, null=True, blank=True, on_delete=models.PROTECT,
                                  related_name="+")
    opened_at = models.DateTimeField(auto_now_add=True)

    objects = AuditedQuerySet.as_manager()
    history = audited_history()

    class Meta:
        ordering = ["-academic_year__starts_on"]
        constraints = [models.UniqueConstraint(fields=["centre", "academic_year"],
                                               name="one_review_cycle_per_year")]

    def __str__(self) -> str:
        return f"{self.academic_year} review"

    @property
    def version(self) -> FrameworkVersion:
        return self.definition.version


class VisitMode(models.TextChoices):
    VISIT = "visit", "Visit to the centre"
    DESK_TOP = "desk_top", "Desk-top review"
    CHECK_IN = "check_in", "Centre check-in"


class ReviewVisit(models.Model):
    """The reviewer's allocation to the cycle, the agreed date, the agenda, who they want to
    meet, and their report."""

    cycle = models.OneToOneField(ReviewCycle, on_delete=models.CASCADE, related_name="visit")
    reviewer = models.ForeignKey(Appointment, on_delete=models.PROTECT, related_name="+",
                                 help_text="The reviewer's time-boxed appointment at the centre.")
    mode = models.CharField(max_length=10, choices=VisitMode.choices, default=VisitMode.VISIT)
    held_on = models.DateField("visit date", null=True, blank=True)
    agenda = models.TextField(blank=True)
    wants_to_meet = models.TextField("practitioners and learners to meet", blank=True)
    allocated_by = models.ForeignKey(USER, null=True, blank=True, on_delete=models.PROTECT,
                                     related_name="+")
    report_submitted_at = models.DateTimeField(null=True, blank=True)
    report_submitted_by = models.ForeignKey(USER, null=True, blank=True,
                                            on_delete=models.PROTECT, related_name="+")
    report_due_on = models.DateField(null=True, blank=True)

    objects = AuditedQuerySet.as_manager()
    history = audited_history()

    def __str__(self) -> str:
        when = f" on {self.held_on:%d %B %Y}" if self.held_on else ", date not yet agreed"
        return f"{self.get_mode_display()}{when}"

    @property
    def report_submitted(self) -> bool:
        return self.report_submitted_at is not None


class EngagementDocument(models.Model):
    """One version of the Centre Engagement Document (or Annual Quality Declaration). A
    submitted version is locked; a change after that is a new version, the old one kept."""

    class State(models.TextChoices):
        DRAFT = "draft", "Draft"
        SUBMITTED = "submitted", "Submitted (locked)"

    cycle = models.ForeignKey(ReviewCycle, on_delete=models.PROTECT, related_name="documents")
    number = models.PositiveSmallIntegerField(default=1)
    state = models.CharField(max_length=10, choices=State.choices, default=State.DRAFT)
    changes = models.TextField("changes to systems and procedures", blank=True)
    terms_accepted = models.BooleanField(
        "the centre's terms and conditions still hold", default=False)
    recognition_notes = models.TextField("changes to the centre's recognition", blank=True)
    created_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    reason = models.CharField("why this version", max_length=300, blank=True)
    signed_by = models.ForeignKey(USER, null=True, blank=True, on_delete=models.PROTECT,
                                  related_name="+")
    signed_at = models.DateTimeField(null=True, blank=True)
    submitted_by = models.ForeignKey(USER, null=True, blank=True, on_delete=models.PROTECT,
                                     related_name="+")
    submitted_at = models.DateTimeField(null=True, blank=True)

    objects = AuditedQuerySet.as_manager()
    history = audited_history()

    class Meta:
        ordering = ["cycle", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["cycle", "number"], name="document_number_once"),
            models.UniqueConstraint(fields=["cycle"], condition=Q(state="draft"),
                                    name="one_draft_document_per_cycle"),
        ]

    def __str__(self) -> str:
        return f"Version {self.number} ({self.get_state_display().lower()})"

    @property
    def is_locked(self) -> bool:
        return self.state == self.State.SUBMITTED


class ActionProgress(models.Model):
    """The document's account of progress on one of last year's actions."""

    document = models.ForeignKey(EngagementDocument, on_delete=models.CASCADE,
                                 related_name="progress")
    action = models.ForeignKey("ReviewAction", on_delete=models.PROTECT, related_name="+")
    text = models.TextField(blank=True)

    objects = AuditedQuerySet.as_manager()
    history = audited_history()

    class Meta:
        ordering = ["action__kind", "action_id"]
        constraints = [models.UniqueConstraint(fields=["document", "action"],
                                               name="progress_once_per_action")]

    def __str__(self) -> str:
        return f"Progress on {self.action}"


class ObjectiveStatement(models.Model):
    """Strengths and weaknesses the centre states for one objective."""

    document = models.ForeignKey(EngagementDocument, on_delete=models.CASCADE,
                                 related_name="statements")
    objective = models.ForeignKey(Objective, on_delete=models.PROTECT, related_name="+")
    strengths = models.TextField(blank=True)
    weaknesses = models.TextField(blank=True)

    objects = AuditedQuerySet.as_manager()
    history = audited_history()

    class Meta:
        ordering = ["objective__number"]
        constraints = [models.UniqueConstraint(fields=["document", "objective"],
                                               name="statement_once_per_objective")]

    def __str__(self) -> str:
        return f"Strengths and weaknesses: {self.objective}"


class ApprovalDeclaration(models.Model):
    """The re-declaration of one qualification approval, drawn from the centre's programmes."""

    class Status(models.TextChoices):
        CONTINUING = "continuing", "Still delivered"
        CHANGED = "changed", "Delivered, with changes"
        CEASED = "ceased", "No longer delivered"

    document = models.ForeignKey(EngagementDocument, on_delete=models.CASCADE,
                                 related_name="approvals")
    code = models.CharField(max_length=20)
    title = models.CharField(max_length=200)
    status = models.CharField(max_length=12, choices=Status.choices, blank=True)
    notes = models.CharField(max_length=300, blank=True)

    objects = AuditedQuerySet.as_manager()
    history = audited_history()

    class Meta:
        ordering = ["title", "code"]
        constraints = [models.UniqueConstraint(fields=["document", "code"],
                                               name="approval_once_per_document")]

    def __str__(self) -> str:
        return f"{self.code} {self.title}"


class Judgement(models.Model):
    class Verdict(models.TextChoices):
        EFFECTIVE = "effective", "In place and effective"
        NOT_ALL_EFFECTIVE = "not_all_effective", "In place but not all effective"
        INSUFFICIENT = "insufficient", "Insufficient evidence"

    cycle = models.ForeignKey(ReviewCycle, on_delete=models.CASCADE, related_name="judgements")
    objective = models.ForeignKey(Objective, on_delete=models.PROTECT, related_name="+")
    verdict = models.CharField(max_length=20, choices=Verdict.choices)
    comments = models.TextField(blank=True)
    recorded_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(auto_now=True)

    objects = AuditedQuerySet.as_manager()
    history = audited_history()

    class Meta:
        ordering = ["objective__number"]
        constraints = [models.UniqueConstraint(fields=["cycle", "objective"],
                                               name="judgement_once_per_objective")]

    def __str__(self) -> str:
        return f"{self.objective.code}: {self.get_verdict_display()}"


class ReviewAction(models.Model):
    """An Essential Action (due within the cycle's months) or a Recommendation (looked at
    again at the next review), followed to closure with evidence."""

    class Kind(models.TextChoices):
        ESSENTIAL = "essential", "Essential Action"
        RECOMMENDATION = "recommendation", "Recommendation"

    cycle = models.ForeignKey(ReviewCycle, on_delete=models.PROTECT, related_name="actions")
    kind = models.CharField(max_length=15, choices=Kind.choices)
    objective = models.ForeignKey(Objective, on_delete=models.PROTECT, related_name="+")
    description = models.TextField()
    due_on = models.DateField(null=True, blank=True)
    owner = models.ForeignKey(USER, null=True, blank=True, on_delete=models.PROTECT,
                              related_name="review_actions")
    set_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    set_at = models.DateTimeField(auto_now_add=True)
    closed_by = models.ForeignKey(USER, null=True, blank=True, on_delete=models.PROTECT,
                                  related_name="+")
    closed_at = models.DateTimeField(null=True, blank=True)
    closure_evidence = models.TextField(blank=True)
    closure_file = models.FileField(upload_to="review/actions/%Y/", blank=True)

    objects = AuditedQuerySet.as_manager()
    history = audited_history()

    class Meta:
        ordering = ["kind", "due_on", "pk"]
        constraints = [models.CheckConstraint(
            condition=Q(kind="recommendation") | Q(due_on__isnull=False),
            name="essential_action_has_due_date")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} ({self.objective.code}): {self.description[:80]}"

    @property
    def is_open(self) -> bool:
        return self.closed_at is None

    @property
    def is_overdue(self) -> bool:
        from django.utils import timezone

        return self.is_open and self.due_on is not None and self.due_on < timezone.localdate()


class ProgressUpdate(models.Model):
    """The centre's update to the reviewer on its Essential Actions."""

    cycle = models.ForeignKey(ReviewCycle, on_delete=models.PROTECT,
                              related_name="progress_updates")
    text = models.TextField()
    sent_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    sent_at = models.DateTimeField(auto_now_add=True)

    objects = AuditedQuerySet.as_manager()
    history = audited_history()

    class Meta:
        ordering = ["-sent_at"]

    def __str__(self) -> str:
        return f"Progress update of {self.sent_at:%d %b %Y}"


class BlockRecommendation(models.Model):
    """A submitted report's insufficient-evidence judgement on an objective linked to
    certification. It blocks nothing until confirmed; confirming records the block."""

    class State(models.TextChoices):
        RECOMMENDED = "recommended", "Recommended, awaiting confirmation"
        CONFIRMED = "confirmed", "Confirmed: certification blocked"
        DECLINED = "declined", "Not confirmed"

    cycle = models.ForeignKey(ReviewCycle, on_delete=models.PROTECT,
                              related_name="block_recommendations")
    objective = models.ForeignKey(Objective, on_delete=models.PROTECT, related_name="+")
    state = models.CharField(max_length=12, choices=State.choices, default=State.RECOMMENDED)
    decided_by = models.ForeignKey(USER, null=True, blank=True, on_delete=models.PROTECT,
                                   related_name="+")
    decided_at = models.DateTimeField(null=True, blank=True)
    decision_notes = models.TextField(blank=True)
    block = models.ForeignKey(CertificationBlock, null=True, blank=True,
                              on_delete=models.PROTECT, related_name="+")

    objects = AuditedQuerySet.as_manager()
    history = audited_history()

    class Meta:
        ordering = ["objective__number"]
        constraints = [models.UniqueConstraint(fields=["cycle", "objective"],
                                               name="block_recommended_once")]

    def __str__(self) -> str:
        return f"Certification block recommended on {self.objective.code}"


class MeasureNote(models.Model):
    """The Quality Nominee's commentary on one measure in the cycle's evidence pack."""

    cycle = models.ForeignKey(ReviewCycle, on_delete=models.CASCADE, related_name="notes")
    measure = models.ForeignKey(Measure, on_delete=models.PROTECT, related_name="+")
    commentary = models.TextField()
    updated_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    updated_at = models.DateTimeField(auto_now=True)

    objects = AuditedQuerySet.as_manager()
    history = audited_history()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["cycle", "measure"],
                                               name="note_once_per_measure")]

    def __str__(self) -> str:
        return f"Commentary on {self.measure.code}"


class PackDocument(models.Model):
    """A document the Quality Nominee attached to a measure of the evidence pack."""

    cycle = models.ForeignKey(ReviewCycle, on_delete=models.CASCADE, related_name="pack_files")
    measure = models.ForeignKey(Measure, on_delete=models.PROTECT, related_name="+")
    title = models.CharField(max_length=200)
    file = models.FileField(upload_to="review/pack/%Y/")
    uploaded_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    uploaded_at = models.DateTimeField(auto_now_add=True)

    objects = AuditedQuerySet.as_manager()
    history = audited_history()

    class Meta:
        ordering = ["measure", "title"]

    def __str__(self) -> str:
        return self.title


class ReadinessSnapshot(models.Model):
    """How many measures were in place (weak, missing, not evidenced) on a day: kept weekly so
    the readiness page can draw the year."""

    centre = models.ForeignKey(Centre, on_delete=models.CASCADE,
                               related_name="readiness_snapshots")
    version = models.ForeignKey(FrameworkVersion, on_delete=models.PROTECT, related_name="+")
    taken_on = models.DateField()
    in_place = models.PositiveSmallIntegerField(default=0)
    weak = models.PositiveSmallIntegerField(default=0)
    missing = models.PositiveSmallIntegerField(default=0)
    not_evidenced = models.PositiveSmallIntegerField(default=0)
    statuses = models.JSONField(default=dict, help_text="Each measure code's status that day.")

    class Meta:
        ordering = ["taken_on"]
        constraints = [models.UniqueConstraint(fields=["centre", "version", "taken_on"],
                                               name="one_snapshot_per_day")]

    def __str__(self) -> str:
        return f"{self.centre} readiness on {self.taken_on:%d %b %Y}"


def month_day(value: str, start_year: int) -> date | None:
    """A month-day in the academic year starting in `start_year`: "10-01" -> 1 October of that
    year, "04-30" -> 30 April of the next (months before August fall in the second calendar
    year). None when blank."""
    if not value:
        return None
    month, day = (int(part) for part in value.split("-"))
    return date(start_year if month >= 8 else start_year + 1, month, day)
