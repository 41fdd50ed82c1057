"""Registration work for the home page's "what needs me now", per role."""

from typing import Any

from django.db.models import Count, Exists, OuterRef, Q
from django.urls import reverse

from qmr import permissions
from qmr.home import WorkItem, register
from qmr.roles import MANAGE_REGISTRATIONS, PREPARE_REVIEW, SIGN_CLASS_LIST, VIEW_RECORDS, Role
from registrations.models import (
    CertificateAnomaly,
    Claim,
    ClaimEntry,
    ClassListSignOff,
    Cohort,
    LearnerStatus,
    RegistrationCheck,
    RegistrationFlag,
    StudentReport,
    Withdrawal,
)

MAX_ITEMS = 20


def _cohort_url(cohort: Cohort) -> str:
    return reverse("registrations:cohort-detail", args=[cohort.pk])


@register(Role.PROGRAMME_LEADER, "Class lists to sign")
def class_lists_to_sign(user: Any, appointments: list) -> list[WorkItem]:
    on_list = ClassListSignOff.learners.through.objects.filter(
        learner__cohort_id=OuterRef("pk"), classlistsignoff__cohort_id=OuterRef("pk"))
    cohorts = permissions.visible(user, SIGN_CLASS_LIST, Cohort.objects.annotate(
        enrolled=Count("learners", filter=Q(learners__status=LearnerStatus.ENROLLED)),
        signed=Exists(on_list))).filter(enrolled__gt=0, signed=False)[:MAX_ITEMS]
    return [WorkItem(f"Sign the class list of {c.name} ({c.enrolled} learners)", _cohort_url(c))
            for c in cohorts]


@register(Role.PROGRAMME_LEADER, "Registrations to check against the awarding body's list")
def registrations_to_check(user: Any, appointments: list) -> list[WorkItem]:
    confirmed = RegistrationCheck.objects.filter(cohort=OuterRef("pk"),
                                                 status=RegistrationCheck.Status.CONFIRMED)
    cohorts = permissions.visible(user, SIGN_CLASS_LIST, Cohort.objects.annotate(
        registered=Count("learners", filter=Q(learners__status=LearnerStatus.REGISTERED)),
        ok=Exists(confirmed))).filter(registered__gt=0, ok=False)[:MAX_ITEMS]
    return [WorkItem(f"Check the registrations of {c.name}", _cohort_url(c)) for c in cohorts]


@register(Role.EXAMS_OFFICER, "Learners waiting to be registered")
def learners_to_register(user: Any, appointments: list) -> list[WorkItem]:
    cohorts = permissions.visible(user, MANAGE_REGISTRATIONS, Cohort.objects.annotate(
        waiting=Count("learners", filter=Q(learners__status=LearnerStatus.ENROLLED,
                                           learners__class_lists__isnull=False),
                      distinct=True))).filter(waiting__gt=0)[:MAX_ITEMS]
    return [WorkItem(f"Register {c.waiting} learners of {c.name}",
                     reverse("registrations:cohort-register", args=[c.pk])) for c in cohorts]


@register(Role.EXAMS_OFFICER, "Registration changes asked of you")
def changes_asked(user: Any, appointments: list) -> list[WorkItem]:
    checks = permissions.visible(user, MANAGE_REGISTRATIONS, RegistrationCheck.objects.filter(
        status=RegistrationCheck.Status.CHANGES_REQUESTED)).select_related("cohort")[:MAX_ITEMS]
    return [WorkItem(f"Make the changes asked for {c.cohort}",
                     reverse("registrations:check-detail", args=[c.pk])) for c in checks]


def _withdrawals(user: Any, perm: str, unsigned: str) -> list[WorkItem]:
    rows = permissions.visible(user, perm, Withdrawal.objects.filter(
        took_effect_at__isnull=True, **{f"{unsigned}__isnull": True})).select_related(
        "learner")[:MAX_ITEMS]
    return [WorkItem(f"Sign off the withdrawal of {w.learner}",
                     reverse("registrations:learner-detail", args=[w.learner_id]))
            for w in rows]


@register(Role.EXAMS_OFFICER, "Withdrawals waiting for your sign-off")
def exams_withdrawals(user: Any, appointments: list) -> list[WorkItem]:
    return _withdrawals(user, MANAGE_REGISTRATIONS, "exams_signed_by")


@register(Role.QUALITY_NOMINEE, "Withdrawals waiting for your sign-off")
def nominee_withdrawals(user: Any, appointments: list) -> list[WorkItem]:
    return _withdrawals(user, VIEW_RECORDS, "nominee_signed_by")


@register(Role.HEAD_OF_CENTRE, "Flagged registrations and claims to acknowledge")
def flags_to_acknowledge(user: Any, appointments: list) -> list[WorkItem]:
    flags = permissions.visible(user, VIEW_RECORDS, RegistrationFlag.objects.filter(
        acknowledged_at__isnull=True)).select_related("learner")[:MAX_ITEMS]
    return [WorkItem(str(f),
                     reverse("registrations:learner-detail", args=[f.learner_id]),
                     f.acknowledge_by) for f in flags]


@register(Role.PROGRAMME_LEADER, "Student reports to check")
def student_reports_to_check(user: Any, appointments: list) -> list[WorkItem]:
    reports = permissions.visible(user, SIGN_CLASS_LIST, StudentReport.objects.filter(
        checked_at__isnull=True, withdrawn_at__isnull=True).exclude(completed_by=user)
    ).select_related("learner")[:MAX_ITEMS]
    return [WorkItem(f"Check the student report of {r.learner}",
                     reverse("registrations:student-report-detail", args=[r.pk]))
            for r in reports]


def _claims_to_confirm(user: Any, perm: str) -> list[WorkItem]:
    claims = permissions.visible(user, perm, Claim.objects.filter(
        confirmed_at__isnull=True).exclude(submitted_by=user)).select_related(
        "programme")[:MAX_ITEMS]
    return [WorkItem(f"Confirm {c} as the second person",
                     reverse("registrations:claim-detail", args=[c.pk])) for c in claims]


@register(Role.EXAMS_OFFICER, "Claims waiting for a second person")
def exams_claims_to_confirm(user: Any, appointments: list) -> list[WorkItem]:
    return _claims_to_confirm(user, MANAGE_REGISTRATIONS)


@register(Role.QUALITY_NOMINEE, "Claims waiting for a second person")
def nominee_claims_to_confirm(user: Any, appointments: list) -> list[WorkItem]:
    return _claims_to_confirm(user, PREPARE_REVIEW)


@register(Role.EXAMS_OFFICER, "Certificates to check against the records")
def certificates_to_check(user: Any, appointments: list) -> list[WorkItem]:
    entries = permissions.visible(user, MANAGE_REGISTRATIONS, ClaimEntry.objects.filter(
        certificate_received_on__isnull=False, checked_on__isnull=True)).select_related(
        "learner").order_by("check_due_on")[:MAX_ITEMS]
    return [WorkItem(f"Check the certificate of {e.learner}",
                     reverse("registrations:claim-detail", args=[e.claim_id]), e.check_due_on)
            for e in entries]


@register(Role.QUALITY_NOMINEE, "Certificate anomalies open")
def anomalies_open(user: Any, appointments: list) -> list[WorkItem]:
    anomalies = permissions.visible(user, VIEW_RECORDS, CertificateAnomaly.objects.filter(
        resolved_at__isnull=True)).select_related("entry__learner")[:MAX_ITEMS]
    return [WorkItem(str(a), reverse("registrations:claim-detail", args=[a.entry.claim_id]))
            for a in anomalies]


@register(Role.LEARNER, "Your registration")
def own_registration(user: Any, appointments: list) -> list[WorkItem]:
    return [WorkItem("See your registration number and status",
                     reverse("registrations:my-record"))]


def register_navigation() -> None:
    from qmr import navigation
    from qmr.models import Centre
    from qmr.roles import VIEW_OWN_RECORD

    navigation.register("Programmes", "registrations:programme-list",
                        navigation.holding(VIEW_RECORDS, MANAGE_REGISTRATIONS))
    navigation.register("Cohorts", "registrations:cohort-list",
                        navigation.holding(VIEW_RECORDS, MANAGE_REGISTRATIONS))
    navigation.register("Registration queue", "registrations:exams-queue",
                        navigation.holding(MANAGE_REGISTRATIONS))
    navigation.register("Claims", "registrations:claims-queue",
                        navigation.holding(MANAGE_REGISTRATIONS))
    navigation.register("Registration overview", "registrations:nominee-overview",
                        lambda user: bool(permissions.scope_pks(user, VIEW_RECORDS, Centre)))
    navigation.register("Certification overview", "registrations:certification-overview",
                        lambda user: bool(permissions.scope_pks(user, VIEW_RECORDS, Centre)))
    navigation.register("My registration", "registrations:my-record",
                        navigation.holding(VIEW_OWN_RECORD))
