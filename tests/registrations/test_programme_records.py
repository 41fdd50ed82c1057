"""Units and criteria (typed in or imported), attendance, external assessment entries."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from qmr.errors import DomainError, TransitionNotAllowed
from registrations import services, specification
from registrations.models import AttendanceMark, ExternalEntry
from tests.registrations.conftest import numbers_for

pytestmark = pytest.mark.django_db


@pytest.fixture
def unit(world):
    return specification.add_unit(actor=world["leader"], programme=world.programme,
                                  number="3", title="Professional Development",
                                  guided_learning_hours=60, mandatory=True,
                                  externally_assessed=False)


def test_programme_leader_types_in_a_criterion(world, unit):
    criterion = specification.add_criterion(actor=world["leader"], unit=unit, code="m2",
                                            learning_aim="b", text="Analyse the plan.")
    assert (criterion.code, criterion.band, criterion.learning_aim) == ("M2", "M", "B")


def test_a_code_that_is_not_a_criterion_is_refused(world, unit):
    with pytest.raises(DomainError, match="not a criterion code"):
        specification.add_criterion(actor=world["leader"], unit=unit, code="X1",
                                    learning_aim="", text="Anything")


def test_assessor_cannot_change_the_specification(world, unit):
    with pytest.raises(PermissionDenied):
        specification.add_criterion(actor=world["assessor"], unit=unit, code="P1",
                                    learning_aim="A", text="Describe.")


def test_register_taken_on_the_day(world, cohort):
    learners = list(cohort.learners.all())
    session = services.record_attendance(
        actor=world["assessor"], cohort=cohort, held_on=timezone.localdate(), title="Lesson 1",
        marks={learners[0].pk: "present", learners[1].pk: "absent"})
    marks = AttendanceMark.objects.filter(session=session)
    assert {m.mark for m in marks} == {"present", "absent"}
    assert all(m.recorded_same_day for m in marks)


def test_a_register_for_a_past_day_shows_it_was_not_taken_on_the_day(world, cohort):
    learner = cohort.learners.first()
    session = services.record_attendance(
        actor=world["leader"], cohort=cohort, held_on=timezone.localdate() - timedelta(days=3),
        title="Catch-up", marks={learner.pk: "late"})
    assert not session.marks.get().recorded_same_day


def test_register_for_a_future_day_is_refused(world, cohort):
    with pytest.raises(DomainError, match="has not come yet"):
        services.record_attendance(actor=world["leader"], cohort=cohort,
                                   held_on=timezone.localdate() + timedelta(days=1),
                                   title="x", marks={cohort.learners.first().pk: "present"})


def test_entry_is_requested_entered_and_checked_by_the_right_people(world, signed):
    services.register_learners(actor=world["exams"], cohort=signed, numbers=numbers_for(signed))
    exam_unit = specification.add_unit(actor=world["leader"], programme=world.programme,
                                       number="1", title="Anatomy", guided_learning_hours=120,
                                       mandatory=True, externally_assessed=True)
    learner = signed.learners.first()
    entry = services.request_entry(actor=world["leader"], learner=learner, unit=exam_unit,
                                   series="May/June 2027")
    with pytest.raises(PermissionDenied):
        services.check_entry(actor=world["exams"], entry=entry)
    with pytest.raises(TransitionNotAllowed):
        services.check_entry(actor=world["leader"], entry=entry)
    services.enter_entry(actor=world["exams"], entry=entry)
    services.check_entry(actor=world["leader"], entry=entry)
    entry.refresh_from_db()
    assert entry.status == ExternalEntry.Status.CHECKED
    assert (entry.requested_by, entry.entered_by, entry.checked_by) == (
        world["leader"], world["exams"], world["leader"])


def test_an_unregistered_learner_cannot_be_entered(world, cohort):
    exam_unit = specification.add_unit(actor=world["leader"], programme=world.programme,
                                       number="1", title="Anatomy", guided_learning_hours=120,
                                       mandatory=True, externally_assessed=True)
    with pytest.raises(DomainError, match="must be registered"):
        services.request_entry(actor=world["leader"], learner=cohort.learners.first(),
                               unit=exam_unit, series="May 2027")
    assert not ExternalEntry.objects.exists()
