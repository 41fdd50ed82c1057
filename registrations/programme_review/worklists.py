"""Programme review on the home page and in the menu."""

from typing import Any

from django.urls import reverse

from qmr import navigation, permissions
from qmr.home import WorkItem, register
from qmr.roles import LEAD_PROGRAMME_REVIEW, PREPARE_REVIEW, SIGN_CLASS_LIST, Role
from registrations.models import Programme
from registrations.programme_review.models import ProgrammeReview


@register(Role.SENIOR_MANAGER, "Programme reviews awaiting your sign-off")
def reviews_to_sign_off(user: Any, appointments: list) -> list[WorkItem]:
    reviews = ProgrammeReview.objects.filter(
        signed_off_at__isnull=True,
        programme__in=permissions.visible(user, LEAD_PROGRAMME_REVIEW, Programme.objects.all()),
    ).select_related("programme", "academic_year")[:20]
    return [WorkItem(f"{r.programme} ({r.academic_year})",
                     reverse("registrations:review-detail", args=[r.pk])) for r in reviews]


def register_navigation() -> None:
    navigation.register("Programme reviews", "registrations:review-list", navigation.holding(
        LEAD_PROGRAMME_REVIEW, PREPARE_REVIEW, SIGN_CLASS_LIST))
