"""A review cycle at centre A for 2026/27 on the seeds' cycle: the reviewer persona allocated
(their access extended to 31 July 2027) and the visit agreed for 10 March 2027."""

from dataclasses import dataclass
from datetime import date
from typing import Any

import pytest

from qmr import services as core
from qmr.framework.models import FrameworkVersion
from qmr.models import Appointment
from qmr.review import services
from qmr.review.models import ReviewCycle, ReviewVisit, VisitMode
from qmr.roles import Role

VISIT_DAY = date(2027, 3, 10)


@dataclass
class Review:
    cycle: ReviewCycle
    visit: ReviewVisit
    reviewer_appointment: Appointment


def make_year(centre: Any, start: int) -> Any:
    """The centre's academic year starting in `start`, with three terms (reused if there)."""
    existing = centre.academic_years.filter(name=f"{start}/{start + 1 - 2000}").first()
    if existing is not None:
        return existing
    year = core.add_academic_year(actor=None, centre=centre, name=f"{start}/{start + 1 - 2000}",
                                  starts_on=date(start, 8, 1), ends_on=date(start + 1, 7, 31))
    for name, first, last in (("Autumn", date(start, 9, 1), date(start, 12, 18)),
                              ("Spring", date(start + 1, 1, 5), date(start + 1, 3, 26)),
                              ("Summer", date(start + 1, 4, 12), date(start + 1, 7, 16))):
        core.add_term(actor=None, year=year, name=name, starts_on=first, ends_on=last)
    return year


def open_review(world: Any, centre: Any = None, slug: str = "qmr-2016-17",
                start: int = 2026) -> Review:
    centre = centre or world.centre
    year = make_year(centre, start)
    cycle = services.open_cycle(actor=world["nominee"], centre=centre, academic_year=year,
                                version=FrameworkVersion.objects.get(slug=slug))
    appointment = Appointment.objects.get(person=world["reviewer"], role=Role.QUALITY_REVIEWER)
    Appointment.objects.filter(pk=appointment.pk).update(ends_at=core.end_of_day(
        date(start + 1, 7, 31)))
    appointment.refresh_from_db()
    visit = services.allocate_reviewer(actor=world["nominee"], cycle=cycle, reviewer=appointment)
    mode = VisitMode.VISIT if slug == "qmr-2016-17" else VisitMode.CHECK_IN
    visit = services.arrange_visit(actor=world["nominee"], visit=visit,
                                   held_on=VISIT_DAY.replace(year=start + 1), mode=mode,
                                   agenda="Meet the Quality Nominee", wants_to_meet="Six learners")
    return Review(cycle, visit, appointment)


@pytest.fixture
def review(world: Any) -> Review:
    return open_review(world)
