"""Assessment deadlines: hand-in deadlines of issued briefs (extensions respected) and
authorised resubmissions, owned by the assessor."""

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from assessment import services
from assessment.models import Attempt
from qmr.deadlines import registry
from tests.assessment.conftest import all_results, hand_in
from tests.factories import LearnerFactory

pytestmark = pytest.mark.django_db

TODAY = date(2026, 11, 23)  # the suite's day


def collect(kind, centre, today=TODAY):
    return list({s.kind: s for s in registry.sources()}[kind].collect(centre, today))


def test_an_issued_brief_is_due_while_learners_have_not_handed_in(world, issued, assignment):
    [due] = collect("assessment.assignment", world.centre)
    assert due.key == f"assessment.assignment:{issued.pk}"
    assert (due.due_on, due.owner_id) == (date(2026, 11, 6), world["assessor"].pk)
    assert due.title == "Hand-in deadline: Careers in sport (Year 12) — 4 learners still to hand in"


def test_handed_in_work_no_longer_counts(world, issued, assignment, cohort):
    for learner in cohort.learners.all():
        hand_in(world, assignment, learner)
    assert collect("assessment.assignment", world.centre) == []


def test_an_extension_moves_the_learners_date(world, issued, assignment):
    learner = world["learner"].learner
    services.agree_extension(actor=world["assessor"], assignment=assignment, learner=learner,
                             new_deadline=date(2026, 12, 4), reason="Illness.")
    dues = collect("assessment.assignment", world.centre)
    assert [(d.due_on, d.title.rsplit("— ", 1)[1]) for d in dues] == [
        (date(2026, 11, 6), "3 learners still to hand in"),
        (date(2026, 12, 4), "1 learner still to hand in")]
    assert dues[1].key == f"assessment.assignment:{issued.pk}:2026-12-04"


def test_withdrawn_learners_and_other_centres_do_not_count(world, issued, assignment, cohort):
    LearnerFactory(programme=world.programme, cohort=cohort, status="withdrawn")
    [due] = collect("assessment.assignment", world.centre)
    assert due.title.endswith("4 learners still to hand in")
    assert collect("assessment.assignment", world.other_centre) == []


@pytest.fixture
def authorised(world, issued, assignment):
    work = hand_in(world, assignment)
    decision = services.record_decision(actor=world["assessor"], submission=work,
                                        results=all_results(assignment), feedback="Nearly.",
                                        authentic=True, can_improve_without_guidance=True)
    services.release_result(actor=world["assessor"], decision=decision)
    services.confirm_received(actor=world["assessor"], decision=decision, on=date(2026, 11, 9))
    request = services.request_resubmission(actor=world["assessor"], submission=work)
    return services.authorise_resubmission(actor=world["lead_iv"], request=request,
                                           deadline=date(2026, 11, 20))


def test_an_authorised_resubmission_is_due_by_its_deadline(world, authorised):
    [due] = collect("assessment.resubmission", world.centre)
    learner = world["learner"].learner
    assert (due.due_on, due.owner_id) == (date(2026, 11, 20), world["assessor"].pk)
    assert due.title == f"Resubmission of Careers in sport by {learner} due 20 November 2026"
    assert collect("assessment.resubmission", world.other_centre) == []


def test_a_resubmission_handed_in_is_met(world, authorised, assignment):
    hand_in(world, assignment, attempt=Attempt.RESUBMISSION, handed_in_on=date(2026, 11, 19))
    assert collect("assessment.resubmission", world.centre) == []


def sweep_queries(centre):
    with CaptureQueriesContext(connection) as queries:
        collect("assessment.assignment", centre)
        collect("assessment.resubmission", centre)
    return len(queries)


def test_the_sources_cost_the_same_queries_whatever_the_centre_size(world, authorised,
                                                                  assignment, cohort):
    small = sweep_queries(world.centre)
    for i in range(10):
        learner = LearnerFactory(programme=world.programme, cohort=cohort,
                                 centre_ref=f"B{i:03d}")
        services.agree_extension(actor=world["assessor"], assignment=assignment,
                                 learner=learner, new_deadline=date(2026, 12, 1 + i % 3),
                                 reason="Illness.")
    assert sweep_queries(world.centre) == small
