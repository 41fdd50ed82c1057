"""Verification work for the home page and the navigation."""

from typing import Any

from django.urls import reverse

from qmr import navigation
from qmr.home import WorkItem, register
from qmr.roles import VERIFY, Role
from verification import selectors


@register(Role.INTERNAL_VERIFIER, "Work to verify")
def work_to_verify(user: Any, appointments: list) -> list[WorkItem]:
    return [WorkItem(f"{s.submission.learner} — {s.submission.assignment}",
                     reverse("verification:verify-decision", args=[s.submission_id]), s.due_on)
            for s in selectors.my_verifications(user)[:20]]


navigation.register("My verifications", "verification:my-verifications",
                    navigation.holding(VERIFY))
navigation.register("IV overview", "verification:overview",
                    selectors.follows_areas)


def _items(records: selectors.ToSign, what: str) -> list[WorkItem]:
    return [WorkItem(f"{what} the verification of the brief '{v.assignment}' by {v.verifier}",
                     reverse("verification:brief-iv", args=[v.assignment_id]))
            for v in records.briefs] + [
        WorkItem(f"{what} the verification of {v.submission.learner}'s work on "
                 f"{v.submission.assignment} by {v.verifier}",
                 reverse("verification:decision-iv", args=[v.pk])) for v in records.decisions]


@register(Role.ASSESSOR, "Internal verification to sign")
def to_sign(user: Any, appointments: list) -> list[WorkItem]:
    return _items(selectors.to_sign_as_assessor(user), "Read and sign")


@register(Role.ASSESSOR, "Actions on your briefs before they are issued")
def brief_actions(user: Any, appointments: list) -> list[WorkItem]:
    return [WorkItem(f"{a.description} ({a.verification.assignment})",
                     reverse("verification:brief-iv", args=[a.verification.assignment_id]),
                     a.due_on) for a in selectors.brief_actions_to_do(user)[:20]]


@register(Role.LEAD_IV, "Internal verification to countersign")
def to_countersign(user: Any, appointments: list) -> list[WorkItem]:
    return _items(selectors.to_countersign(user), "Countersign")


@register(Role.INTERNAL_VERIFIER, "Briefs to verify")
def briefs_to_verify(user: Any, appointments: list) -> list[WorkItem]:
    return [WorkItem(f"{a.title} ({a.plan.programme})",
                     reverse("verification:brief-iv", args=[a.pk]), a.verify_brief_by)
            for a in selectors.briefs_to_verify(user)[:20]]
