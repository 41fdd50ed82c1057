"""The tracking grids read the same number of queries for 20 learners as for 200."""

from datetime import date, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from assessment import services
from assessment.models import (
    Attempt,
    CriterionResult,
    Decision,
    Resubmission,
    Submission,
)
from qmr import services as qmr_services
from registrations import services as registration_services
from registrations import specification
from registrations.models import Learner, LearnerStatus
from tests.assessment.conftest import brief_answers
from verification import briefs as briefs_iv

pytestmark = pytest.mark.django_db

UNITS = {"1": ["P1", "P2", "P3", "M1", "M2", "D1"], "2": ["P1", "P2", "M1", "D1"],
         "3": ["P1", "M1", "D1"]}


@pytest.fixture
def planned(world):
    """A cohort with three units and one issued brief per unit, set up through the services."""
    today = timezone.localdate()
    year = qmr_services.add_academic_year(actor=None, centre=world.centre, name="Count year",
                                          starts_on=today - timedelta(days=120),
                                          ends_on=today + timedelta(days=240))
    cohort = registration_services.create_cohort(
        actor=world["exams"], programme=world.programme, academic_year=year,
        name="Count cohort", starts_on=year.starts_on, expected_end_on=year.ends_on)
    plan = services.start_plan(actor=world["leader"], programme=world.programme,
                               academic_year=year)
    units, briefs = [], []
    for number, codes in UNITS.items():
        unit = specification.add_unit(actor=world["leader"], programme=world.programme,
                                      number=number, title=f"Unit {number}",
                                      guided_learning_hours=60, mandatory=True,
                                      externally_assessed=False)
        criteria = [specification.add_criterion(actor=world["leader"], unit=unit, code=code,
                                                learning_aim="A", text=code) for code in codes]
        units.append(unit)
        briefs.append((services.add_assignment(
            actor=world["leader"], plan=plan, title=f"Brief {number}", criteria=criteria,
            hand_out_on=today - timedelta(days=20), deadline=today + timedelta(days=10),
            assessor=world["assessor"], internal_verifier=world["iv"],
            verify_brief_by=today - timedelta(days=21), tasks="1. Do the work."), criteria))
    services.sign_off_plan(actor=world["lead_iv"], plan=plan)
    for assignment, _ in briefs:
        briefs_iv.verify_brief(actor=world["iv"], assignment=assignment, outcome="fit",
                               answers=brief_answers())
        services.issue_brief(actor=world["assessor"], assignment=assignment, cohort=cohort)
    return cohort, units, briefs


def grow(world, cohort, briefs, n, start):
    """n more learners, each with a decision on every brief; every fifth decision corrected,
    every seventh submission late, every ninth with an authorised resubmission pending.

    Bulk-created rows, for speed at 200 learners: the states themselves are built through the
    services in test_grid.py.
    """
    Learner.objects.bulk_create([
        Learner(centre=world.centre, programme=world.programme, cohort=cohort,
                centre_ref=f"Q{start + i:05d}", first_name=f"F{i}", last_name=f"L{start + i}",
                date_of_birth=date(2009, 1, 1), status=LearnerStatus.REGISTERED)
        for i in range(n)])
    learners = list(Learner.objects.filter(cohort=cohort, centre_ref__gte=f"Q{start:05d}"))
    assessor, now = world["assessor"], timezone.now()
    subs = Submission.objects.bulk_create([
        Submission(assignment=a, learner=lr, submitted_by=assessor, deadline=a.deadline,
                   late=(lr.pk + a.pk) % 7 == 0, declaration_signed_at=now)
        for lr in learners for a, _ in briefs])
    decisions = Decision.objects.bulk_create([
        Decision(submission=s, assessor=assessor, authentic=True, feedback="ok")
        for s in subs])
    criteria = {a.pk: targets for a, targets in briefs}
    results = [CriterionResult(decision=d, criterion=c, achieved=(d.pk + c.pk) % 3 > 0)
               for d in decisions for c in criteria[d.submission.assignment_id]]
    corrected = [d for d in decisions if d.pk % 5 == 0]
    fixes = Decision.objects.bulk_create([
        Decision(submission=d.submission, assessor=assessor, authentic=True, feedback="fixed",
                 supersedes=d, correction_reason="typo") for d in corrected])
    results += [CriterionResult(decision=f, criterion=c, achieved=True)
                for f in fixes for c in criteria[f.submission.assignment_id]]
    CriterionResult.objects.bulk_create(results)
    Resubmission.objects.bulk_create([
        Resubmission(submission=s, status=Resubmission.Status.AUTHORISED, requested_by=assessor,
                     deadline=date.today()) for s in subs if s.pk % 9 == 0])
    resubmitted = [s for s in subs if s.pk % 18 == 0]
    again = Submission.objects.bulk_create([
        Submission(assignment=s.assignment, learner=s.learner, submitted_by=assessor,
                   attempt=Attempt.RESUBMISSION, deadline=s.deadline,
                   declaration_signed_at=now) for s in resubmitted])
    Decision.objects.bulk_create([Decision(submission=s, assessor=assessor, authentic=True,
                                           feedback="resubmission") for s in again])


def count(client, url):
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(ctx), response


@pytest.mark.parametrize("name", ["grid-unit", "grid-cohort", "grid-unit-csv",
                                  "grid-cohort-csv"])
def test_grids_do_not_grow_with_the_cohort(client, world, planned, name):
    cohort, units, briefs = planned
    kwargs = {"cohort_id": cohort.pk}
    if name.startswith("grid-unit"):
        kwargs["unit_id"] = units[0].pk
    url = reverse(f"assessment:{name}", kwargs=kwargs)
    client.force_login(world["lead_iv"])
    grow(world, cohort, briefs, 20, 0)
    small, response = count(client, url)
    assert response.content.count(b"Q000") == 20  # every learner is on the page
    grow(world, cohort, briefs, 180, 20)
    large, response = count(client, url)
    assert response.content.count(b"Q00") == 200
    assert small == large
    assert large <= 14, large


def test_the_learners_own_view_is_constant_too(client, world, planned):
    cohort, units, briefs = planned
    me = world["learner"].learner
    me.cohort, me.status = cohort, LearnerStatus.REGISTERED
    me.save(update_fields=["cohort", "status"])
    client.force_login(world["learner"])
    urls = [reverse("assessment:grid-unit", kwargs={"cohort_id": cohort.pk,
                                                    "unit_id": units[0].pk}),
            reverse("assessment:grid-cohort", kwargs={"cohort_id": cohort.pk})]
    grow(world, cohort, briefs, 20, 0)
    small = [count(client, url)[0] for url in urls]
    grow(world, cohort, briefs, 180, 20)
    assert [count(client, url)[0] for url in urls] == small
