"""Verification work for the home page and the navigation."""

from typing import Any

from django.urls import reverse

from qmr import navigation, permissions
from qmr.home import WorkItem, register
from qmr.models import Centre
from qmr.roles import VERIFY, VIEW_RECORDS, Role
from verification import selectors


@register(Role.INTERNAL_VERIFIER, "Work to verify")
def work_to_verify(user: Any, appointments: list) -> list[WorkItem]:
    return [WorkItem(f"{s.submission.learner} — {s.submission.assignment}",
                     reverse("verification:verify-decision", args=[s.submission_id]), s.due_on)
            for s in selectors.my_verifications(user)[:20]]


navigation.register("My verifications", "verification:my-verifications",
                    navigation.holding(VERIFY))
navigation.register("IV overview", "verification:overview",
                    lambda user: bool(permissions.scope_pks(user, VIEW_RECORDS, Centre)))
