"""A registered learner whose one mandatory unit is passed on a released result: what a claim
rests on (reuses the assessment fixtures)."""

import pytest

from assessment import services as assessment
from assessment.models import GradingScheme
from tests.assessment.conftest import (  # noqa: F401  (fixtures)
    all_results,
    assignment,
    cohort,
    hand_in,
    issued,
    plan,
    unit,
    year,
)


def assess(world, assignment, learner=None, achieved=("P1", "P2"), release=True):  # noqa: F811
    submission = hand_in(world, assignment, learner)
    decision = assessment.record_decision(actor=world["assessor"], submission=submission,
                                          results=all_results(assignment, achieved),
                                          feedback="P1 and P2 met.", authentic=True)
    if release:
        assessment.release_result(actor=world["assessor"], decision=decision)
    return decision


@pytest.fixture
def claimable(world, issued, assignment):  # noqa: F811
    """The learner persona, with unit 3 passed (P1, P2) and the result released."""
    GradingScheme.objects.create(programme=world.programme, minimum_points=1)
    assess(world, assignment)
    return world["learner"].learner
