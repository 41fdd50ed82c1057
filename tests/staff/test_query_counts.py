"""The staff pages' query counts stay the same as the staff and their records grow."""

from datetime import date
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from qmr.roles import Role
from qmr.staff import services
from tests.conftest import appoint
from tests.staff.helpers import year

pytestmark = pytest.mark.django_db


def queries(client, url):
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx)


def grow(world, n, start=0):
    year(world)
    for i in range(start, start + n):
        person = appoint(world.centre, f"staff{i}@a.example", Role.ASSESSOR, world.programme)
        for hours in ("1", "2.5"):
            services.add_training(actor=person, centre=world.centre, person=person, kind="cpd",
                                  title="Update", held_on=date(2026, 10, 1),
                                  hours=Decimal(hours))
        services.add_qualification(actor=world["nominee"], centre=world.centre, person=person,
                                   kind="assessor", title="TAQA", awarded_on=date(2019, 1, 1))
        services.record_induction(actor=world["nominee"], centre=world.centre, person=person,
                                  inducted_on=date(2026, 9, 1), covered=["role"],
                                  completed_by=world["nominee"])


@pytest.mark.parametrize("query", ["", "?sort=-hours&induction=done"])
def test_the_staff_list_is_pinned(client, world, query):
    client.force_login(world["head"])
    url = reverse("staff:staff-list", args=[world.centre.pk]) + query
    grow(world, 2)
    # 1 session  2 user  3 grants  4 consortium arrangements the centre leads  5 centre
    # 6 the current academic year  7 staff in post with hours, induction and qualifications
    # (subqueries)  8 their appointments at the centre (prefetched)
    assert queries(client, url) == 8
    grow(world, 10, start=2)
    assert queries(client, url) == 8


def test_the_staff_record_page_does_not_grow(client, world):
    client.force_login(world["nominee"])
    person = world["assessor"]
    url = reverse("staff:record", args=[world.centre.pk, person.pk])
    year(world)
    small = queries(client, url)
    for i in range(6):
        services.add_training(actor=person, centre=world.centre, person=person, kind="cpd",
                              title=f"T{i}", held_on=date(2026, 10, 1 + i), hours=Decimal(1))
        services.add_qualification(actor=world["nominee"], centre=world.centre, person=person,
                                   kind="subject", title=f"Q{i}", awarded_on=date(2010, 1, 1))
    assert queries(client, url) == small
