"""Permission matrix rows for the appeals log PDF. It points at the target's centre and
academic year, so build() makes nothing. An allowed POST asks for the job and redirects to
its page (302)."""

from typing import Any

from tests.qmr.matrix_support import REVIEWER, expect


def build(target: Any, world: Any, side: str) -> None:
    """Nothing to add: the row uses the target's centre and year."""


# The log's readers at our centre (the outsider reads only their own centre's log).
LOG = {"head", "slt", "nominee"} | REVIEWER
ROWS = {
    "appeals:log-pdf": (lambda t: {"centre_id": t.centre.pk, "year_id": t.year.pk}, "post",
                        lambda p: {}, expect(LOG, 302)),
}
