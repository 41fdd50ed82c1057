"""Released results of an issued assignment, one per learner of the cohort, and appeals
against them, made through the real services."""

import pytest

from appeals.decisions import services
from assessment import services as assessment
from tests.assessment.conftest import (  # noqa: F401
    all_results,
    assignment,
    cohort,
    hand_in,
    issued,
    plan,
    unit,
    year,
)


@pytest.fixture
def released(world, issued, assignment):  # noqa: F811
    """Each learner's work decided (P1 only achieved) and released; {learner pk: decision}."""
    decisions = {}
    for learner in issued.cohort.learners.order_by("pk"):
        work = hand_in(world, assignment, learner)
        decision = assessment.record_decision(
            actor=world["assessor"], submission=work, results=all_results(assignment),
            feedback="P1 met; P2 and M1 not yet.", authentic=True)
        decisions[learner.pk] = assessment.release_result(actor=world["assessor"],
                                                          decision=decision)
    return decisions


@pytest.fixture
def mine(world, released):
    """The learner persona's result."""
    return released[world["learner"].learner.pk]


@pytest.fixture
def appeal(world, mine):
    return services.lodge_appeal(actor=world["learner"], decision=mine,
                                 grounds="My P2 comparison is on page 3.")


def decide(world, appeal, who, outcome="not_upheld", **kw):
    stage = services.current_stage(appeal)
    return services.decide_stage(actor=world[who], stage=stage, outcome=outcome,
                                 reasons=kw.pop("reasons", "Looked at the work again."), **kw)


def upheld_results(work, achieved=("P1", "P2")):
    """The corrected result for `work` (an assignment): `achieved` met, the rest not."""
    return {c.pk: (c.code in achieved, "") for c in work.criteria.all()}
