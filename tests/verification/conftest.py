"""Assessed work of our programme, ready to be verified (reuses the assessment fixtures)."""

import pytest

from assessment import services as assessment
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


@pytest.fixture
def assessed(world, issued, assignment):  # noqa: F811
    submission = hand_in(world, assignment)
    decision = assessment.record_decision(actor=world["assessor"], submission=submission,
                                          results=all_results(assignment, ("P1", "P2")),
                                          feedback="Clear; P2 met on page 3.", authentic=True)
    return submission, decision
