"""Permission matrix rows for appeals against assessment decisions (appeals.decisions).

Each side's decided submission gets a released result and an appeal at stage 1, and one
result in doubt. Ours: the learner persona's work, assessed by the assessor persona, so the
learner and the assessor read it with the programme's assessment readers; the assessor
decides stage 1."""

from typing import Any

from django.utils import timezone

from appeals.decisions.models import Appeal, AppealStage, ResultInDoubt
from tests.qmr.matrix_support import REVIEWER, WORK_READ, expect


def build(target: Any, world: Any, side: str) -> None:
    decision = target.submission.decisions.get()
    decision.released_at = timezone.now()
    decision.save(update_fields=["released_at"])
    target.decision = decision
    target.appeal = Appeal.objects.create(
        centre=target.centre, programme=target.assignment.plan.programme,
        learner=target.submission.learner, decision=decision, grounds="x",
        lodged_by=target.person)
    target.stage = AppealStage.objects.create(appeal=target.appeal, number=1,
                                              opened_on=timezone.localdate(),
                                              due_on=timezone.localdate())
    target.doubt = ResultInDoubt.objects.create(submission=target.submission,
                                                raised_by=target.stage)


def appeal(t: Any) -> dict:
    return {"pk": t.appeal.pk}


def stage(t: Any) -> dict:
    return {"pk": t.stage.pk}


# The outsider reads their own centre's log; the reviewer reads ours (the pack links to it).
LOG = {"head", "slt", "nominee", "reviewer", "outsider"}
FOR_LEARNER = WORK_READ - REVIEWER  # lodge or answer for the learner: never the reviewer
ROWS = {
    "appeals:my-appeals": (None, "get", None, expect({"learner"})),
    "appeals:log": (None, "get", None, {p: 200 if p in LOG else 404
                                        for p in expect(set())}),
    "appeals:lodge": (lambda t: {"decision_pk": t.decision.pk}, "get", None,
                      expect(FOR_LEARNER, 200, REVIEWER)),
    "appeals:appeal-detail": (appeal, "get", None, expect(WORK_READ)),
    # Refused by the service (stage 1 not decided yet): a message and a redirect.
    "appeals:appeal-further": (appeal, "post", lambda p: {}, expect(FOR_LEARNER, 302, REVIEWER)),
    "appeals:appeal-accept": (appeal, "post", lambda p: {}, expect(FOR_LEARNER, 302, REVIEWER)),
    "appeals:stage-decide": (stage, "post", lambda p: {}, expect({"assessor"}, 302, WORK_READ)),
    "appeals:stage-send": (stage, "post", lambda p: {}, expect({"assessor"}, 302, WORK_READ)),
    "appeals:log-review": (lambda t: {"centre_id": t.centre.pk, "year_id": t.year.pk}, "post",
                           lambda p: {}, expect({"head", "slt", "nominee"}, 302, REVIEWER)),
    "appeals:doubt-resolve": (lambda t: {"pk": t.doubt.pk}, "post", lambda p: {},
                              expect({"assessor", "lead_iv"}, 302, WORK_READ)),
}
