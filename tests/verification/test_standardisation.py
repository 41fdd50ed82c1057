"""Standardisation meetings, who has not taken part, the Quality Nominee's overview."""

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied
from django.db import connection
from django.test.utils import CaptureQueriesContext

from qmr.errors import DomainError
from qmr.roles import Role
from tests.conftest import appoint
from verification import services

pytestmark = pytest.mark.django_db


def meeting(world, participants, held_on=date(2026, 10, 7), actor="lead_iv"):
    return services.record_standardisation_meeting(
        actor=world[actor], subject_area=world.subject_area, held_on=held_on, units=[],
        sample_looked_at="Three reports", outcomes="Agreed P2 needs two roles",
        participants=[world[p] for p in participants])


def test_the_lead_iv_records_a_meeting(world, year):
    recorded = meeting(world, ["assessor", "iv"])
    assert set(recorded.participants.all()) == {world["assessor"], world["iv"]}


def test_only_the_lead_iv_records_meetings(world, year):
    with pytest.raises(PermissionDenied):
        meeting(world, ["assessor"], actor="iv")


def test_a_meeting_needs_who_took_part(world, year):
    with pytest.raises(DomainError, match="who took part"):
        meeting(world, [])


def test_the_overview_lists_who_has_not_been_standardised(world, client, year):
    services.register_lead_iv(actor=world["nominee"], subject_area=world.subject_area,
                              academic_year=year, person=world["lead_iv"],
                              registered_on=date(2026, 9, 10))
    meeting(world, ["iv", "lead_iv"])
    client.force_login(world["nominee"])
    page = client.get("/verification/overview/").content.decode()
    assert world["assessor"].full_name in page  # assessed, never standardised
    assert "the Lead IV&#x27;s standardisation is not recorded" in page


def test_the_overview_query_count_does_not_grow(world, client, year):
    client.force_login(world["nominee"])
    meeting(world, ["iv"])

    def count():
        with CaptureQueriesContext(connection) as ctx:
            assert client.get("/verification/overview/").status_code == 200
        return len(ctx)

    small = count()
    for i in range(8):
        appoint(world.centre, f"more{i}@a.example", Role.ASSESSOR, world.programme)
        meeting(world, ["iv", "assessor"], held_on=date(2026, 10, 8 + i))
    assert count() == small


def test_the_nominee_registers_the_lead_iv_from_the_overview(world, client, year):
    client.force_login(world["nominee"])
    url = f"/verification/areas/{world.subject_area.pk}/lead-iv/"
    response = client.post(url, {"person": world["lead_iv"].pk, "registered_on": "2026-09-10"},
                           follow=True)
    assert "Lead IV registration recorded" in response.content.decode()


def test_the_lead_iv_records_a_meeting_through_the_page(world, client, year):
    client.force_login(world["lead_iv"])
    url = f"/verification/areas/{world.subject_area.pk}/meetings/add/"
    assert world["assessor"].full_name in client.get(url).content.decode()
    response = client.post(url, {"held_on": "2026-10-07", "participants": [world["assessor"].pk],
                                 "sample_looked_at": "Two reports", "outcomes": "Agreed M1"},
                           follow=True)
    assert "Standardisation meeting recorded" in response.content.decode()


def test_a_lead_iv_follows_their_own_area_on_the_overview(world, client, year):
    from tests.factories import SubjectAreaFactory

    other = SubjectAreaFactory(centre=world.centre, code="1.3", name="Health and social care")
    meeting(world, ["iv"])
    client.force_login(world["lead_iv"])
    page = client.get("/verification/overview/").content.decode()
    assert str(world.subject_area) in page and str(other) not in page
    assert world["assessor"].full_name in page  # in their area, not standardised this year
    assert f"/verification/areas/{world.subject_area.pk}/meetings/add/" in page
    assert "lead-iv/" not in page  # registering the Lead IV is the Quality Nominee's
