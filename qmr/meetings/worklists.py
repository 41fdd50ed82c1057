"""The home page section "Your open actions", for every staff role."""

from typing import Any

from django.urls import reverse

from qmr import home, navigation
from qmr.meetings.actions import STAFF_ROLES, open_actions_for
from qmr.roles import VIEW_PEOPLE


def your_open_actions(user: Any, appointments: list) -> list[home.WorkItem]:
    """The person's own open actions, overdue first, wherever they were set: 1 query."""
    return [
        home.WorkItem(
            f"{a}" + (f" ({a.meeting.team})" if a.meeting_id else ""),
            reverse("meetings:action-detail", args=[a.pk]), a.due_on,
        )
        for a in open_actions_for(user)
    ]


# The home page de-duplicates sections by function, so one section shows whatever roles.
for _role in STAFF_ROLES:
    home.register(_role, "Your open actions")(your_open_actions)


navigation.register("Meetings", "meetings:team-list", navigation.holding(VIEW_PEOPLE))
