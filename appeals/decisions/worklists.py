"""Appeals on the home page and in the navigation."""

from typing import Any

from django.urls import reverse

from appeals.decisions import selectors
from appeals.decisions.models import Appeal, AppealStatus
from qmr import navigation
from qmr.home import WorkItem, register
from qmr.roles import VIEW_OWN_RECORD, VIEW_QUALITY_RECORDS, Role


def _url(appeal_id: int) -> str:
    return reverse("appeals:appeal-detail", args=[appeal_id])


def _stage_text(s: Any) -> str:
    text = (f"{s.appeal.learner}'s appeal, {s.appeal.decision.submission.assignment}: "
            f"{s.get_number_display().lower()}")
    return text + (" (send it to the awarding body)" if s.number == 4 and not s.submitted_on
                   else "")


def waiting_for_decision(user: Any, appointments: list) -> list[WorkItem]:
    return [WorkItem(_stage_text(s), _url(s.appeal_id), s.due_on)
            for s in selectors.stages_waiting_for(user)]


for _role in (Role.ASSESSOR, Role.INTERNAL_VERIFIER, Role.LEAD_IV, Role.SENIOR_MANAGER,
              Role.HEAD_OF_CENTRE):
    register(_role, "Appeals waiting for your decision")(waiting_for_decision)


def results_in_doubt(user: Any, appointments: list) -> list[WorkItem]:
    return [WorkItem(f"{d.submission.learner}, {d.submission.assignment}: review this result, "
                     f"put in doubt by an appeal", _url(d.raised_by.appeal_id))
            for d in selectors.doubts_for(user)]


register(Role.ASSESSOR, "Results in doubt after an appeal")(results_in_doubt)


@register(Role.QUALITY_NOMINEE, "Appeal stages past their time limit")
def overdue(user: Any, appointments: list) -> list[WorkItem]:
    stages = selectors.overdue_stages({a.centre_id for a in appointments})[:50]
    return [WorkItem(_stage_text(s), _url(s.appeal_id), s.due_on) for s in stages]


@register(Role.LEARNER, "Your appeals")
def mine(user: Any, appointments: list) -> list[WorkItem]:
    appeals = Appeal.objects.filter(learner__user=user, status=AppealStatus.OPEN).select_related(
        "decision__submission__assignment")
    return [WorkItem(f"Your appeal against the result of {a.decision.submission.assignment}",
                     _url(a.pk)) for a in appeals]


navigation.register("Appeals log", "appeals:log", navigation.holding(VIEW_QUALITY_RECORDS))
navigation.register("My appeals", "appeals:my-appeals", navigation.holding(VIEW_OWN_RECORD))
