"""Permission matrix rows for the annual programme review (registrations.programme_review).

Each side's programme gets a review for the target's year. The Programme Leader, the Quality
Nominee and the senior manager who leads programme review prepare it; only the senior manager
signs it off; the programme's readers read it."""

from typing import Any

from registrations.programme_review.models import ProgrammeReview
from tests.qmr.matrix_support import ALL, READ, expect

PREPARE = {"leader", "nominee", "slt"}


def build(target: Any, world: Any, side: str) -> None:
    target.programme_review = ProgrammeReview.objects.create(
        programme=target.cohort.programme, academic_year=target.year,
        started_by=target.person)


def review(t: Any) -> dict:
    return {"pk": t.programme_review.pk}


ROWS = {
    "registrations:review-list": (None, "get", None, dict.fromkeys(ALL, 200)),
    "registrations:review-start": (lambda t: {"pk": t.cohort.programme_id}, "post",
                                   lambda p: {}, expect(PREPARE, 302, READ)),
    "registrations:review-detail": (review, "get", None, expect(READ)),
    "registrations:review-edit": (review, "post", lambda p: {}, expect(PREPARE, 302, READ)),
    # An empty action is shown again with what is missing (400).
    "registrations:review-action-add": (review, "post", lambda p: {},
                                        expect(PREPARE, 400, READ)),
    # An unwritten review is refused with a message (302) by the one who may sign it off.
    "registrations:review-sign-off": (review, "post", lambda p: {},
                                      expect({"slt"}, 302, READ)),
}
