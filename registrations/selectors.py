"""Read queries for the registration pages. Each fetches and checks together (404 when the
person may not see the record) and decides its joins once, so counts stay constant."""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet
from django.http import Http404
from django.utils import timezone

from qmr import permissions
from qmr.roles import MANAGE_REGISTRATIONS, VIEW_OWN_RECORD, VIEW_RECORDS
from registrations import rules
from registrations.models import (
    AttendanceMark,
    AttendanceSession,
    ClassListSignOff,
    Cohort,
    ExternalEntry,
    Learner,
    LearnerStatus,
    Programme,
    RegistrationCheck,
    RegistrationFlag,
    Unit,
    Withdrawal,
)


def _readable(user: Any, qs: QuerySet) -> QuerySet:
    """Rows the person may read: through VIEW_RECORDS or, for the Exams Officer,
    MANAGE_REGISTRATIONS (they see registration records, not assessment)."""
    return permissions.visible(user, VIEW_RECORDS, qs) | permissions.visible(
        user, MANAGE_REGISTRATIONS, qs)


def get_readable(user: Any, qs: QuerySet, pk: int, what: str) -> Any:
    """The row the person may read, or 404 naming what was asked for."""
    found = _readable(user, qs).filter(pk=pk).first()
    if found is None:
        raise Http404(f"No such {what}.")
    return found


def cohorts_for_user(user: Any, *, programme: str = "", sort: str = "name") -> QuerySet[Cohort]:
    signed = ClassListSignOff.objects.filter(cohort=OuterRef("pk"))
    confirmed = RegistrationCheck.objects.filter(cohort=OuterRef("pk"),
                                                 status=RegistrationCheck.Status.CONFIRMED)
    active = Q(learners__status__in=[LearnerStatus.ENROLLED, LearnerStatus.REGISTERED])
    qs = _readable(user, Cohort.objects.all()).select_related(
        "programme", "academic_year").annotate(
        learner_count=Count("learners", filter=active, distinct=True),
        registered_count=Count("learners", filter=Q(learners__status=LearnerStatus.REGISTERED),
                               distinct=True),
        late_count=Count("learners", filter=Q(learners__registered_late=True), distinct=True),
        class_list_signed=Exists(signed), confirmed=Exists(confirmed),
    )
    if programme:
        qs = qs.filter(programme__code__iexact=programme)
    order = {"name": ["name"], "programme": ["programme__title", "name"],
             "unregistered": ["-learner_count", "registered_count"], "start": ["-starts_on"]}
    return qs.order_by(*order.get(sort, ["name"]))


def get_cohort_for_user(user: Any, pk: int) -> Cohort:
    cohort = _readable(user, Cohort.objects.select_related(
        "programme__centre", "programme__subject_area", "academic_year")).filter(pk=pk).first()
    if cohort is None:
        raise Http404("No such cohort.")
    return cohort


@dataclass
class LearnerRow:
    learner: Learner
    deadline: date
    days_left: int
    on_class_list: bool

    posted: str = ""  # a registration number typed but not yet saved

    @property
    def overdue(self) -> bool:
        return self.learner.status == LearnerStatus.ENROLLED and self.days_left < 0

    @property
    def days_overdue(self) -> int:
        return -self.days_left


@dataclass
class CohortStatus:
    cohort: Cohort
    all_rows: list[LearnerRow]  # the whole cohort: the figures at a glance count these
    rows: list[LearnerRow]  # the table, as filtered
    fee_multiplier_today: Decimal
    awarding_body_cutoff: date
    latest_sign_off: ClassListSignOff | None
    latest_check: RegistrationCheck | None

    @property
    def unregistered(self) -> list[LearnerRow]:
        return [r for r in self.all_rows if r.learner.status == LearnerStatus.ENROLLED]

    @property
    def registered(self) -> list[LearnerRow]:
        return [r for r in self.all_rows if r.learner.status == LearnerStatus.REGISTERED]


def cohort_status(cohort: Cohort, *, status: str = "", sort: str = "name") -> CohortStatus:
    """Everything the cohort page shows, in four queries whatever the cohort's size."""
    learners = cohort.learners.select_related("identity_checked_by").order_by(
        *({"name": ["last_name", "first_name"], "status": ["status", "last_name"],
           "ref": ["centre_ref"]}.get(sort, ["last_name"])))
    sign_offs = list(ClassListSignOff.objects.filter(cohort=cohort).select_related("signed_by")
                     .prefetch_related(Prefetch("learners", queryset=Learner.objects.only("pk"))))
    on_list = {lr.pk for s in sign_offs for lr in s.learners.all()}
    year = rules.awarding_body_years({cohort.academic_year.name})[cohort.academic_year.name]
    today = timezone.localdate()
    rows = []
    for learner in learners:
        deadline = rules.registration_deadline(learner, cohort, year)
        rows.append(LearnerRow(learner, deadline, (deadline - today).days, learner.pk in on_list))
    check = cohort.checks.select_related("uploaded_by", "decided_by").first()
    shown = [r for r in rows if r.learner.status == status] if status in LearnerStatus.values \
        else rows
    return CohortStatus(cohort, rows, shown, year.fee_multiplier(today),
                        year.registration_cutoff, sign_offs[0] if sign_offs else None, check)


def get_learner_for_user(user: Any, pk: int) -> Learner:
    learner = _readable(user, Learner.objects.select_related(
        "programme", "cohort", "centre", "site", "identity_checked_by", "registered_by",
        "user")).filter(pk=pk).first()
    if learner is None:
        raise Http404("No such learner.")
    return learner


def learner_record(learner: Learner) -> dict:
    """The learner's whole record (withdrawals, transfers, entries, flags)."""
    return {
        "withdrawals": list(learner.withdrawals.select_related(
            "requested_by", "nominee_signed_by", "exams_signed_by")),
        "transfers": list(learner.transfers.select_related("from_programme", "to_programme",
                                                           "transferred_by")),
        "entries": list(learner.entries.select_related("unit")),
        "flags": list(learner.flags.select_related("raised_by", "acknowledged_by")),
        "reports": list(learner.student_reports.select_related(
            "completed_by", "checked_by", "claim_entry__claim")),
        "corrections_after_claim": list(learner.corrections_after_claim.select_related(
            "made_by")),
    }


def own_learner_record(user: Any) -> Learner:
    """The logged-in learner's own record; 404 for anyone who is not a learner."""
    learner = Learner.objects.select_related("programme", "cohort", "centre").filter(
        user=user).first()
    if learner is None or not permissions.can(user, VIEW_OWN_RECORD, learner.centre):
        raise Http404("You have no learner record here.")
    return learner


def get_check_for_user(user: Any, pk: int) -> RegistrationCheck:
    check = _readable(user, RegistrationCheck.objects.select_related(
        "cohort__programme", "uploaded_by", "decided_by")).filter(pk=pk).first()
    if check is None:
        raise Http404("No such registration check.")
    return check


def get_withdrawal_for_user(user: Any, pk: int) -> Withdrawal:
    w = _readable(user, Withdrawal.objects.select_related("learner__centre")).filter(
        pk=pk).first()
    if w is None:
        raise Http404("No such withdrawal.")
    return w


def get_flag_for_user(user: Any, pk: int) -> RegistrationFlag:
    flag = _readable(user, RegistrationFlag.objects.select_related("learner__centre")).filter(
        pk=pk).first()
    if flag is None:
        raise Http404("No such flag.")
    return flag


def get_entry_for_user(user: Any, pk: int) -> ExternalEntry:
    entry = _readable(user, ExternalEntry.objects.select_related("learner", "unit")).filter(
        pk=pk).first()
    if entry is None:
        raise Http404("No such entry.")
    return entry


def exams_queue(user: Any) -> dict:
    """The Exams Officer's work: signed learners to register, changes asked, entries
    requested, withdrawals waiting for their sign-off."""
    signed = ClassListSignOff.learners.through.objects.filter(learner_id=OuterRef("pk"))
    to_register = (permissions.visible(user, MANAGE_REGISTRATIONS, Cohort.objects.all())
                   .annotate(waiting=Count("learners", filter=Q(
                       learners__status=LearnerStatus.ENROLLED,
                       learners__class_lists__isnull=False), distinct=True))
                   .filter(waiting__gt=0).select_related("programme").order_by("name"))
    unsigned = permissions.visible(user, MANAGE_REGISTRATIONS, Learner.objects.filter(
        status=LearnerStatus.ENROLLED)).exclude(Exists(signed)).count()
    return {
        "to_register": list(to_register),
        "unsigned": unsigned,
        "changes": list(permissions.visible(user, MANAGE_REGISTRATIONS, RegistrationCheck.objects
                        .filter(status=RegistrationCheck.Status.CHANGES_REQUESTED))
                        .select_related("cohort", "decided_by")),
        "entries": list(permissions.visible(user, MANAGE_REGISTRATIONS, ExternalEntry.objects
                        .filter(status=ExternalEntry.Status.REQUESTED))
                        .select_related("learner", "unit")[:200]),
        "withdrawals": list(permissions.visible(user, MANAGE_REGISTRATIONS, Withdrawal.objects
                            .filter(took_effect_at__isnull=True, exams_signed_by__isnull=True))
                            .select_related("learner", "requested_by")),
    }


def nominee_overview(user: Any) -> dict:
    """What the Quality Nominee monitors: late registrations, open flags, withdrawals to sign,
    checks not yet confirmed, identity checks missing."""
    learners = permissions.visible(user, VIEW_RECORDS, Learner.objects.all())
    cohorts = permissions.visible(user, VIEW_RECORDS, Cohort.objects.all())
    confirmed = RegistrationCheck.objects.filter(cohort=OuterRef("pk"),
                                                 status=RegistrationCheck.Status.CONFIRMED)
    return {
        "late": list(learners.filter(registered_late=True).select_related("cohort")
                     .order_by("-registered_on")[:200]),
        "flags": list(permissions.visible(user, VIEW_RECORDS, RegistrationFlag.objects.filter(
            acknowledged_at__isnull=True)).select_related("learner", "raised_by")),
        "withdrawals": list(permissions.visible(user, VIEW_RECORDS, Withdrawal.objects.filter(
            took_effect_at__isnull=True)).select_related("learner", "requested_by",
                                                         "nominee_signed_by",
                                                         "exams_signed_by")),
        "unconfirmed": list(cohorts.annotate(ok=Exists(confirmed)).filter(ok=False)
                            .select_related("programme").order_by("name")),
        "no_identity_check": learners.filter(identity_checked_at__isnull=True).count(),
    }


def programmes_for_user(user: Any) -> QuerySet[Programme]:
    return _readable(user, Programme.objects.all()).select_related("subject_area").annotate(
        unit_count=Count("units", distinct=True),
        cohort_count=Count("cohorts", distinct=True)).order_by("title")


def get_programme_for_user(user: Any, pk: int) -> Programme:
    programme = _readable(user, Programme.objects.select_related(
        "centre", "subject_area")).filter(pk=pk).first()
    if programme is None:
        raise Http404("No such programme.")
    return programme


def programme_specification(programme: Programme) -> list[Unit]:
    """Units with their criteria (two queries)."""
    return list(programme.units.prefetch_related("criteria").order_by("id"))


def attendance(cohort: Cohort, limit: int = 10) -> list[AttendanceSession]:
    """The latest sessions with their marks and who recorded them (three queries)."""
    return list(cohort.sessions.prefetch_related(
        Prefetch("marks", queryset=AttendanceMark.objects.select_related("learner",
                                                                         "recorded_by")))
        .order_by("-held_on")[:limit])
