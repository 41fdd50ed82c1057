"""Special consideration on the home page, and the adjustments page in the navigation."""

from typing import Any

from django.urls import reverse

from appeals.adjustments.models import ConsiderationStatus, SpecialConsideration
from qmr import navigation
from qmr.home import WorkItem, register
from qmr.roles import AUTHORISE_SPECIAL_CONSIDERATION, PREPARE_REVIEW, SIGN_CLASS_LIST, Role


def _items(qs, text: str) -> list[WorkItem]:
    return [WorkItem(f"{c.learner}, {c.assignment.title}: {text}",
                     reverse("appeals:consideration-detail", args=[c.pk]), c.due_at_awarding_body)
            for c in qs.select_related("learner", "assignment").order_by(
                "due_at_awarding_body")[:50]]


@register(Role.HEAD_OF_CENTRE, "Special consideration to authorise")
def to_authorise(user: Any, appointments: list) -> list[WorkItem]:
    return _items(SpecialConsideration.objects.filter(
        centre_id__in={a.centre_id for a in appointments},
        status=ConsiderationStatus.REQUESTED), "authorise or refuse")


def to_send(user: Any, appointments: list) -> list[WorkItem]:
    return _items(SpecialConsideration.objects.filter(
        centre_id__in={a.centre_id for a in appointments},
        status=ConsiderationStatus.AUTHORISED, sent_to_awarding_body_on__isnull=True),
        "send it to the awarding body")


for _role in (Role.HEAD_OF_CENTRE, Role.QUALITY_NOMINEE):
    register(_role, "Special consideration to send to the awarding body")(to_send)

navigation.register("Adjustments", "appeals:adjustments",
                    navigation.holding(SIGN_CLASS_LIST, PREPARE_REVIEW,
                                       AUTHORISE_SPECIAL_CONSIDERATION))
