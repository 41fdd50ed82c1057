"""Every change to an audited record keeps who made it and what it was before, bulk writes
included; named events are append-only."""

from pathlib import Path

import pytest
from django.apps import apps
from django.utils import timezone

from qmr import services
from qmr.audit import AuditedQuerySet, AuditEvent, acting_as, record_event
from qmr.models import Centre, Site

pytestmark = pytest.mark.django_db

RAW_WRITES = (".raw(", "cursor(", "_raw_delete", "_do_update", "_insert(")


def _audited_models():
    return [m for m in apps.get_models() if hasattr(m, "history")
            and not m.__name__.startswith("Historical")]


def test_every_audited_model_writes_through_the_audited_queryset():
    models = _audited_models()
    assert len(models) >= 10
    bypass = [m.__name__ for m in models
              if not isinstance(m._default_manager.all(), AuditedQuerySet)
              or not isinstance(m.objects.all(), AuditedQuerySet)]
    assert bypass == []


def test_no_app_code_writes_around_the_orm():
    """Raw SQL would bypass the history; the apps use none."""
    root = Path(__file__).resolve().parents[2]
    offenders = []
    for app in ("qmr", "registrations", "assessment", "verification", "appeals"):
        for path in (root / app).rglob("*.py"):
            if "migrations" in path.parts:
                continue
            text = path.read_text()
            offenders += [f"{path.name}: {word}" for word in RAW_WRITES if word in text]
    assert offenders == []


def test_queryset_update_is_recorded_with_the_actor(world):
    Site.objects.create(centre=world.centre, name="Old name")
    with acting_as(world["nominee"]):
        Site.objects.filter(centre=world.centre).update(name="New name")
    latest = Site.history.filter(centre_id=world.centre.pk).latest("history_id")
    assert latest.name == "New name"
    assert latest.history_type == "~"
    assert latest.history_user == world["nominee"]
    assert latest.prev_record.name == "Old name"


def test_bulk_create_and_bulk_update_are_recorded(world):
    with acting_as(world["head"]):
        sites = Site.objects.bulk_create([Site(centre=world.centre, name=f"S{i}")
                                          for i in range(3)])
        for s in sites:
            s.address = "1 High Street"
        Site.objects.bulk_update(sites, ["address"])
    rows = Site.history.filter(id__in=[s.pk for s in sites])
    assert rows.filter(history_type="+").count() == 3
    assert rows.filter(history_type="~", address="1 High Street").count() == 3
    assert {r.history_user for r in rows} == {world["head"]}


def test_a_person_change_shows_on_their_page_with_who_made_it(world, client):
    person = world["assessor"]
    services.update_person(actor=world["nominee"], centre=world.centre, person=person,
                           full_name="Alex Renamed", job_title="Teacher of PE")
    client.force_login(world["head"])
    page = client.get(f"/centres/{world.centre.pk}/people/{person.pk}/").content.decode()
    assert "Alex Renamed" in page
    history = page[page.index("<h2>History</h2>"):]
    assert world["nominee"].full_name in history
    assert "Assessor" in history  # the old name, shown as what it was before
    assert "Teacher of PE" in history


def test_an_appointment_change_shows_on_the_person_page(world, client):
    appointment = world["assessor"].appointments.get()
    services.end_appointment(actor=world["head"], appointment=appointment)
    client.force_login(world["nominee"])
    page = client.get(f"/centres/{world.centre.pk}/people/{world['assessor'].pk}/")
    history = page.content.decode().split("<h2>History</h2>")[1]
    assert "Appointment as Assessor" in history
    assert world["head"].full_name in history
    assert "Ends at" in history


def test_audit_events_cannot_be_changed_or_deleted(world):
    event = record_event(world.centre, "qmr.test.happened", actor=world["head"],
                         summary="Something happened", centre=world.centre)
    event.summary = "Rewritten"
    with pytest.raises(PermissionError):
        event.save()
    with pytest.raises(PermissionError):
        event.delete()
    with pytest.raises(PermissionError):
        AuditEvent.objects.filter(pk=event.pk).update(summary="x")
    with pytest.raises(PermissionError):
        AuditEvent.objects.filter(pk=event.pk).delete()
    assert AuditEvent.objects.get(pk=event.pk).summary == "Something happened"


def test_centre_update_records_event_and_history(world):
    services.update_centre(actor=world["head"], centre=world.centre, name="Renamed College")
    assert Centre.history.filter(id=world.centre.pk).latest("history_id").history_user \
        == world["head"]
    event = AuditEvent.objects.get(code="qmr.centre.updated")
    assert event.at <= timezone.now()
