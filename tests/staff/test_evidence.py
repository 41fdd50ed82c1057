"""QO.1.3 and QO.2.4 evidence computed from the staff records and appointments."""

import pytest

from qmr import services as core
from qmr.evidence import Status
from qmr.models import Appointment
from qmr.staff.evidence import development, roles_filled
from qmr.staff.selectors import staff_list
from tests.staff.helpers import training, year

pytestmark = pytest.mark.django_db


def test_development_names_staff_with_no_training_this_year(world):
    training(world, person="assessor")
    evidence = development(world.centre)
    assert evidence.status == Status.WEAK
    assert "Assessor" not in evidence.summary.split("None recorded for:")[1]
    assert "Iv" in evidence.summary
    assert any(r.label.startswith("Assessor: 3 hours") for r in evidence.records)


def test_development_is_in_place_when_everyone_has_training(world):
    year(world)
    for p in staff_list(world.centre, year(world)):
        training(world, person=next(k for k, v in world.people.items() if v == p),
                 actor="nominee")
    assert development(world.centre).status == Status.IN_PLACE


def test_roles_filled_names_the_vacancies(world):
    assert roles_filled(world.centre).status == Status.IN_PLACE
    core.end_appointment(actor=None, appointment=Appointment.objects.get(
        person=world["nominee"]))
    evidence = roles_filled(world.centre)
    assert evidence.status == Status.MISSING and "No Quality Nominee" in evidence.summary
