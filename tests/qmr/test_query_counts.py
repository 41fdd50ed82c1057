"""Every page's query count stays the same as the data grows."""

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from qmr import services
from qmr.roles import Role
from tests.conftest import appoint
from tests.factories import ProgrammeFactory

pytestmark = pytest.mark.django_db


def queries(client, url):
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx)


def grow(world, n):
    """Add n people with appointments, n programmes and n academic years to centre A."""
    for i in range(n):
        programme = ProgrammeFactory(centre=world.centre, subject_area=world.subject_area)
        appoint(world.centre, f"grow{i}-{programme.pk}@a.example", Role.ASSESSOR, programme)
        appoint(world.centre, f"ending{i}-{programme.pk}@a.example", Role.QUALITY_REVIEWER,
                last_day=date.today())
        year = services.add_academic_year(actor=None, centre=world.centre,
                                          name=f"{2100 + programme.pk}",
                                          starts_on=date(2100 + programme.pk, 8, 1),
                                          ends_on=date(2101 + programme.pk, 7, 31))
        services.add_term(actor=None, year=year, name="Autumn", starts_on=year.starts_on,
                          ends_on=year.starts_on.replace(month=12))


@pytest.mark.parametrize("persona,path", [
    ("nominee", "/"),
    ("nominee", "/profile/"),
    ("nominee", "/centres/{c}/people/"),
    ("nominee", "/centres/{c}/people/?show=all&role=assessor"),
    ("nominee", "/centres/{c}/settings/"),
    ("nominee", "/centres/{c}/people/appoint/"),
    ("head", "/centres/{c}/people/{p}/"),
])
def test_query_count_does_not_grow(client, world, persona, path):
    url = path.format(c=world.centre.pk, p=world["assessor"].pk)
    client.force_login(world[persona])
    grow(world, 2)
    small = queries(client, url)
    grow(world, 12)
    assert queries(client, url) == small


def test_people_list_query_count_is_pinned(client, world):
    client.force_login(world["nominee"])
    # 1 session  2 user  3 grants (guardian rows joined to appointments in force)
    # 4 consortium arrangements this centre leads (none here, so no programme query)
    # 5 centre  6 people  7 their appointments (prefetched)
    assert queries(client, f"/centres/{world.centre.pk}/people/") == 7
