"""The registration pages' query counts do not grow between 30 and 300 learners."""

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from registrations import services, specification
from registrations.models import Learner, RegistrationFlag

pytestmark = pytest.mark.django_db


def add_learners(world, cohort, n, start):
    Learner.objects.bulk_create([
        Learner(centre=world.centre, programme=world.programme, cohort=cohort,
                centre_ref=f"Q{start + i:05d}", first_name=f"F{i}", last_name=f"L{i}",
                date_of_birth=date(2009, 1, 1), enrolled_on=date(2026, 9, 2))
        for i in range(n)])


def grow(world, cohort, n, start):
    """n more learners: half registered, some late and flagged, one withdrawal pending."""
    add_learners(world, cohort, n, start)
    services.sign_class_list(actor=world["leader"], cohort=cohort)
    fresh = cohort.learners.filter(status="enrolled").order_by("centre_ref")[: n // 2]
    services.register_learners(actor=world["exams"], cohort=cohort,
                               numbers={lr.pk: f"G{start + i:06d}" for i, lr in enumerate(fresh)},
                               on=date(2027, 1, 5))
    for lr in cohort.learners.filter(registered_late=True)[:3]:
        services.flag_registration(actor=world["nominee"], learner=lr,
                                   kind=RegistrationFlag.Kind.LATE, description="late")


def count(client, url):
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200, url
    return len(ctx)


PAGES = [
    ("exams", "/registrations/cohorts/"),
    ("exams", "/registrations/cohorts/{cohort}/"),
    ("exams", "/registrations/cohorts/{cohort}/?status=registered&sort=status"),
    ("exams", "/registrations/cohorts/{cohort}/register/"),
    ("exams", "/registrations/queue/"),
    ("nominee", "/registrations/overview/"),
    ("leader", "/registrations/learners/{learner}/"),
    ("leader", "/registrations/checks/{check}/"),
    ("learner", "/registrations/me/"),
]


@pytest.mark.parametrize("persona,path", PAGES)
def test_registration_pages_do_not_grow(client, world, cohort, persona, path):
    world["learner"].learner.cohort = cohort
    world["learner"].learner.save(update_fields=["cohort"])
    grow(world, cohort, 30, 0)
    check = services.upload_registration_check(
        actor=world["leader"], cohort=cohort, file_name="x.csv",
        text="registration_number,first_name,last_name,date_of_birth,programme_code")
    target = cohort.learners.filter(flags__isnull=False).first()
    url = path.format(cohort=cohort.pk, learner=target.pk, check=check.pk)
    client.force_login(world[persona])
    small = count(client, url)
    grow(world, cohort, 270, 1000)
    services.upload_registration_check(  # a bigger check, to compare the same page
        actor=world["leader"], cohort=cohort, file_name="y.csv",
        text="registration_number,first_name,last_name,date_of_birth,programme_code")
    assert count(client, url) == small



@pytest.mark.parametrize("persona,path", [
    ("leader", "/registrations/programmes/"),
    ("leader", "/registrations/programmes/{programme}/"),
    ("leader", "/registrations/cohorts/{cohort}/attendance/"),
])
def test_programme_pages_do_not_grow(client, world, cohort, persona, path):


    def more(n, start):
        add_learners(world, cohort, n, start)
        unit = specification.add_unit(actor=world["leader"], programme=world.programme,
                                      number=str(start), title="U", guided_learning_hours=60,
                                      mandatory=True, externally_assessed=False)
        for i in range(1, 6):
            specification.add_criterion(actor=world["leader"], unit=unit, code=f"P{i}",
                                        learning_aim="A", text="t")
        services.record_attendance(
            actor=world["leader"], cohort=cohort, held_on=timezone.localdate(),
            title=f"L{start}", marks={lr.pk: "present" for lr in cohort.learners.all()})

    url = path.format(cohort=cohort.pk, programme=world.programme.pk)
    client.force_login(world[persona])
    more(30, 0)
    small = count(client, url)
    more(270, 1000)
    assert count(client, url) == small
