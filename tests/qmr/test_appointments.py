"""Appointing people, ending appointments, time-boxed external access."""

from datetime import timedelta

import pytest
import time_machine
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from qmr import permissions, services
from qmr.audit import AuditEvent
from qmr.errors import DomainError, TransitionNotAllowed
from qmr.models import Appointment, User
from qmr.roles import MANAGE_PEOPLE, REVIEW_EVIDENCE, VIEW_CENTRE, Role

pytestmark = pytest.mark.django_db


def _appoint(world, actor, **kw):
    defaults = {"centre": world.centre, "email": "new@a.example", "full_name": "Nia New",
                "role": Role.ASSESSOR, "scope": world.programme}
    return services.appoint(actor=actor, **{**defaults, **kw})


def test_it_appoints_and_grants_on_the_scope(world):
    appointment = _appoint(world, world["nominee"])
    person = appointment.person
    assert person.email == "new@a.example"
    assert permissions.can(person, "assess", world.programme)
    assert not permissions.can(person, "assess", world.other_programme)
    assert permissions.can(person, VIEW_CENTRE, world.centre)
    event = AuditEvent.objects.get(code="qmr.appointment.made", object_id=str(appointment.pk))
    assert event.actor == world["nominee"]


def test_it_finds_an_existing_person_by_email(world):
    _appoint(world, world["nominee"], email="Head@A.example", role=Role.SENIOR_MANAGER,
             scope=world.centre)
    assert User.objects.filter(email="head@a.example").count() == 1
    assert world["head"].appointments.count() == 2


def test_assessor_cannot_appoint(world):
    with pytest.raises(PermissionDenied):
        _appoint(world, world["assessor"])
    assert not User.objects.filter(email="new@a.example").exists()


def test_nominee_of_other_centre_cannot_appoint_here(world):
    with pytest.raises(PermissionDenied):
        _appoint(world, world["outsider"])


def test_it_refuses_a_role_on_the_wrong_kind_of_scope(world):
    with pytest.raises(DomainError, match="held for a programme or subject area"):
        _appoint(world, world["nominee"], scope=world.centre)
    assert not User.objects.filter(email="new@a.example").exists()


def test_it_refuses_a_scope_of_another_centre(world):
    with pytest.raises(DomainError, match="belongs to another centre"):
        _appoint(world, world["nominee"], scope=world.other_programme)


def test_external_reviewer_needs_a_last_day(world):
    with pytest.raises(DomainError, match="must end on a date"):
        _appoint(world, world["nominee"], role=Role.QUALITY_REVIEWER, scope=world.centre)


def test_ending_an_appointment_takes_effect_at_once(world):
    appointment = world["assessor"].appointments.get()
    assert permissions.can(world["assessor"], "assess", world.programme)
    services.end_appointment(actor=world["head"], appointment=appointment, reason="left")
    assert not permissions.can(world["assessor"], "assess", world.programme)
    assert not permissions.can(world["assessor"], VIEW_CENTRE, world.centre)
    with pytest.raises(TransitionNotAllowed):
        services.end_appointment(actor=world["head"], appointment=appointment)


def test_exams_officer_cannot_end_appointments(world):
    appointment = world["assessor"].appointments.get()
    with pytest.raises(PermissionDenied):
        services.end_appointment(actor=world["exams"], appointment=appointment)
    appointment.refresh_from_db()
    assert appointment.ends_at is None


def test_reviewer_access_stops_after_the_last_day_with_no_task_run(world):
    today = timezone.localdate()
    appointment = _appoint(world, world["nominee"], email="rev@x.example",
                           role=Role.QUALITY_REVIEWER, scope=world.centre, last_day=today)
    reviewer = appointment.person
    assert permissions.can(reviewer, REVIEW_EVIDENCE, world.centre)
    with time_machine.travel(timezone.now() + timedelta(days=1), tick=False):
        assert not permissions.can(reviewer, REVIEW_EVIDENCE, world.centre)
        assert not Appointment.objects.active().filter(pk=appointment.pk).exists()


def test_reviewer_gets_404_on_centre_pages_after_the_end_date(world, client):
    appointment = _appoint(world, world["nominee"], email="rev@x.example",
                           role=Role.QUALITY_REVIEWER, scope=world.centre,
                           last_day=timezone.localdate())
    client.force_login(appointment.person)
    url = f"/centres/{world.centre.pk}/settings/"
    assert client.get(url).status_code == 200
    with time_machine.travel(timezone.now() + timedelta(days=1), tick=False):
        assert client.get(url).status_code == 404


def test_an_appointment_starting_tomorrow_grants_nothing_today(world):
    appointment = _appoint(world, world["nominee"],
                           starts_on=timezone.localdate() + timedelta(days=1))
    assert not permissions.can(appointment.person, "assess", world.programme)


def test_last_day_can_be_moved(world):
    appointment = world["reviewer"].appointments.get()
    new_day = timezone.localdate() + timedelta(days=3)
    services.change_last_day(actor=world["nominee"], appointment=appointment, last_day=new_day)
    appointment.refresh_from_db()
    assert timezone.localdate(appointment.ends_at) == new_day + timedelta(days=1)
    assert permissions.can(world["nominee"], MANAGE_PEOPLE, world.centre)
