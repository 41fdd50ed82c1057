"""The centre-wide core: people, centres, sites, years and terms, subject areas,
collaborative arrangements and role appointments."""

from datetime import date, datetime, timedelta
from typing import Any

from django.contrib.auth.base_user import AbstractBaseUser, BaseUserManager
from django.contrib.auth.models import Group, PermissionsMixin
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Q
from django.utils import timezone
from simple_history.models import HistoricalRecords

from qmr.audit import AuditedQuerySet, AuditEvent, history_user
from qmr.roles import SCOPE_PERMISSIONS, Role

__all__ = ["AuditEvent"]


def audited_history(**kwargs: Any) -> HistoricalRecords:
    return HistoricalRecords(get_user=history_user, **kwargs)


class UserManager(BaseUserManager.from_queryset(AuditedQuerySet)):  # type: ignore[misc]
    use_in_migrations = True

    def create_user(self, email: str, password: str | None = None, **extra: Any) -> "User":
        if not email:
            raise ValueError("A person needs an e-mail address to log in.")
        user = self.model(email=self.normalize_email(email).lower(), **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_superuser(self, email: str, password: str | None = None, **extra: Any) -> "User":
        extra.setdefault("is_staff", True)
        extra.setdefault("is_superuser", True)
        return self.create_user(email, password, **extra)


class User(AbstractBaseUser, PermissionsMixin):
    """A person who logs in with their e-mail address."""

    email = models.EmailField("e-mail address", unique=True)
    full_name = models.CharField(max_length=150)
    job_title = models.CharField(max_length=150, blank=True)
    is_active = models.BooleanField(default=True)
    is_staff = models.BooleanField("may use the Django admin", default=False)
    date_joined = models.DateTimeField(default=timezone.now)

    objects = UserManager()
    history = audited_history(excluded_fields=["password", "last_login"])

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = ["full_name"]

    class Meta:
        ordering = ["full_name"]

    def __str__(self) -> str:
        return self.full_name or self.email

    def get_full_name(self) -> str:
        return self.full_name

    def get_short_name(self) -> str:
        return self.full_name.split(" ")[0] if self.full_name else self.email


class Nation(models.TextChoices):
    """UK nations, with the codes the `holidays` package uses for their bank holidays."""

    ENGLAND = "ENG", "England"
    WALES = "WLS", "Wales"
    SCOTLAND = "SCT", "Scotland"
    NORTHERN_IRELAND = "NIR", "Northern Ireland"


class Centre(models.Model):
    number = models.CharField(
        "awarding-body centre number", max_length=10, unique=True,
        help_text="The number the awarding body gave the centre, e.g. 12345.",
    )
    name = models.CharField(max_length=200)
    nation = models.CharField(max_length=3, choices=Nation.choices, default=Nation.ENGLAND)
    international_approval = models.BooleanField(
        default=False, help_text="Approved to deliver outside the UK."
    )

    objects = AuditedQuerySet.as_manager()
    history = audited_history()

    class Meta:
        ordering = ["name"]
        permissions = SCOPE_PERMISSIONS

    def __str__(self) -> str:
        return f"{self.name} ({self.number})"


class Site(models.Model):
    centre = models.ForeignKey(Centre, on_delete=models.CASCADE, related_name="sites")
    name = models.CharField(max_length=150)
    address = models.TextField(blank=True)

    objects = AuditedQuerySet.as_manager()
    history = audited_history()

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["centre", "name"], name="site_name_unique_in_centre")
        ]

    def __str__(self) -> str:
        return self.name


class AcademicYear(models.Model):
    centre = models.ForeignKey(Centre, on_delete=models.CASCADE, related_name="academic_years")
    name = models.CharField(max_length=20, help_text="For example 2026/27.")
    starts_on = models.DateField()
    ends_on = models.DateField()

    objects = AuditedQuerySet.as_manager()
    history = audited_history()

    class Meta:
        ordering = ["-starts_on"]
        constraints = [
            models.UniqueConstraint(fields=["centre", "name"], name="year_name_unique_in_centre"),
            models.CheckConstraint(
                condition=Q(ends_on__gt=models.F("starts_on")), name="year_ends_after_start"
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def contains(self, day: date) -> bool:
        return self.starts_on <= day <= self.ends_on


class Term(models.Model):
    academic_year = models.ForeignKey(AcademicYear, on_delete=models.CASCADE, related_name="terms")
    name = models.CharField(max_length=50)
    starts_on = models.DateField()
    ends_on = models.DateField()

    objects = AuditedQuerySet.as_manager()
    history = audited_history()

    class Meta:
        ordering = ["starts_on"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__gte=models.F("starts_on")), name="term_ends_after_start"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} {self.academic_year}"


class SubjectArea(models.Model):
    """A principal (sector) subject area at a centre: the scope of a Lead IV."""

    centre = models.ForeignKey(Centre, on_delete=models.CASCADE, related_name="subject_areas")
    code = models.CharField(max_length=10, help_text="Sector subject area code, e.g. 8.1.")
    name = models.CharField(max_length=150)

    objects = AuditedQuerySet.as_manager()
    history = audited_history()

    class Meta:
        ordering = ["code"]
        permissions = SCOPE_PERMISSIONS
        constraints = [
            models.UniqueConstraint(fields=["centre", "code"], name="subject_area_unique_in_centre")
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"


class CollaborativeArrangement(models.Model):
    """A consortium: a lead centre, partner centres and the qualifications they share."""

    name = models.CharField(max_length=200)
    lead_centre = models.ForeignKey(
        Centre, on_delete=models.PROTECT, related_name="led_arrangements"
    )
    partners = models.ManyToManyField(
        Centre, through="ArrangementPartner", related_name="partner_arrangements"
    )
    qualification_codes = models.JSONField(
        default=list, blank=True,
        help_text="Awarding-body programme codes the arrangement covers.",
    )
    lead_may_view_partner_records = models.BooleanField(
        default=False,
        help_text="The lead centre's staff may read partners' records for the shared "
        "qualifications.",
    )
    starts_on = models.DateField()
    ends_on = models.DateField(null=True, blank=True)

    objects = AuditedQuerySet.as_manager()
    history = audited_history()

    def __str__(self) -> str:
        return self.name


class ArrangementPartner(models.Model):
    arrangement = models.ForeignKey(CollaborativeArrangement, on_delete=models.CASCADE)
    centre = models.ForeignKey(Centre, on_delete=models.PROTECT)
    sub_site_code = models.CharField(max_length=20, blank=True)

    objects = AuditedQuerySet.as_manager()
    history = audited_history()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["arrangement", "centre"], name="partner_once")
        ]

    def __str__(self) -> str:
        return f"{self.centre} in {self.arrangement}"


class AppointmentQuerySet(AuditedQuerySet):
    def active(self, at: datetime | None = None) -> "AppointmentQuerySet":
        """Appointments in force at `at`: started, and not yet ended."""
        at = at or timezone.now()
        return self.filter(starts_on__lte=timezone.localdate(at)).filter(
            Q(ends_at__isnull=True) | Q(ends_at__gt=at)
        )


class Appointment(models.Model):
    """A person holding a role on a scope (centre, subject area or programme) for a period.

    The grants it makes live as django-guardian object permissions of its own group; they
    count only while the appointment is in force (see qmr.permissions).
    """

    person = models.ForeignKey(User, on_delete=models.PROTECT, related_name="appointments")
    role = models.CharField(max_length=30, choices=Role.choices)
    centre = models.ForeignKey(Centre, on_delete=models.PROTECT, related_name="appointments")
    scope_type = models.ForeignKey(ContentType, on_delete=models.PROTECT, related_name="+")
    scope_id = models.PositiveBigIntegerField()
    scope = GenericForeignKey("scope_type", "scope_id")
    starts_on = models.DateField(default=timezone.localdate)
    ends_at = models.DateTimeField(
        null=True, blank=True, help_text="From this moment the appointment grants nothing."
    )
    group = models.OneToOneField(
        Group, on_delete=models.PROTECT, related_name="appointment", editable=False
    )
    appointed_by = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    notes = models.CharField(max_length=300, blank=True)

    objects = AppointmentQuerySet.as_manager()
    history = audited_history()

    class Meta:
        ordering = ["role", "starts_on"]
        indexes = [models.Index(fields=["centre", "role"])]

    def __str__(self) -> str:
        return f"{self.person} — {self.get_role_display()}"

    @property
    def last_day(self) -> date | None:
        """The last day the appointment grants anything (ends_at is the moment after it)."""
        if self.ends_at is None:
            return None
        return timezone.localdate(self.ends_at - timedelta(microseconds=1))

    @property
    def is_active(self) -> bool:
        now = timezone.now()
        return self.starts_on <= timezone.localdate(now) and (
            self.ends_at is None or self.ends_at > now
        )


class CertificationBlock(models.Model):
    """The awarding body's block on every claim of the centre (after insufficient evidence on
    QO.3, QO.4 or QO.9): recorded here when imposed, and released when the awarding body lifts
    it. While one is open, no learner of the centre can be claimed for."""

    centre = models.ForeignKey(Centre, on_delete=models.PROTECT,
                               related_name="certification_blocks")
    reason = models.TextField(help_text="What the awarding body gave as the reason.")
    set_on = models.DateField(help_text="The day the awarding body applied the block.")
    set_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+",
                               help_text="Who recorded it.")
    released_on = models.DateField(null=True, blank=True)
    released_by = models.ForeignKey(User, null=True, blank=True, on_delete=models.PROTECT,
                                    related_name="+")

    objects = AuditedQuerySet.as_manager()
    history = audited_history()

    class Meta:
        ordering = ["-set_on", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["centre"], condition=Q(released_on__isnull=True),
                                    name="one_open_certification_block"),
        ]

    def __str__(self) -> str:
        state = f"released {self.released_on:%d %b %Y}" if self.released_on else "in force"
        return f"Certification block on {self.centre} from {self.set_on:%d %b %Y} ({state})"
