"""Read queries for the annual review's pages, with what they prefetch decided here once."""

from datetime import date
from typing import Any

from django.db.models import Prefetch, QuerySet
from django.http import Http404
from django.utils import timezone

from qmr import evidence
from qmr.evidence import Evidence
from qmr.framework.models import FrameworkVersion, Measure, Objective
from qmr.framework.selectors import version_for_year
from qmr.models import Centre
from qmr.review import access
from qmr.review.models import (
    ActionProgress,
    BlockRecommendation,
    CycleStage,
    EngagementDocument,
    Judgement,
    MeasureNote,
    ObjectiveStatement,
    PackDocument,
    ReviewAction,
    ReviewCycle,
)
from qmr.selectors import current_year


def start_year(day: date) -> int:
    """The year the academic year containing `day` started in (September to August)."""
    return day.year if day.month >= 8 else day.year - 1


def current_cycle(centre: Centre | int, day: date | None = None) -> ReviewCycle | None:
    """The centre's review cycle for the academic year containing `day`. One query."""
    day = day or timezone.localdate()
    centre_id = centre if isinstance(centre, int) else centre.pk
    return ReviewCycle.objects.filter(
        centre_id=centre_id, academic_year__starts_on__lte=day,
        academic_year__ends_on__gte=day).select_related(
        "academic_year", "definition__version").first()


def version_for_centre(centre: Centre, day: date | None = None) -> FrameworkVersion | None:
    """The framework the centre is judged against today: its current cycle's version, or
    else the published version in force for the year. Two queries at most."""
    day = day or timezone.localdate()
    cycle = current_cycle(centre, day)
    if cycle is not None:
        return cycle.version
    year: Any = current_year(centre, day)
    return version_for_year(year.starts_on.year if year else start_year(day))


def get_cycle_for_user(user: Any, pk: int,
                       perms: tuple[str, ...] = access.PACK_READERS) -> ReviewCycle:
    """A cycle with its centre, year and framework: 404 unless the person holds one of `perms`
    on its centre now."""
    cycle = ReviewCycle.objects.select_related(
        "centre", "academic_year", "definition__version").filter(pk=pk).first()
    if cycle is None or not access.holds_any(user, perms, cycle.centre):
        raise Http404("No such review.")
    return cycle


def cycles_of(centre: Centre) -> list[ReviewCycle]:
    return list(ReviewCycle.objects.filter(centre=centre).select_related(
        "academic_year", "definition__version", "visit__reviewer__person"))


def cycle_page(cycle: ReviewCycle) -> ReviewCycle:
    """The cycle with what its overview shows prefetched: stages, documents, judgements,
    actions, block recommendations. A constant number of queries."""
    return ReviewCycle.objects.select_related(
        "centre", "academic_year", "definition__version", "visit__reviewer__person",
        "visit__report_submitted_by").prefetch_related(
        Prefetch("definition__stages", queryset=CycleStage.objects.order_by("order")),
        Prefetch("documents", queryset=EngagementDocument.objects.select_related(
            "signed_by", "submitted_by", "created_by").order_by("-number")),
        Prefetch("judgements", queryset=Judgement.objects.select_related("objective")),
        Prefetch("actions", queryset=ReviewAction.objects.select_related("objective", "owner")),
        Prefetch("block_recommendations", queryset=BlockRecommendation.objects.select_related(
            "objective", "decided_by")),
        "progress_updates").get(pk=cycle.pk)


def readable_documents(user: Any, cycle: ReviewCycle) -> QuerySet[EngagementDocument]:
    """The centre's side reads every version; the reviewer reads only submitted ones."""
    rows = EngagementDocument.objects.filter(cycle=cycle)
    if not access.centre_side(user, cycle.centre):
        rows = rows.filter(state=EngagementDocument.State.SUBMITTED)
    return rows


def get_document_for_user(user: Any, pk: int) -> EngagementDocument:
    """A version with its sections prefetched: 404 for a draft to anyone but the centre's
    senior people, and for anyone who cannot read the cycle."""
    document = EngagementDocument.objects.select_related(
        "cycle__centre", "cycle__academic_year", "cycle__definition__version",
        "signed_by", "submitted_by", "created_by").filter(pk=pk).first()
    if document is None:
        raise Http404("No such document.")
    get_cycle_for_user(user, document.cycle_id)
    if not readable_documents(user, document.cycle).filter(pk=pk).exists():
        raise Http404("No such document.")
    return document_with_sections(pk)


def document_with_sections(pk: int) -> EngagementDocument:
    """A version with its cycle and sections, as its page and its PDF show it."""
    return EngagementDocument.objects.select_related(
        "cycle__centre", "cycle__academic_year", "cycle__definition__version",
        "signed_by", "submitted_by", "created_by").prefetch_related(
        Prefetch("progress", queryset=ActionProgress.objects.select_related(
            "action__objective", "action__owner", "action__closed_by")),
        Prefetch("statements", queryset=ObjectiveStatement.objects.select_related("objective")),
        "approvals").get(pk=pk)


def objectives_of(cycle: ReviewCycle) -> list[Objective]:
    """The cycle's objectives in order (one query)."""
    return list(Objective.objects.filter(version=cycle.definition.version_id).order_by("number"))


def get_objective(cycle: ReviewCycle, number: int) -> tuple[Objective, Objective | None,
                                                             Objective | None]:
    """One objective of the cycle's framework with its measures, and the objectives before and
    after it for next/previous. Two queries."""
    rows = list(Objective.objects.filter(version=cycle.definition.version_id).order_by(
        "number").prefetch_related(Prefetch("measures",
                                            queryset=Measure.objects.order_by("number"))))
    at = next((i for i, o in enumerate(rows) if o.number == number), None)
    if at is None:
        raise Http404("No such objective.")
    return rows[at], rows[at - 1] if at else None, rows[at + 1] if at + 1 < len(rows) else None


def objectives_with_measures(cycle: ReviewCycle) -> list[Objective]:
    """The cycle's objectives in order with their measures (two queries)."""
    return list(Objective.objects.filter(version=cycle.definition.version_id).order_by(
        "number").prefetch_related(Prefetch("measures",
                                            queryset=Measure.objects.order_by("number"))))


def pack_for_objective(cycle: ReviewCycle, objective: Objective) -> list[dict]:
    """Per measure of the objective: what the providers compute, the Quality Nominee's
    commentary and attached documents. Two queries plus each provider's own (constant)."""
    return _pack_rows(cycle, [objective], f"{objective.code}.")[0]["measures"]


def pack_all(cycle: ReviewCycle) -> list[dict]:
    """The whole pack, objective by objective, for printing. A constant number of queries."""
    return _pack_rows(cycle, objectives_with_measures(cycle), "")


def _pack_rows(cycle: ReviewCycle, objectives: list[Objective], prefix: str) -> list[dict]:
    computed: dict[str, list[Evidence]] = {}
    for found in evidence.for_centre(cycle.centre, prefix):
        computed.setdefault(found.measure, []).append(found)
    scope = {"cycle": cycle, "measure__objective__in": objectives}
    notes = {n.measure_id: n for n in MeasureNote.objects.filter(**scope).select_related(
        "updated_by")}
    files: dict[int, list[PackDocument]] = {}
    for f in PackDocument.objects.filter(**scope).select_related("uploaded_by").order_by(
            "title"):
        files.setdefault(f.measure_id, []).append(f)
    return [{"objective": o, "measures": [
        {"measure": m,
         "evidence": computed.get(m.code) or [evidence.not_evidenced(m.code, m.title)],
         "note": notes.get(m.pk), "files": files.get(m.pk, [])}
        for m in o.measures.all()]} for o in objectives]


def get_action_for_user(user: Any, pk: int) -> ReviewAction:
    """A review action: its owner, the centre's senior people and the reviewer read it."""
    action = ReviewAction.objects.select_related(
        "cycle__centre", "cycle__academic_year", "cycle__visit", "objective", "owner",
        "set_by", "closed_by").filter(pk=pk).first()
    if action is None or not (action.owner_id == user.pk
                              or access.holds_any(user, access.PACK_READERS, action.cycle.centre)):
        raise Http404("No such action.")
    if not action.cycle.visit.report_submitted and not access.is_reviewer(user,
                                                                          action.cycle.centre):
        raise Http404("No such action.")  # the centre sees actions once the report is in
    return action


def get_recommendation(user: Any, pk: int) -> BlockRecommendation:
    rec = BlockRecommendation.objects.select_related("cycle__centre", "objective").filter(
        pk=pk).first()
    if rec is None or not access.holds_any(user, access.PACK_READERS, rec.cycle.centre):
        raise Http404("No such recommendation.")
    return rec


def open_actions_for_centres(centre_ids: set[int]) -> list[ReviewAction]:
    """Every open action of the centres' reviews, Essential Actions first. One query."""
    return list(ReviewAction.objects.filter(
        cycle__centre_id__in=centre_ids, closed_at__isnull=True,
        cycle__visit__report_submitted_at__isnull=False).select_related(
        "objective", "owner", "cycle__academic_year").order_by("kind", "due_on", "pk")[:50])
