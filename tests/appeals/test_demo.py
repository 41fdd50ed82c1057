"""The demo's appeals, and its appeals log checked against figures computed here from the
records."""

from collections import Counter
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from appeals.decisions.models import Appeal, AppealStage, AppealStatus
from qmr.calendar import WorkingDays
from qmr.models import Centre, User

pytestmark = pytest.mark.django_db


def _working_days_taken(calendar, stage) -> int:
    days = (stage.decided_on - stage.opened_on).days
    return sum(calendar.is_working_day(stage.opened_on + timedelta(days=n))
               for n in range(1, days + 1))


def test_the_demo_log_shows_what_the_records_hold():
    call_command("load_demo")
    centre = Centre.objects.get(number="48213")
    appeals = list(Appeal.objects.filter(centre=centre))
    assert sorted(a.status for a in appeals) == [AppealStatus.OPEN, AppealStatus.UPHELD]
    open_stage = AppealStage.objects.get(appeal__status=AppealStatus.OPEN)
    assert open_stage.number == 1 and open_stage.is_overdue()
    upheld = Appeal.objects.get(status=AppealStatus.UPHELD)
    assert [s.number for s in upheld.stages.all()] == [1, 2]
    assert upheld.stages.get(number=2).corrected_decision is not None

    per_assessor = Counter(str(a.decision.submission.assignment.assessor) for a in appeals)
    per_unit = Counter(str(u) for a in appeals
                       for u in {c.unit for c in a.decision.submission.assignment.criteria.all()})
    calendar = WorkingDays(centre)
    taken: dict[int, list[int]] = {}
    for s in AppealStage.objects.filter(appeal__centre=centre, decided_on__isnull=False):
        taken.setdefault(s.number, []).append(_working_days_taken(calendar, s))

    client = Client()
    client.force_login(User.objects.get(email="quality@brookfield.example"))
    page = client.get(reverse("appeals:log")).content.decode()
    for name, n in [*per_assessor.items(), *per_unit.items()]:
        assert f'<th scope="row">{name}</th><td class="num">{n}</td>' in page
    for number, days in taken.items():
        label = AppealStage(number=number).get_number_display()
        average = round(sum(days) / len(days), 1)
        assert (f'<th scope="row">{label}</th><td class="num">{len(days)}</td>'
                f'<td class="num">{average}</td>') in page
    assert "1 stage overdue" in page
