"""Permission matrix rows for teams, meetings and actions (qmr.meetings).

Our centre's team has the leader (chair), the assessor and the IV as members; its meeting set
an open action owned by the leader and raised by the Quality Nominee, with an evidence file.
The external reviewer reads every team's records (VIEW_QUALITY_RECORDS) and records nothing."""

from datetime import date
from typing import Any

from django.core.files.base import ContentFile

from qmr.meetings.models import Action, Meeting, Team
from tests.qmr.matrix_support import ALL, MANAGE, STAFF, expect

MEMBERS = {"leader", "assessor", "iv"}
TEAM_READ = MEMBERS | {"head", "slt", "nominee", "reviewer"}
RECORD = MEMBERS | {"nominee"}


def build(target: Any, world: Any, side: str) -> None:
    own = side == "own"
    members = [world[m] for m in sorted(MEMBERS)] if own else [target.person]
    chair = world["leader"] if own else target.person
    team = Team.objects.create(centre=target.centre, name=f"Team {target.person.pk}",
                               chair=chair)
    team.members.set(members)
    meeting = Meeting.objects.create(team=team, held_on=date(2026, 11, 2), agenda="Progress",
                                     recorded_by=chair)
    meeting.present.set(members)
    target.team, target.meeting = team, meeting
    target.team_action = Action.objects.create(
        centre=target.centre, meeting=meeting, description="Update the plan", owner=chair,
        due_on=date(2026, 12, 1), raised_by=world["nominee"] if own else target.person,
        closure_file=ContentFile(b"pdf", name="evidence.pdf"))


def team(t: Any) -> dict:
    return {"pk": t.team.pk}


def meeting(t: Any) -> dict:
    return {"pk": t.meeting.pk}


def action(t: Any) -> dict:
    return {"pk": t.team_action.pk}


# A meeting's action or closure posted empty is refused with a message (302) by whoever may
# do it; those who read but may not do it get 403.
ROWS = {
    "meetings:team-list": (None, "get", None, dict.fromkeys(ALL, 200)),
    "meetings:team-add": (lambda t: {"centre_id": t.centre.pk}, "get", None,
                          expect(MANAGE, 200, STAFF)),
    "meetings:team-detail": (team, "get", None, expect(TEAM_READ)),
    "meetings:team-edit": (team, "get", None, expect(MANAGE, 200, TEAM_READ)),
    "meetings:meeting-add": (team, "get", None, expect(RECORD, 200, TEAM_READ)),
    "meetings:meeting-detail": (meeting, "get", None, expect(TEAM_READ)),
    "meetings:meeting-edit": (meeting, "get", None, expect(RECORD, 200, TEAM_READ)),
    "meetings:meeting-action-add": (meeting, "post", lambda p: {},
                                    expect(RECORD, 302, TEAM_READ)),
    "meetings:action-detail": (action, "get", None, expect(TEAM_READ)),
    "meetings:action-close": (action, "post", lambda p: {},
                              expect({"leader", "nominee"}, 302, TEAM_READ)),
    "meetings:action-file": (action, "get", None, expect(TEAM_READ)),
}
