"""Assessment work for the home page and the navigation."""

from typing import Any

from django.db.models import Exists, OuterRef
from django.urls import reverse

from assessment.models import Decision, Resubmission, Submission
from qmr import navigation, permissions
from qmr.home import WorkItem, register
from qmr.roles import ASSESS, LEAD_VERIFY, SIGN_CLASS_LIST, VERIFY, VIEW_OWN_RECORD, Role

MAX_ITEMS = 20


@register(Role.ASSESSOR, "Work waiting for your decision")
def work_to_assess(user: Any, appointments: list) -> list[WorkItem]:
    rows = Submission.objects.filter(assignment__assessor=user).exclude(
        Exists(Decision.objects.filter(submission=OuterRef("pk")))).select_related(
        "learner", "assignment").order_by("submitted_at")[:MAX_ITEMS]
    return [WorkItem(f"{s.learner} — {s.assignment}",
                     reverse("assessment:submission-detail", args=[s.pk])) for s in rows]


@register(Role.LEAD_IV, "Resubmission requests to decide")
def resubmissions(user: Any, appointments: list) -> list[WorkItem]:
    rows = permissions.visible(user, LEAD_VERIFY, Resubmission.objects.filter(
        status=Resubmission.Status.REQUESTED)).select_related(
        "submission__learner", "submission__assignment")[:MAX_ITEMS]
    return [WorkItem(f"{r.submission.learner} — {r.submission.assignment}",
                     reverse("assessment:resubmission-list")) for r in rows]


@register(Role.LEARNER, "Your assignments")
def own_assignments(user: Any, appointments: list) -> list[WorkItem]:
    return [WorkItem("See your assignments, deadlines, results and feedback",
                     reverse("assessment:my-work"))]


navigation.register("Assessment plans", "assessment:plan-list",
                    navigation.holding(SIGN_CLASS_LIST, LEAD_VERIFY, VERIFY))
navigation.register("My assessing", "assessment:my-assessing", navigation.holding(ASSESS))
navigation.register("My work", "assessment:my-work", navigation.holding(VIEW_OWN_RECORD))
