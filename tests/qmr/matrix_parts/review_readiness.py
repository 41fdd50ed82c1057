"""The readiness heat map and its cells: the centre's side of the review only (Quality
Nominee, Head of Centre, senior managers); the reviewer, teachers, learners and the standards
verifier get 404. The menu's link sends each of those to their own centre (the outsider too,
to theirs) and is 404 for everyone else."""

from typing import Any

from tests.qmr.matrix_support import ALL, expect

CENTRE_SIDE = {"head", "slt", "nominee"}

ROWS = {
    "review:readiness-home": (None, "get", None,
                              {p: 302 if p in CENTRE_SIDE | {"outsider"} else 404
                               for p in ALL}),
    "review:readiness": (lambda t: {"centre_id": t.centre.pk}, "get", None,
                         expect(CENTRE_SIDE)),
    "review:readiness-measure": (lambda t: {"centre_id": t.centre.pk, "code": "QO.1.1"},
                                 "get", None, expect(CENTRE_SIDE)),
}


def build(target: Any, world: Any, side: str) -> None:
    """Nothing to make: the pages read the centre's own records and the shipped framework."""
