"""Permission matrix rows for the IV record PDF of an assignment. It points at the core
matrix's assignment (with its brief verification and a decision verification), so build()
makes nothing. An allowed POST asks for the job and redirects to its page (302)."""

from typing import Any

from tests.qmr.matrix_support import PLAN_READ, expect


def build(target: Any, world: Any, side: str) -> None:
    """Nothing to add: the row uses the target's assignment and its IV records."""


ROWS = {
    # Those who read the brief's IV page (never the learner or the standards verifier).
    "verification:brief-iv-pdf": (lambda t: {"pk": t.assignment.pk}, "post", lambda p: {},
                                  expect(PLAN_READ, 302)),
}
