"""Malpractice cases on the home page and in the navigation."""

from typing import Any

from django.urls import reverse

from appeals.malpractice import selectors
from qmr import navigation
from qmr.home import WorkItem, register
from qmr.roles import PREPARE_REVIEW, RECEIVE_ESCALATIONS, Role


def _item(case: Any, prefix: str = "") -> WorkItem:
    return WorkItem(f"{prefix}{case.get_kind_display()}: {case.accused_name}, "
                    f"{case.get_category_display().lower()}",
                    reverse("appeals:case-detail", args=[case.pk]))


def investigating(user: Any, appointments: list) -> list[WorkItem]:
    return [_item(c) for c in selectors.cases_investigated_by(user)]


# Anyone on the staff may be appointed to investigate.
for _role in (Role.HEAD_OF_CENTRE, Role.SENIOR_MANAGER, Role.QUALITY_NOMINEE,
              Role.EXAMS_OFFICER, Role.PROGRAMME_LEADER, Role.LEAD_IV,
              Role.INTERNAL_VERIFIER, Role.ASSESSOR):
    register(_role, "Malpractice cases you are investigating")(investigating)


def to_act_on(user: Any, appointments: list) -> list[WorkItem]:
    centre_ids = {a.centre_id for a in appointments}
    return [_item(c) for c in selectors.open_cases_for(user, centre_ids)]


for _role in (Role.HEAD_OF_CENTRE, Role.QUALITY_NOMINEE):
    register(_role, "Malpractice cases to act on")(to_act_on)

navigation.register("Malpractice register", "appeals:malpractice-register",
                    navigation.holding(RECEIVE_ESCALATIONS, PREPARE_REVIEW))
