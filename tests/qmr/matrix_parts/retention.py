"""Permission matrix rows for the disposal page (qmr.retention): the centre's senior people
who read its quality records see it (the reviewer too: it only reads); only the Quality
Nominee confirms a disposal (here refused with a message, as the target's records are inside
their time: 302), the other readers get 403, everyone else 404. The menu's link sends each
reader, and the outsider, to their own centre."""

from typing import Any

from tests.qmr.matrix_support import ALL, expect

READERS = {"head", "slt", "nominee", "reviewer"}


def c(t: Any) -> dict:
    return {"centre_id": t.centre.pk}


ROWS = {
    "retention:home": (None, "get", None,
                       {p: 302 if p in READERS | {"outsider"} else 404 for p in ALL}),
    "retention:disposal-list": (c, "get", None, expect(READERS)),
    "retention:disposal-confirm-kind": (lambda t: {**c(t), "kind": "assessment.records"},
                                        "post", lambda p: {}, expect({"nominee"}, 302, READERS)),
    "retention:disposal-confirm": (lambda t: {**c(t), "kind": "assessment.learner_work",
                                              "pk": t.file.pk},
                                   "post", lambda p: {}, expect({"nominee"}, 302, READERS)),
}


def build(target: Any, world: Any, side: str) -> None:
    """Nothing to make: the rows point at the target's own assessment record and file."""
