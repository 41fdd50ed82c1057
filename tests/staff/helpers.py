"""Staff records for the staff tests, made through the real services."""

from datetime import date
from decimal import Decimal

from qmr import services as core
from qmr.models import AcademicYear
from qmr.staff import services


def year(world, centre=None) -> AcademicYear:
    """The suite day's academic year, 2026/27, at the centre."""
    centre = centre or world.centre
    return (AcademicYear.objects.filter(centre=centre, name="2026/27").first()
            or core.add_academic_year(actor=None, centre=centre, name="2026/27",
                                      starts_on=date(2026, 9, 1), ends_on=date(2027, 7, 31)))


def training(world, person="assessor", actor=None, hours="3", kind="cpd",
             held_on=date(2026, 10, 14)):
    year(world)
    return services.add_training(actor=world[actor or person], centre=world.centre,
                                 person=world[person], kind=kind, title="Awarding body update",
                                 held_on=held_on, hours=Decimal(hours))
