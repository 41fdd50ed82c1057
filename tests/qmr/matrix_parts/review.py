"""Permission matrix rows for the annual review (qmr.review): the cycle, the Centre
Engagement Document, the evidence pack, the report and its actions.

Each side gets a cycle in the target's year with its reviewer allocated (ours: the reviewer
persona), a draft document, an attached pack document, and a submitted report with an
Essential Action (closure file attached) and a recommended certification block. Drafts are
read by the centre's side only (Head of Centre, senior manager, Quality Nominee); the pack,
the report and the actions by the reviewer too. Teachers, learners and the standards
verifier get 404; a reader who may not do a step gets 403."""

from datetime import timedelta
from typing import Any

from django.core.files.base import ContentFile
from django.utils import timezone

from qmr.framework.models import Measure, Objective
from qmr.jobs.models import Job
from qmr.models import Appointment
from qmr.review.documents import PACK as PACK_PDF
from qmr.review.models import (
    BlockRecommendation,
    CycleDefinition,
    EngagementDocument,
    PackDocument,
    ReviewAction,
    ReviewCycle,
    ReviewVisit,
)
from qmr.roles import Role
from tests.conftest import appoint
from tests.qmr.matrix_support import ALL, expect

CENTRE_SIDE = {"head", "slt", "nominee"}
READERS = CENTRE_SIDE | {"reviewer"}


def build(target: Any, world: Any, side: str) -> None:
    definition = CycleDefinition.objects.get(version__slug="qmr-2016-17")
    if side == "own":
        reviewer = Appointment.objects.get(person=world["reviewer"], role=Role.QUALITY_REVIEWER)
    else:
        person = appoint(target.centre, f"reviewer-{target.person.pk}@x.example",
                         Role.QUALITY_REVIEWER,
                         last_day=timezone.localdate() + timedelta(days=30))
        reviewer = Appointment.objects.get(person=person)
    cycle = ReviewCycle.objects.create(centre=target.centre, academic_year=target.year,
                                       definition=definition)
    ReviewVisit.objects.create(cycle=cycle, reviewer=reviewer, held_on=timezone.localdate(),
                               report_submitted_at=timezone.now(),
                               report_submitted_by=reviewer.person)
    objective = Objective.objects.get(version=definition.version, number=3)
    target.review_cycle = cycle
    target.review_measure = Measure.objects.filter(objective=objective).first()
    target.ced = EngagementDocument.objects.create(cycle=cycle, created_by=target.person)
    target.pack_file = PackDocument.objects.create(
        cycle=cycle, measure=target.review_measure, title="Class lists",
        file=ContentFile(b"pdf", name="lists.pdf"), uploaded_by=target.person)
    target.review_action = ReviewAction.objects.create(
        cycle=cycle, kind="essential", objective=objective, description="x",
        due_on=timezone.localdate() + timedelta(days=30), set_by=reviewer.person,
        closure_file=ContentFile(b"pdf", name="evidence.pdf"))
    target.block_recommendation = BlockRecommendation.objects.create(cycle=cycle,
                                                                     objective=objective)
    target.pack_job = Job.objects.create(
        kind=PACK_PDF, title="Evidence pack (PDF)", centre=target.centre,
        requested_by=target.person, params={"cycle": cycle.pk}, state=Job.State.DONE,
        file=ContentFile(b"%PDF-1.7", name="pack.pdf"), filename="pack.pdf")


def centre(t: Any) -> dict:
    return {"centre_id": t.centre.pk}


def cycle(t: Any) -> dict:
    return {"pk": t.review_cycle.pk}


def document(t: Any) -> dict:
    return {"pk": t.ced.pk}


def action(t: Any) -> dict:
    return {"pk": t.review_action.pk}


def measure(t: Any) -> dict:
    return {"pk": t.review_cycle.pk, "measure_id": t.review_measure.pk}


def objective(t: Any) -> dict:
    return {"pk": t.review_cycle.pk, "number": 3}


def nothing(persona: str) -> dict:
    return {}


def post(builder: Any, allowed: set[str], readers: set[str] = READERS) -> tuple:
    return (builder, "post", nothing, expect(allowed, 302, readers))


ROWS = {
    "review:home": (None, "get", None, {p: 302 if p in READERS | {"outsider"} else 404
                                        for p in ALL}),
    "review:centre": (centre, "get", None, expect(READERS)),
    "review:cycle-open": post(centre, {"nominee"}),
    "review:cycle": (cycle, "get", None, expect(READERS)),
    "review:allocate": post(cycle, {"nominee"}),
    "review:visit": (cycle, "get", None, expect({"nominee", "reviewer"}, 200, READERS)),
    "review:progress-send": post(cycle, {"nominee"}),
    "review:block-confirm": (lambda t: {"pk": t.block_recommendation.pk}, "post", nothing,
                             expect({"head"}, 302, READERS)),
    "review:block-decline": (lambda t: {"pk": t.block_recommendation.pk}, "post", nothing,
                             expect({"head"}, 302, READERS)),
    "review:document-start": post(cycle, {"nominee"}),
    "review:document": (document, "get", None, expect(CENTRE_SIDE)),
    "review:document-sign": post(document, {"head"}, CENTRE_SIDE),
    "review:document-submit": post(document, {"nominee"}, CENTRE_SIDE),
    "review:document-revise": post(document, {"nominee"}, CENTRE_SIDE),
    "review:pack": (cycle, "get", None, expect(READERS)),
    "review:pack-print": (cycle, "get", None, expect(READERS)),
    "review:pack-objective": (objective, "get", None, expect(READERS)),
    "review:pack-note": post(measure, {"nominee"}),
    "review:pack-attach": post(measure, {"nominee"}),
    "review:pack-file": (lambda t: {"pk": t.pack_file.pk}, "get", None, expect(READERS)),
    "review:report": (cycle, "get", None, expect(READERS)),
    "review:judgement-save": post(objective, {"reviewer"}),
    "review:action-add": post(cycle, {"reviewer"}),
    "review:report-submit": post(cycle, {"reviewer"}),
    "review:action": (action, "get", None, expect(READERS)),
    "review:action-remove": post(action, {"reviewer"}),
    "review:action-assign": post(action, {"nominee"}),
    "review:action-close": post(action, {"nominee"}),
    "review:action-file": (action, "get", None, expect(READERS)),
    "review:pack-pdf": post(cycle, READERS),
    "review:document-pdf": post(document, CENTRE_SIDE, CENTRE_SIDE),
    # The pack's PDF job: read by whoever reads the pack; "try again" is refused (it is done).
    "jobs:detail": (lambda t: {"pk": t.pack_job.pk}, "get", None, expect(READERS)),
    "jobs:download": (lambda t: {"pk": t.pack_job.pk}, "get", None, expect(READERS)),
    "jobs:retry": (lambda t: {"pk": t.pack_job.pk}, "post", nothing, expect(READERS, 302)),
}
