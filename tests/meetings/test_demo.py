"""The demo's staff records, teams, meetings and actions (demo parts 52 and 54)."""

import pytest
from django.core.management import call_command

from qmr.evidence import Status
from qmr.meetings.evidence import team_meetings
from qmr.meetings.models import Action, Meeting, Team
from qmr.models import Centre
from qmr.staff.evidence import development, roles_filled
from qmr.staff.models import Training

pytestmark = pytest.mark.django_db


def test_the_demo_has_a_year_of_staff_development_and_meetings():
    call_command("load_demo")
    main = Centre.objects.get(number="48213")
    dev = development(main)
    assert dev.status == Status.WEAK and dev.summary.endswith("None recorded for: Beth Randall.")
    assert roles_filled(main).status == Status.IN_PLACE
    assert {t.name for t in Team.objects.filter(centre=main)} == {"Sport programme team",
                                                                 "Quality committee"}
    assert sum(a.is_overdue for a in Action.objects.all()) == 1
    assert Action.objects.filter(meeting__isnull=False, closed_at__isnull=False).count() == 1
    assert "Overdue:" in team_meetings(main).summary
    counts = [m.objects.count() for m in (Training, Team, Meeting, Action)]
    call_command("load_demo")
    assert [m.objects.count() for m in (Training, Team, Meeting, Action)] == counts
