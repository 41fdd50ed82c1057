"""QO.2.5 evidence computed from the teams, meetings and actions."""

from datetime import timedelta

import pytest
import time_machine
from django.utils import timezone

from qmr.evidence import Status
from qmr.meetings import actions, services
from qmr.meetings.evidence import team_meetings
from tests.meetings.helpers import meeting, team
from tests.staff.helpers import year

pytestmark = pytest.mark.django_db


def test_no_teams_is_missing(world):
    assert team_meetings(world.centre).status == Status.MISSING


def test_it_names_overdue_actions_and_teams_that_have_not_met(world):
    year(world)
    t = team(world)
    team(world, name="Quality committee", members=("head", "nominee"), chair="head")
    m = meeting(world, t)
    services.set_meeting_action(actor=world["leader"], meeting=m, description="Fix Unit 2",
                                owner=world["assessor"], due_on=timezone.localdate())
    with time_machine.travel(timezone.now() + timedelta(days=3)):
        evidence = team_meetings(world.centre)
    assert evidence.status == Status.WEAK
    assert "Overdue: Fix Unit 2 (Assessor" in evidence.summary
    labels = [r.label for r in evidence.records]
    assert "Quality committee: no meeting recorded this year" in labels
    assert all(r.url for r in evidence.records)


def test_every_team_met_and_actions_closed_on_time_is_in_place(world):
    year(world)
    m = meeting(world, team(world))
    a = services.set_meeting_action(actor=world["leader"], meeting=m, description="x",
                                    owner=world["iv"], due_on=timezone.localdate())
    actions.close_action(actor=world["iv"], action=a, evidence="Done")
    assert team_meetings(world.centre).status == Status.IN_PLACE
