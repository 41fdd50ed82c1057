"""Permission matrix rows for reasonable adjustments and special consideration
(appeals.adjustments): one of each on each side's assignment, for its learner; the special
consideration has an evidence file and waits for the Head of Centre."""

from datetime import date
from typing import Any

from django.core.files.base import ContentFile

from appeals.adjustments.models import ReasonableAdjustment, SpecialConsideration
from tests.qmr.matrix_support import PLAN_READ, expect


def build(target: Any, world: Any, side: str) -> None:
    common = {"centre": target.centre, "learner": target.submission.learner,
              "assignment": target.assignment, "retain_until": date(2060, 1, 1)}
    ReasonableAdjustment.objects.create(kind="reader", details="x", evidence="x",
                                        agreed_by=target.person, **common)
    target.consideration = SpecialConsideration.objects.create(
        kind="illness", assessed_on=date(2040, 10, 1), circumstances="x",
        evidence=ContentFile(b"%PDF-1.4", name="note.pdf"), requested_by=target.person,
        due_at_awarding_body=date(2040, 10, 15), **common)


def consideration(t: Any) -> dict:
    return {"pk": t.consideration.pk}


# The outsider reads their own centre's programmes on the list page.
LIST = PLAN_READ | {"outsider"}
ROWS = {
    "appeals:adjustments": (None, "get", None, {p: 200 if p in LIST else 404
                                                for p in expect(set())}),
    "appeals:programme-adjustments": (
        lambda t: {"pk": t.assignment.plan.programme_id}, "get", None, expect(PLAN_READ)),
    "appeals:consideration-detail": (consideration, "get", None, expect(PLAN_READ)),
    "appeals:consideration-evidence": (consideration, "get", None, expect(PLAN_READ)),
    # Refused by the service (not decided yet, not authorised): a message and a redirect.
    "appeals:consideration-decide": (consideration, "post", lambda p: {},
                                     expect({"head"}, 302, PLAN_READ)),
    "appeals:consideration-told": (consideration, "post", lambda p: {},
                                   expect({"head", "nominee", "leader", "assessor"}, 302,
                                          PLAN_READ)),
    "appeals:consideration-sent": (consideration, "post", lambda p: {},
                                   expect({"head", "nominee"}, 302, PLAN_READ)),
}
