"""The policy library's deadline (see `qmr.deadlines.registry`): each adopted policy's next
review, from its current (last signed-off) version."""

from collections.abc import Iterator
from datetime import date

from django.urls import reverse

from qmr.deadlines import registry
from qmr.deadlines.registry import Due
from qmr.models import Appointment
from qmr.policies.models import Policy, VersionStatus


@registry.register("policies.review")
def policy_reviews(centre, today: date) -> Iterator[Due]:
    """The current version's stored `next_review_on`, keyed by that version: approving the
    next version meets it (and opens the next one's). Owner: the version's author while they
    still hold a role at the centre, else the Quality Nominee (None). Two queries: the
    policies with their versions, and which authors are still there."""
    policies = list(Policy.objects.filter(
        centre=centre, current__status=VersionStatus.APPROVED,
        current__next_review_on__isnull=False).select_related("current").order_by(
        "current__next_review_on", "title"))
    if not policies:
        return
    still_here = set(Appointment.objects.active().filter(
        centre=centre, person_id__in={p.current.author_id for p in policies}).values_list(
        "person_id", flat=True))
    for policy in policies:
        version = policy.current
        yield Due(key=f"policies.review:{version.pk}",
                  title=f"Review the {policy.title.removesuffix(' policy')} policy and have "
                        f"version "
                        f"{version.number + 1} signed off",
                  due_on=version.next_review_on,
                  owner_id=version.author_id if version.author_id in still_here else None,
                  url=reverse("policies:policy-detail", args=[policy.pk]),
                  rule=(f"Set when version {version.number} was signed off on "
                        f"{version.approved_on:%-d %B %Y}: the draft's review date, or "
                        f"{policy.review_months} months after approval."))
