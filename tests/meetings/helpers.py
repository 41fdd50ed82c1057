"""Teams and meetings for the meetings tests, made through the real services."""

from datetime import timedelta

from django.utils import timezone

from qmr.meetings import services
from qmr.meetings.models import TeamKind


def team(world, name="Sport programme team", members=("leader", "assessor", "iv"),
         chair="leader", centre=None, actor="nominee"):
    centre = centre or world.centre
    return services.create_team(actor=world[actor], centre=centre, name=name,
                                kind=TeamKind.PROGRAMME_TEAM,
                                members=[world[m] for m in members],
                                chair=world[chair] if chair else None)


def meeting(world, the_team, actor="leader", days_ago=3, present=("leader", "assessor"),
            apologies=("iv",)):
    return services.record_meeting(
        actor=world[actor], team=the_team,
        held_on=timezone.localdate() - timedelta(days=days_ago),
        agenda="Learner progress\nStandards verification", present=[world[p] for p in present],
        apologies=[world[p] for p in apologies], minutes="Went through the tracker.",
        decisions="Move the Unit 3 deadline.")
