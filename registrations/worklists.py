"""Registration work for the home page's "what needs me now", per role."""

from typing import Any

from django.db.models import Count, Exists, OuterRef, Q
from django.urls import reverse

from qmr import permissions
from qmr.home import WorkItem, register
from qmr.roles import MANAGE_REGISTRATIONS, SIGN_CLASS_LIST, VIEW_RECORDS, Role
from registrations.models import (
    ClassListSignOff,
    Cohort,
    LearnerStatus,
    RegistrationCheck,
    RegistrationFlag,
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


@register(Role.HEAD_OF_CENTRE, "Flagged registrations to acknowledge")
def flags_to_acknowledge(user: Any, appointments: list) -> list[WorkItem]:
    flags = permissions.visible(user, VIEW_RECORDS, RegistrationFlag.objects.filter(
        acknowledged_at__isnull=True)).select_related("learner")[:MAX_ITEMS]
    return [WorkItem(f"{f.get_kind_display()} registration of {f.learner}",
                     reverse("registrations:learner-detail", args=[f.learner_id]),
                     f.acknowledge_by) for f in flags]


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
    navigation.register("Registration overview", "registrations:nominee-overview",
                        lambda user: bool(permissions.scope_pks(user, VIEW_RECORDS, Centre)))
    navigation.register("My registration", "registrations:my-record",
                        navigation.holding(VIEW_OWN_RECORD))
