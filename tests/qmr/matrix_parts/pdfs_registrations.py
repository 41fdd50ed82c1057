"""Permission matrix rows for the student report PDF. It points at the core matrix's
unchecked student report, so build() makes nothing. An allowed POST asks for the job and
redirects to its page (302)."""

from typing import Any

from tests.qmr.matrix_support import READ, expect


def build(target: Any, world: Any, side: str) -> None:
    """Nothing to add: the row uses the target's student report."""


ROWS = {
    # Those who read the report's page: the centre's staff who read learner records.
    "registrations:student-report-pdf": (lambda t: {"pk": t.report.pk}, "post", lambda p: {},
                                         expect(READ, 302)),
}
