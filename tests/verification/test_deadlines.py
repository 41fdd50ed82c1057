"""Verification deadlines: briefs to verify before hand-out, sampled work, remedial actions,
the Lead IV's year and the standards verification sample."""

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from assessment.models import Assignment
from qmr.deadlines import registry
from tests.assessment.conftest import brief_answers
from tests.verification.test_decision_iv import GOOD, checks
from verification import services
from verification.briefs import verify_brief
from verification.models import RemedialAction
from verification.standards import services as sv_services
from verification.standards.models import SampleRound

pytestmark = pytest.mark.django_db

TODAY = date(2026, 11, 23)  # the suite's day


def collect(kind, centre, today=TODAY):
    return list({s.kind: s for s in registry.sources()}[kind].collect(centre, today))


def test_a_brief_not_verified_is_due_by_its_verify_by_date(world, assignment):
    [due] = collect("verification.brief", world.centre)
    assert (due.key, due.due_on, due.owner_id) == (
        f"verification.brief:{assignment.pk}", date(2026, 10, 1), world["iv"].pk)
    assert due.title == (f"Verify the brief for Careers in sport ({world.programme}) before "
                         f"hand-out on 5 October 2026")
    assert collect("verification.brief", world.other_centre) == []


def test_a_brief_verified_fit_is_met(world, assignment):
    verify_brief(actor=world["iv"], assignment=assignment, outcome="fit",
                 answers=brief_answers())
    assert collect("verification.brief", world.centre) == []


def test_a_brief_found_not_fit_is_still_due(world, assignment):
    verify_brief(actor=world["iv"], assignment=assignment, outcome="not_fit",
                 answers=brief_answers(no=("scenario",)), comments="Scenario too thin.",
                 actions=[("Rewrite the scenario", date(2026, 11, 30))])
    assert [d.owner_id for d in collect("verification.brief", world.centre)] == [world["iv"].pk]


@pytest.fixture
def sampled(world, assessed):
    submission, _ = assessed
    return services.choose_for_sample(actor=world["lead_iv"], submission=submission,
                                      verifier=world["iv"], due_on=date(2026, 12, 1))


def verify(world, assessed):
    submission, decision = assessed
    return services.verify_decision(actor=world["iv"], submission=submission,
                                    checks=checks(decision), feedback=GOOD, declared=True)


def test_sampled_work_is_due_to_its_verifier_until_verified(world, assessed, sampled):
    [due] = collect("verification.sample", world.centre)
    learner = world["learner"].learner
    assert (due.due_on, due.owner_id) == (date(2026, 12, 1), world["iv"].pk)
    assert due.title == f"Verify {learner}'s work on Careers in sport"
    assert collect("verification.sample", world.other_centre) == []
    verify(world, assessed)
    assert collect("verification.sample", world.centre) == []


def test_a_remedial_action_is_due_to_whoever_acts_until_closed(world, assessed):
    verification = verify(world, assessed)
    reassess = services.raise_remedial_action(
        actor=world["iv"], verification=verification, kind=RemedialAction.Kind.REASSESS,
        description="Re-check P2.", due_on=date(2026, 12, 4))
    services.raise_remedial_action(actor=world["iv"], verification=verification,
                                   kind=RemedialAction.Kind.RESAMPLE,
                                   description="Sample the cohort.", due_on=date(2026, 12, 11))
    dues = collect("verification.remedial_action", world.centre)
    assert [(d.due_on, d.owner_id) for d in dues] == [
        (date(2026, 12, 4), world["assessor"].pk), (date(2026, 12, 11), world["iv"].pk)]
    assert dues[0].title.startswith("Re-assess the work (")
    services.close_remedial_action(actor=world["lead_iv"], action=reassess, note="Done.")
    assert len(collect("verification.remedial_action", world.centre)) == 1
    assert collect("verification.remedial_action", world.other_centre) == []


def test_the_lead_ivs_year_is_due_until_registered_and_standardised(world, year):
    [due] = collect("verification.lead_iv_registration", world.centre)
    area = world.subject_area
    assert (due.due_on, due.owner_id) == (date(2027, 7, 31), world["lead_iv"].pk)
    assert due.title == (f"Register the Lead IV for {area.name} with the awarding body for "
                         f"2026/27")
    registration = services.register_lead_iv(actor=world["nominee"], subject_area=area,
                                             academic_year=year, person=world["lead_iv"],
                                             registered_on=date(2026, 9, 10))
    [due] = collect("verification.lead_iv_registration", world.centre)
    assert due.title.startswith("Complete the Lead IV's standardisation for")
    services.record_standardisation(actor=world["nominee"], registration=registration,
                                    on=date(2026, 10, 1), evidence="Online module passed.")
    assert collect("verification.lead_iv_registration", world.centre) == []
    assert collect("verification.lead_iv_registration", world.other_centre) == []


@pytest.fixture
def sv(world, year):
    return sv_services.record_standards_verification(
        actor=world["nominee"], programme=world.programme, academic_year=year,
        control_level="standard", verifier=world["sv"], window_opens=date(2026, 11, 1),
        window_closes=date(2027, 5, 15))


def test_the_standards_sample_is_due_by_the_window_closing_until_provided(world, sv):
    [due] = collect("verification.standards_window", world.centre)
    assert (due.key, due.due_on, due.owner_id) == (
        f"verification.standards_window:{sv.pk}:1", date(2027, 5, 15), world["lead_iv"].pk)
    assert due.title.startswith(f"Provide the sample for the standards verification of "
                                f"{world.programme} (2026/27)")
    sample = SampleRound.objects.create(standards_verification=sv, requested_on=TODAY,
                                        requested_by=world["lead_iv"])
    [due] = collect("verification.standards_window", world.centre)
    assert due.key == f"verification.standards_window:{sv.pk}:1"
    SampleRound.objects.filter(pk=sample.pk).update(provided_on=TODAY)
    assert collect("verification.standards_window", world.centre) == []
    assert collect("verification.standards_window", world.other_centre) == []


KINDS = [k for k in (s.kind for s in registry.sources()) if k.startswith("verification.")]


def sweep_queries(centre):
    with CaptureQueriesContext(connection) as queries:
        for kind in KINDS:
            collect(kind, centre)
    return len(queries)


def unissued_brief(world, plan, assignment, i):
    brief = Assignment.objects.create(
        plan=plan, title=f"Brief {i}", hand_out_on=date(2027, 1, 11),
        deadline=date(2027, 2, 5), assessor=world["assessor"], internal_verifier=world["iv"],
        verify_brief_by=date(2027, 1, 8), tasks="1. Do the work.")
    brief.criteria.set(assignment.criteria.all())


def test_a_sweep_costs_the_same_queries_whatever_the_centre_size(world, assessed, sampled,
                                                                assignment, plan, sv):
    verification = verify(world, assessed)
    services.raise_remedial_action(actor=world["iv"], verification=verification,
                                   kind=RemedialAction.Kind.TRAINING, description="Training.",
                                   due_on=date(2026, 12, 4))
    unissued_brief(world, plan, assignment, 0)
    sweep_queries(world.centre)  # content types cached
    small = sweep_queries(world.centre)
    for i in range(1, 6):
        unissued_brief(world, plan, assignment, i)
        services.raise_remedial_action(actor=world["iv"], verification=verification,
                                       kind=RemedialAction.Kind.RESAMPLE,
                                       description=f"Re-sample {i}.", due_on=date(2026, 12, 4))
    verify_brief(actor=world["iv"], assignment=Assignment.objects.get(title="Brief 1"),
                 outcome="fit", answers=brief_answers())
    assert sweep_queries(world.centre) == small
