"""The quality framework as data: a version per set of academic years, its quality objectives
and their measures. The awarding body changes the framework, so it is edited in the admin and
a new year's version starts as a copy of the last (`services.copy_version`)."""

from django.core.exceptions import ValidationError
from django.db import models

from qmr.audit import AuditedQuerySet
from qmr.models import audited_history


class FrameworkVersion(models.Model):
    """One edition of the framework, e.g. "Quality Management Review 2016-17"."""

    class Status(models.TextChoices):
        DRAFT = "draft", "Draft (not yet shown to centres)"
        PUBLISHED = "published", "Published"
        RETIRED = "retired", "Retired (kept for past reviews)"

    name = models.CharField(max_length=150, unique=True)
    slug = models.SlugField(max_length=60, unique=True,
                            help_text="A short fixed key; the product finds its shipped "
                                      "versions by it.")
    first_year = models.PositiveSmallIntegerField(
        help_text="The first academic year it applies to, by the year it starts in "
                  "(2016 for 2016/17).")
    last_year = models.PositiveSmallIntegerField(
        null=True, blank=True,
        help_text="The last academic year it applies to, by the year it starts in. Leave "
                  "empty while it is the latest.")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DRAFT)
    notes = models.TextField(blank=True, help_text="What changed from the version before.")

    objects = AuditedQuerySet.as_manager()
    history = audited_history()

    class Meta:
        ordering = ["-first_year", "name"]
        constraints = [models.CheckConstraint(
            condition=models.Q(last_year__isnull=True)
            | models.Q(last_year__gte=models.F("first_year")),
            name="framework_years_in_order")]

    def __str__(self) -> str:
        return self.name

    @property
    def years_label(self) -> str:
        """The academic years it covers in words: "2016/17 onwards", "2016/17 to 2018/19"."""
        first = year_label(self.first_year)
        if self.last_year is None:
            return f"{first} onwards"
        if self.last_year == self.first_year:
            return first
        return f"{first} to {year_label(self.last_year)}"

    def applies_to(self, start_year: int) -> bool:
        return self.first_year <= start_year and (self.last_year is None
                                                   or start_year <= self.last_year)

    def clean(self) -> None:
        if self.last_year is not None and self.last_year < self.first_year:
            raise ValidationError({"last_year": "The last year cannot come before the first."})


def year_label(start: int) -> str:
    """2016 -> "2016/17"."""
    return f"{start}/{(start + 1) % 100:02d}"


class Objective(models.Model):
    """A quality objective of a version, e.g. QO.3 Learner registration and certification."""

    version = models.ForeignKey(FrameworkVersion, on_delete=models.CASCADE,
                                related_name="objectives")
    number = models.PositiveSmallIntegerField(help_text="Its place in the framework: 3 for QO.3.")
    code = models.CharField(max_length=12, help_text='As the framework writes it, e.g. "QO.3".')
    title = models.CharField("short title", max_length=120)
    statement = models.TextField(help_text="What the objective asks of a centre.")
    blocks_certification = models.BooleanField(
        default=False,
        help_text="Insufficient evidence on this objective recommends a certification block.")

    objects = AuditedQuerySet.as_manager()
    history = audited_history()

    class Meta:
        ordering = ["version", "number"]
        constraints = [
            models.UniqueConstraint(fields=["version", "code"], name="objective_code_per_version"),
            models.UniqueConstraint(fields=["version", "number"],
                                    name="objective_number_per_version"),
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.title}"

    @property
    def anchor(self) -> str:
        """An id for links within a page: "QO.3.4" -> "qo-3-4"."""
        return self.code.lower().replace(".", "-")


class Measure(models.Model):
    """A quality measure of an objective, e.g. QO.3.4, with the kinds of evidence suggested."""

    objective = models.ForeignKey(Objective, on_delete=models.CASCADE, related_name="measures")
    number = models.PositiveSmallIntegerField(help_text="Its place in the objective: 4 for QO.3.4.")
    code = models.CharField(max_length=16, help_text='As the framework writes it, e.g. "QO.3.4". '
                                                     "Evidence providers name measures by it.")
    title = models.CharField("short title", max_length=120)
    summary = models.TextField(help_text="What a centre does to meet the measure.")
    suggested_evidence = models.TextField(
        blank=True, help_text="The kinds of evidence a reviewer may ask for, one per line.")

    objects = AuditedQuerySet.as_manager()
    history = audited_history()

    class Meta:
        ordering = ["objective__version", "objective__number", "number"]
        constraints = [
            models.UniqueConstraint(fields=["objective", "code"],
                                    name="measure_code_per_objective"),
            models.UniqueConstraint(fields=["objective", "number"],
                                    name="measure_number_per_objective"),
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.title}"

    @property
    def anchor(self) -> str:
        """An id for links within a page: "QO.3.4" -> "qo-3-4"."""
        return self.code.lower().replace(".", "-")

    @property
    def evidence_kinds(self) -> list[str]:
        return [line.strip() for line in self.suggested_evidence.splitlines() if line.strip()]

    def clean(self) -> None:
        """A code names one measure in its version: evidence providers rely on it."""
        if self.objective_id is None:
            return
        clash = Measure.objects.filter(objective__version_id=self.objective.version_id,
                                       code=self.code).exclude(pk=self.pk)
        if clash.exists():
            raise ValidationError({"code": f"{self.code} is already a measure of this version."})
