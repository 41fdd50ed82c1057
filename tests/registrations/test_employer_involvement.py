"""Employer involvement: the Programme Leader plans activities and records who took part; an
internal verifier who did not organise the activity verifies a sample of them."""

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied

from qmr.errors import DomainError
from qmr.models import AuditEvent
from registrations.employer_involvement import selectors, services
from registrations.employer_involvement.models import EmployerActivity, Participation
from registrations.models import Unit
from tests.factories import LearnerFactory

pytestmark = pytest.mark.django_db

MEANINGFUL = EmployerActivity.Outcome.MEANINGFUL


def plan(world, year, actor=None, **kw):
    fields = {"title": "Coaching session", "employer": "Riverside Harriers",
              "held_on": date(2026, 10, 14), **kw}
    return services.plan_activity(actor=actor or world["leader"], programme=world.programme,
                                  year=year, **fields)


@pytest.fixture
def activity(world, year):
    return plan(world, year)


def test_the_leader_plans_an_activity_for_units_of_the_programme(world, year):
    unit = Unit.objects.create(programme=world.programme, number="2", title="Coaching")
    activity = plan(world, year, units=[unit])
    assert activity.organised_by == world["leader"]
    assert list(activity.units.all()) == [unit]
    assert activity.history.count() == 1
    assert AuditEvent.objects.filter(code="registrations.employer_activity.planned").exists()


def test_the_quality_nominee_plans_too(world, year):
    assert plan(world, year, actor=world["nominee"]).organised_by == world["nominee"]


@pytest.mark.parametrize("persona", ["assessor", "iv", "exams", "slt", "outsider"])
def test_others_cannot_plan(world, year, persona):
    with pytest.raises(PermissionDenied):
        plan(world, year, actor=world[persona])
    assert not EmployerActivity.objects.exists()


def test_a_unit_of_another_programme_or_a_date_outside_the_year_is_refused(world, year):
    stray = Unit.objects.create(programme=world.other_programme, number="7", title="Other")
    with pytest.raises(DomainError, match="Unit 7: Other is not part of"):
        plan(world, year, units=[stray])
    with pytest.raises(DomainError, match="outside the 2026/27 academic year"):
        plan(world, year, held_on=date(2027, 9, 1))
    assert not EmployerActivity.objects.exists()


def test_participation_is_recorded_per_learner_and_changed_with_history(world, activity):
    first, second = LearnerFactory.create_batch(2, programme=world.programme)
    services.record_participation(actor=world["leader"], activity=activity,
                                  learners=[first, second])
    services.record_participation(actor=world["nominee"], activity=activity, learners=[second],
                                  took_part=False, notes="Ill on the day.")
    rows = {p.learner: p for p in Participation.objects.filter(activity=activity)}
    assert rows[first].took_part and not rows[second].took_part
    assert rows[second].notes == "Ill on the day." and rows[second].recorded_by == world["nominee"]
    assert rows[second].history.count() == 2


def test_learners_of_another_programme_are_refused_by_name(world, activity):
    ours = LearnerFactory(programme=world.programme)
    theirs = LearnerFactory(programme=world.other_programme, first_name="Zed", last_name="Ng")
    with pytest.raises(DomainError, match="Zed Ng is not on"):
        services.record_participation(actor=world["leader"], activity=activity,
                                      learners=[ours, theirs])
    assert not Participation.objects.exists()


def test_an_assessor_cannot_record_participation(world, activity):
    with pytest.raises(PermissionDenied):
        services.record_participation(actor=world["assessor"], activity=activity,
                                      learners=[LearnerFactory(programme=world.programme)])
    assert not Participation.objects.exists()


def took_part(world, activity):
    services.record_participation(actor=world["leader"], activity=activity,
                                  learners=[LearnerFactory(programme=world.programme)])


@pytest.mark.parametrize("persona", ["iv", "lead_iv"])
def test_an_internal_verifier_verifies_it(world, activity, persona):
    took_part(world, activity)
    services.verify_activity(actor=world[persona], activity=activity, outcome=MEANINGFUL,
                             notes="Observed it.")
    activity.refresh_from_db()
    assert (activity.verified_by, activity.outcome) == (world[persona], MEANINGFUL)
    assert activity.verified_on is not None
    with pytest.raises(DomainError, match="was verified on"):
        services.verify_activity(actor=world["iv"], activity=activity, outcome="not_meaningful")


def test_the_organiser_cannot_verify_their_own_activity(world, year):
    from tests.conftest import appoint

    leader_and_iv = world["leader"]
    appoint(world.centre, leader_and_iv.email, "internal_verifier", world.programme)
    activity = plan(world, year, actor=leader_and_iv)
    took_part(world, activity)
    with pytest.raises(DomainError, match="You organised this activity"):
        services.verify_activity(actor=leader_and_iv, activity=activity, outcome=MEANINGFUL)
    activity.refresh_from_db()
    assert activity.verified_on is None and activity.outcome == ""


@pytest.mark.parametrize("persona", ["leader", "nominee", "assessor"])
def test_only_internal_verifiers_verify(world, activity, persona):
    took_part(world, activity)
    with pytest.raises(PermissionDenied):
        services.verify_activity(actor=world[persona], activity=activity, outcome=MEANINGFUL)
    activity.refresh_from_db()
    assert activity.verified_on is None


def test_an_activity_nobody_is_recorded_on_is_not_verified(world, activity):
    with pytest.raises(DomainError, match="Record which learners took part"):
        services.verify_activity(actor=world["iv"], activity=activity, outcome=MEANINGFUL)


def test_records_are_kept_three_years_after_the_last_certificate(world, activity):
    from registrations.models import Claim, ClaimEntry, StudentReport

    learners = LearnerFactory.create_batch(2, programme=world.programme)
    services.record_participation(actor=world["leader"], activity=activity, learners=learners)
    assert selectors.keep_until(activity) is None
    assert "not yet certificated" in selectors.retention_text(activity)
    claim = Claim.objects.create(programme=world.programme, submitted_by=world["exams"],
                                 deadline=date(2028, 7, 1))
    for learner, received in zip(learners, (date(2028, 8, 20), date(2028, 2, 29)), strict=True):
        report = StudentReport.objects.create(learner=learner, units=[], points=0,
                                              grade="P", completed_by=world["exams"])
        ClaimEntry.objects.create(claim=claim, learner=learner, report=report,
                                  certificate_received_on=received)
    assert selectors.keep_until(activity) == date(2031, 8, 20)
    annotated = selectors.with_retention(EmployerActivity.objects.filter(pk=activity.pk)).get()
    assert selectors.keep_until(annotated) == date(2031, 8, 20)
    assert "20 August 2031" in selectors.retention_text(annotated)


def test_evidence_names_programmes_without_activity_and_unverified(world, year):
    from qmr.evidence import Status
    from registrations.employer_involvement import evidence

    assert evidence.employer_involvement(world.centre).status == Status.MISSING
    activity = plan(world, year)
    result = evidence.employer_involvement(world.centre)
    assert result.status == Status.WEAK
    assert any("no employer activity with participation" in r.label for r in result.records)
    took_part(world, activity)
    result = evidence.employer_involvement(world.centre)
    assert result.status == Status.WEAK and "not verified" in result.records[0].label
    services.verify_activity(actor=world["iv"], activity=activity, outcome=MEANINGFUL)
    result = evidence.employer_involvement(world.centre)
    assert result.status == Status.IN_PLACE
    assert result.records[0].url.endswith(f"/employer-activities/{activity.pk}/")
