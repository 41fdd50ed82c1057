"""The policy library on the home page and in the navigation."""

from typing import Any

from django.urls import reverse
from django.utils import timezone

from qmr import navigation
from qmr.home import WorkItem, register
from qmr.policies.models import Policy, PolicyVersion, VersionStatus
from qmr.roles import (
    EXTERNAL_ROLES,
    MANAGE_POLICIES,
    SIGN_OFF_POLICIES,
    VIEW_CENTRE,
    VIEW_OWN_RECORD,
    Role,
)


@register(Role.QUALITY_NOMINEE, "Policies past their review date")
def overdue_reviews(user: Any, appointments: list) -> list[WorkItem]:
    """One query: the approved policies of the nominee's centres whose review date passed."""
    policies = Policy.objects.filter(
        centre_id__in={a.centre_id for a in appointments},
        current__status=VersionStatus.APPROVED,
        current__next_review_on__lt=timezone.localdate()).select_related("current").order_by(
        "current__next_review_on")
    return [WorkItem(f"{p.title}: review it and start version {p.current.number + 1}",
                     reverse("policies:policy-detail", args=[p.pk]), p.current.next_review_on)
            for p in policies[:50]]


@register(Role.HEAD_OF_CENTRE, "Policies waiting for your sign-off")
def waiting_for_sign_off(user: Any, appointments: list) -> list[WorkItem]:
    versions = PolicyVersion.objects.filter(
        policy__centre_id__in={a.centre_id for a in appointments},
        status=VersionStatus.DRAFT, submitted_at__isnull=False).select_related("policy")
    return [WorkItem(f"{v.policy.title}, version {v.number}: sent for sign-off",
                     reverse("policies:version-detail", args=[v.pk])) for v in versions[:50]]


def to_read(user: Any, appointments: list) -> list[WorkItem]:
    """Current versions addressed to one of the person's roles that they have not confirmed
    reading (one query; audiences are checked here, they are short lists)."""
    held: dict[int, set[str]] = {}
    for a in appointments:
        held.setdefault(a.centre_id, set()).add(a.role)
    policies = Policy.objects.filter(
        centre_id__in=held, current__status=VersionStatus.APPROVED).exclude(
        current__confirmations__person=user).select_related("current").order_by("title")
    return [WorkItem(f"{p.title}, version {p.current.number}: read it and confirm",
                     reverse("policies:policy-detail", args=[p.pk]))
            for p in policies if held[p.centre_id] & set(p.current.audience)]


# External reviewers read the library without confirming: nothing is theirs to read here.
for _role in Role:
    if _role not in EXTERNAL_ROLES:
        register(_role, "Policies to read")(to_read)


navigation.register("Policies", "policies:library",
                    navigation.holding(VIEW_CENTRE, VIEW_OWN_RECORD, MANAGE_POLICIES,
                                       SIGN_OFF_POLICIES))
