"""The organisation chart: drawn from the appointments in force on the chosen day, with the
vacant roles the framework expects named."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from qmr import services
from qmr.models import Appointment, SubjectArea
from qmr.roles import Role
from qmr.staff.chart import org_chart
from tests.conftest import appoint
from tests.factories import ProgrammeFactory

pytestmark = pytest.mark.django_db


def _names(post_list, role):
    return [p.full_name for post in post_list if post.role == role for p in post.people]


def test_it_shows_the_senior_roles_and_each_area_with_its_programmes(world):
    chart = org_chart(world.centre, timezone.localdate())
    assert _names(chart.senior, Role.HEAD_OF_CENTRE) == [world["head"].full_name]
    (area,) = chart.areas
    assert _names(area.posts, Role.LEAD_IV) == [world["lead_iv"].full_name]
    (programme,) = area.programmes
    assert programme.programme == world.programme
    assert _names(programme.posts, Role.PROGRAMME_LEADER) == [world["leader"].full_name]
    assert _names(programme.posts, Role.ASSESSOR) == [world["assessor"].full_name]
    assert chart.vacancies == []


def test_the_lead_iv_shows_only_until_their_last_day(world, login):
    last_day = timezone.localdate() + timedelta(days=10)
    appointment = Appointment.objects.get(person=world["lead_iv"], role=Role.LEAD_IV)
    services.change_last_day(actor=world["nominee"], appointment=appointment, last_day=last_day)
    url = reverse("staff:org-chart", args=[world.centre.pk])
    client = login(world["nominee"])
    on_last = client.get(url, {"on": last_day.isoformat()}).content.decode()
    after = client.get(url, {"on": (last_day + timedelta(days=1)).isoformat()}).content.decode()
    assert world["lead_iv"].full_name in on_last and "no Lead Internal Verifier" not in on_last
    assert world["lead_iv"].full_name not in after
    assert f"{world.subject_area}: no Lead Internal Verifier" in after


def test_it_names_vacant_senior_roles_and_a_programme_without_a_leader(world):
    for person in ("exams", "leader"):
        a = Appointment.objects.get(person=world[person])
        services.end_appointment(actor=world["nominee"], appointment=a)
    chart = org_chart(world.centre, timezone.localdate())
    assert "No Exams Officer" in chart.vacancies
    assert f"{world.programme}: no Programme Leader" in chart.vacancies


def test_an_appointment_not_yet_started_is_not_on_todays_chart(world):
    services.appoint(actor=None, centre=world.centre, email="new@a.example",
                     full_name="Nia Newstart", role=Role.SENIOR_MANAGER,
                     starts_on=timezone.localdate() + timedelta(days=3))
    assert "Nia Newstart" not in _names(org_chart(world.centre, timezone.localdate()).senior,
                                        Role.SENIOR_MANAGER)


def test_a_new_subject_area_without_a_lead_iv_is_vacant(world):
    area = SubjectArea.objects.create(centre=world.centre, code="9.9", name="Performing arts")
    chart = org_chart(world.centre, timezone.localdate())
    assert f"{area}: no Lead Internal Verifier" in chart.vacancies
    assert [b.programmes for b in chart.areas if b.area == area] == [[]]


def test_the_chart_query_count_does_not_grow(world, client, django_assert_num_queries):
    client.force_login(world["nominee"])
    url = reverse("staff:org-chart", args=[world.centre.pk])

    def grow(n):
        for _ in range(n):
            p = ProgrammeFactory(centre=world.centre)
            appoint(world.centre, f"l{p.pk}@a.example", Role.PROGRAMME_LEADER, p)
            appoint(world.centre, f"v{p.pk}@a.example", Role.LEAD_IV, p.subject_area)

    grow(1)
    # 1 session  2 user  3 grants  4 consortium arrangements the centre leads  5 centre
    # 6 subject areas  7 appointments in force with their people  8 programme scopes ever
    # held  9 those programmes (one query per scope model)
    with django_assert_num_queries(9):
        client.get(url)
    grow(8)
    with django_assert_num_queries(9):
        client.get(url)


def test_who_reads_the_chart(world, login):
    """Those who read the centre's people (VIEW_PEOPLE on the centre); a programme's
    assessor sees the centre but not its people: 403."""
    url = reverse("staff:org-chart", args=[world.centre.pk])
    assert login(world["exams"]).get(url).status_code == 200
    assert login(world["assessor"]).get(url).status_code == 403
    assert login(world["learner"]).get(url).status_code == 404
    assert login(world["outsider"]).get(url).status_code == 404
