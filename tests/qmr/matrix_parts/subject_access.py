"""Permission matrix rows for subject access: a learner's whole record exported on request.
The centre's Quality Nominee and Exams Officer ask from the learner's page; the learner asks
from their own page. Everyone else gets 404. An allowed POST asks for the job and redirects
to its page (302). The rows use the core matrix's learner, so build() makes nothing."""

from typing import Any

from tests.qmr.matrix_support import ALL, expect


def build(target: Any, world: Any, side: str) -> None:
    """Nothing to add: the row uses the target's learner."""


ROWS = {
    "registrations:learner-subject-access": (lambda t: {"pk": t.learner.pk}, "post",
                                             lambda p: {}, expect({"nominee", "exams"}, 302)),
    "registrations:my-subject-access": (None, "post", lambda p: {},
                                        {p: 302 if p == "learner" else 404 for p in ALL}),
}
