"""The demo centre loads through the real services and running it twice adds nothing."""

import pytest
from django.core.management import call_command

from qmr import permissions
from qmr.audit import AuditEvent
from qmr.models import Appointment, Centre, CollaborativeArrangement, User
from qmr.roles import EXTERNAL_ROLES, Role
from registrations.models import Learner, Programme

pytestmark = pytest.mark.django_db


def _counts():
    return [m.objects.count() for m in (Centre, User, Appointment, Programme, Learner,
                                        AuditEvent, Appointment.history.model)]


def test_it_loads_a_realistic_centre_and_prints_the_logins(capsys):
    call_command("load_demo")
    out = capsys.readouterr().out
    main = Centre.objects.get(number="48213")
    assert main.sites.count() == 2
    assert Programme.objects.filter(centre=main).count() == 3
    assert 85 <= Learner.objects.filter(centre=main).count() <= 95
    assert CollaborativeArrangement.objects.filter(lead_centre=main).exists()
    held = set(Appointment.objects.filter(centre=main).values_list("role", flat=True))
    assert held == set(Role.values)
    for email in ("quality@brookfield.example", "learner@brookfield.example",
                  "reviewer@awarding.example", "quality@northgate.example"):
        assert email in out


def test_one_person_holds_two_roles():
    call_command("load_demo")
    person = User.objects.get(email="sport.lead@brookfield.example")
    assert set(person.appointments.values_list("role", flat=True)) == {
        Role.PROGRAMME_LEADER, Role.ASSESSOR}


def test_external_people_are_time_boxed():
    call_command("load_demo")
    external = Appointment.objects.filter(role__in=EXTERNAL_ROLES)
    # This year's reviewer and last year's (ended); the standards verifier on IT and on Sport.
    assert external.count() == 4
    assert not external.filter(ends_at__isnull=True).exists()


def test_running_it_twice_duplicates_nothing():
    call_command("load_demo")
    first = _counts()
    call_command("load_demo")
    assert _counts() == first


def test_the_unrelated_centre_sees_nothing_of_brookfield():
    call_command("load_demo")
    outsider = User.objects.get(email="quality@northgate.example")
    main = Centre.objects.get(number="48213")
    assert not permissions.can(outsider, permissions.VIEW_CENTRE, main)
    assert not permissions.visible(outsider, permissions.VIEW_RECORDS,
                                   Learner.objects.filter(centre=main)).exists()
