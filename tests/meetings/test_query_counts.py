"""The meetings pages' query counts stay the same as teams, meetings and actions grow."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from qmr.meetings import actions, services
from tests.meetings.helpers import meeting, team

pytestmark = pytest.mark.django_db


def queries(client, url):
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx)


def grow(world, the_team, n, start=0):
    for i in range(start, start + n):
        other = team(world, name=f"Team {i}", members=("leader", "assessor", "iv"))
        for t in (other, the_team):
            m = meeting(world, t, days_ago=i + 1)
            a = services.set_meeting_action(actor=world["leader"], meeting=m,
                                            description=f"Action {i}", owner=world["leader"],
                                            due_on=timezone.localdate() + timedelta(days=i))
            if i % 2:
                actions.close_action(actor=world["leader"], action=a, evidence="Done")


@pytest.mark.parametrize("persona, expected", [("nominee", 6), ("leader", 4)])
def test_the_teams_list_is_pinned(client, world, persona, expected):
    the_team = team(world)
    client.force_login(world[persona])
    url = reverse("meetings:team-list") + "?sort=last_met"
    grow(world, the_team, 2)
    # nominee: 1 session  2 user  3 grants  4 consortium arrangements the centre leads
    # 5 teams with centre, chair, counts, last met and overdue flag (one query)
    # 6 centres whose teams the person sets up (for "Set up a team")
    # leader: 1 session  2 user  3 grants  4 teams (no centre-wide grants, so neither the
    # consortium query nor the centres query runs)
    assert queries(client, url) == expected
    grow(world, the_team, 10, start=2)
    assert queries(client, url) == expected


def test_the_team_page_is_pinned(client, world):
    the_team = team(world)
    client.force_login(world["leader"])
    url = reverse("meetings:team-detail", args=[the_team.pk])
    grow(world, the_team, 2)
    # 1 session  2 user  3 grants  4 the team (readable)  5 the team again with centre and
    # chair  6 members  7 meetings with attendance counts  8 their actions  9 team history
    # rows  (may_record reads the prefetched members)
    assert queries(client, url) == 9
    grow(world, the_team, 10, start=2)
    assert queries(client, url) == 9


def test_the_meeting_page_is_pinned(client, world):
    the_team = team(world)
    m = meeting(world, the_team)
    client.force_login(world["leader"])
    url = reverse("meetings:meeting-detail", args=[m.pk])
    small = queries(client, url)
    for i in range(8):
        services.set_meeting_action(actor=world["leader"], meeting=m, description=f"A{i}",
                                    owner=world["iv"], due_on=timezone.localdate())
    assert queries(client, url) == small
