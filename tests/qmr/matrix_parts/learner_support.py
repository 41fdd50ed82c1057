"""Permission matrix rows for learner induction, learning plans and tutorial reviews.

Our side's learner is the learner persona's own record (in the target's cohort). The
programme's team records; the Exams Officer and the centre's senior roles read; the learner
reads their own."""

from typing import Any

from tests.qmr.matrix_support import ALL, READ, expect

TEAM = {"leader", "lead_iv", "iv", "assessor"}  # the programme's tutors


def build(target: Any, world: Any, side: str) -> None:
    target.support_learner = world["learner"].learner if side == "own" else target.learner


def learner(t: Any) -> dict:
    return {"pk": t.support_learner.pk}


ROWS = {
    "registrations:cohort-support": (lambda t: {"pk": t.cohort.pk}, "get", None, expect(READ)),
    "registrations:learner-support": (learner, "get", None, expect(READ | {"learner"})),
    # Empty forms are shown again with what is missing (400) to those who may record.
    "registrations:learner-induction": (learner, "post", lambda p: {},
                                        expect(TEAM, 400, READ | {"learner"})),
    "registrations:learner-plan": (learner, "post", lambda p: {},
                                   expect(TEAM, 400, READ | {"learner"})),
    "registrations:learner-tutorial": (learner, "post", lambda p: {},
                                       expect(TEAM, 400, READ | {"learner"})),
    "registrations:my-support": (None, "get", None,
                                 {p: 200 if p == "learner" else 404 for p in ALL}),
}
