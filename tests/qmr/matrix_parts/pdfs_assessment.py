"""Permission matrix rows for assessment's PDF buttons: the tracking grids and the learner's
assessment record. They point at the core matrix's own objects (the target's cohort, unit and
decided submission), so build() makes nothing. Each allowed POST asks for the job and
redirects to its page (302); the job itself waits for a commit the matrix never makes."""

from typing import Any

from tests.qmr.matrix_support import PLAN_READ, WORK_READ, expect


def build(target: Any, world: Any, side: str) -> None:
    """Nothing to add: the rows use the target's cohort, unit and submission."""


# As the grid pages: the Exams Officer sees the cohort but not its assessment (403); the
# learner reads their own row on the page, and gets no PDF (404).
GRID = expect(PLAN_READ, 302, {"exams"})
ROWS = {
    "assessment:grid-cohort-pdf": (lambda t: {"cohort_id": t.cohort.pk}, "post",
                                   lambda p: {}, GRID),
    "assessment:grid-unit-pdf": (lambda t: {"cohort_id": t.cohort.pk, "unit_id": t.unit.pk},
                                 "post", lambda p: {}, GRID),
    # The record's readers: the submission's page (the learner's own copy included).
    "assessment:submission-pdf": (lambda t: {"pk": t.submission.pk}, "post", lambda p: {},
                                  expect(WORK_READ, 302)),
}
