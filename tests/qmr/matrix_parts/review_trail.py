"""Permission matrix rows for the learner trail (qmr.review): read by the pack's readers
(Head of Centre, senior managers, Quality Nominee and the reviewer while their appointment
lasts), 404 for everyone else, outsider included. Each side's learner is the target's own, so
the other side's trail (centre B's learner under centre B) is 404 for every one of ours, as
`test_other_centre_is_404_for_everyone_of_ours` asserts."""

from typing import Any

from tests.qmr.matrix_support import expect

PACK_READERS = {"head", "slt", "nominee", "reviewer"}


def build(target: Any, world: Any, side: str) -> None:
    """Nothing to add: the target's learner is at the target's centre."""


def centre(t: Any) -> dict:
    return {"centre_id": t.centre.pk}


def learner(t: Any) -> dict:
    return {"centre_id": t.centre.pk, "learner_id": t.learner.pk}


ROWS = {
    "review:trail-picker": (centre, "get", None, expect(PACK_READERS)),
    "review:learner-trail": (learner, "get", None, expect(PACK_READERS)),
}
