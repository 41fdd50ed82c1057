"""Who reads which appeals, and the pages' reads.

An appeal is read by the learner it belongs to, the assignment's assessor, and whoever reads
the programme's assessment records (`qmr.roles.ASSESSMENT_READERS`: its verifiers and leader,
the Quality Nominee, senior managers, the Head of Centre and the external Centre Quality
Reviewer, who reads and changes nothing). Anyone else, and everyone at another centre, gets a
404. The appeals log is for VIEW_QUALITY_RECORDS (Head, SLT, Quality Nominee, and the reviewer
to read).
"""

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet
from django.http import Http404
from django.urls import reverse
from django.utils import timezone

from appeals.decisions import services
from appeals.decisions.models import (
    Appeal,
    AppealStage,
    AppealStatus,
    LogReview,
    ResultInDoubt,
    Stage,
)
from assessment.models import CriterionResult, Decision
from assessment.policy import policy_for
from qmr import permissions
from qmr.calendar import WorkingDays
from qmr.history import Entry, entries
from qmr.models import AcademicYear, Centre
from qmr.policies.models import Policy, PolicyKind, VersionStatus
from qmr.roles import (
    ASSESSMENT_READERS,
    DECIDE_APPEALS,
    RECEIVE_ESCALATIONS,
    VERIFY,
    VIEW_QUALITY_RECORDS,
    Role,
)
from registrations.models import Learner


def visible_appeals(user: Any) -> QuerySet[Appeal]:
    qs = Appeal.objects.all()
    result = qs.filter(Q(learner__user=user)
                       | Q(decision__submission__assignment__assessor=user))
    for perm in ASSESSMENT_READERS:
        result = result | permissions.visible(user, perm, qs)
    return result


def get_appeal_for_user(user: Any, pk: int) -> Appeal:
    appeal = visible_appeals(user).select_related(
        "centre", "programme", "learner__user", "lodged_by",
        "decision__submission__assignment__plan__programme",
        "decision__submission__assignment__assessor", "decision__assessor").filter(
        pk=pk).first()
    if appeal is None:
        raise Http404("No such appeal.")
    return appeal


def appeal_detail(appeal: Appeal) -> dict:
    """The stages, the appealed decision's criteria results and the correction, if any."""
    stages = list(appeal.stages.select_related("decided_by", "corrected_decision"))
    results = list(CriterionResult.objects.filter(decision=appeal.decision).select_related(
        "criterion").order_by("criterion__unit_id", "criterion_id"))
    latest = Decision.objects.filter(submission=appeal.decision.submission,
                                     superseded_by__isnull=True).prefetch_related(
        Prefetch("results", queryset=CriterionResult.objects.select_related("criterion")
                 .order_by("criterion__unit_id", "criterion_id"))).first()
    return {"stages": stages, "current": stages[-1] if stages else None,
            "results": results, "latest": latest,
            "doubts": list(ResultInDoubt.objects.filter(raised_by__appeal=appeal)
                           .select_related("submission__learner", "resolved_by"))}


def appeal_history(appeal: Appeal) -> list[Entry]:
    """Every change to the appeal and its stages, newest first."""
    rows = entries(appeal.history.all(), lambda row: "The appeal") + entries(
        AppealStage.history.filter(appeal_id=appeal.pk), lambda row: f"Stage {row.number}")
    return sorted(rows, key=lambda e: e.when, reverse=True)


@dataclass
class Appealable:
    decision: Decision
    last_day: date


def appealable_results(learner: Learner) -> list[Appealable]:
    """The learner's released results they can still appeal (latest decisions with no open
    appeal, inside the time limit). Three queries and the calendar's one."""
    open_appeal = Appeal.objects.filter(decision__submission=OuterRef("submission"),
                                        status=AppealStatus.OPEN)
    decisions = list(Decision.objects.filter(
        submission__learner=learner, superseded_by__isnull=True, released_at__isnull=False)
        .exclude(Exists(open_appeal)).select_related("submission__assignment")
        .order_by("-released_at"))
    if not decisions:
        return []
    calendar, limits = WorkingDays(learner.centre), services.settings_for(learner.centre)
    today, rows = timezone.localdate(), []
    for d in decisions:
        try:
            last_day = services.lodge_deadline(d, calendar, limits)
        except Exception:  # noqa: BLE001 - no term dates far enough ahead: still appealable
            last_day = today
        if last_day >= today:
            rows.append(Appealable(d, last_day))
    return rows


def my_appeals(user: Any) -> dict:
    learner = Learner.objects.filter(user=user).select_related("centre").first()
    if learner is None:
        raise Http404("You have no learner record here.")
    appeals = list(Appeal.objects.filter(learner=learner).select_related(
        "decision__submission__assignment").prefetch_related("stages"))
    return {"learner": learner, "appeals": appeals, "appealable": appealable_results(learner),
            **rules_for_learners(learner.centre)}


def rules_for_learners(centre: Centre) -> dict:
    """What a learner is told of appeals and malpractice: the centre's own policies where
    they are approved and addressed to learners, the time to appeal and the rule on AI tools
    (three queries)."""
    policies = [p for p in Policy.objects.filter(
        centre=centre, kind__in=[PolicyKind.APPEALS, PolicyKind.MALPRACTICE],
        current__status=VersionStatus.APPROVED).select_related("current").order_by("kind")
        if Role.LEARNER in p.current.audience]
    return {"policies": policies, "limits": services.settings_for(centre),
            "ai_allowed": policy_for(centre).ai_tools_allowed}


def appeal_link(user: Any, submission: Any, latest: Decision | None) -> list[tuple[str, str]]:
    """On a piece of work's page: its open appeal, or the way to lodge one (one query)."""
    if latest is None or not latest.released_at or not services.may_lodge_for(user, latest):
        return []
    appeal = Appeal.objects.filter(decision__submission=submission).order_by("-pk").first()
    if appeal is not None and (appeal.is_open or appeal.decision_id == latest.pk):
        return [(f"The appeal against this result ({appeal.get_status_display().lower()})",
                 reverse("appeals:appeal-detail", args=[appeal.pk]))]
    return [("Appeal against this result", reverse("appeals:lodge", args=[latest.pk]))]


def get_decision_to_appeal(user: Any, pk: int) -> Decision:
    """404 unless the person may lodge an appeal against this result; 403 for the external
    reviewer, who reads the result but lodges nothing."""
    decision = Decision.objects.select_related(
        "submission__learner__centre", "submission__learner__user",
        "submission__assignment__plan__programme").filter(pk=pk).first()
    if decision is None or not services.may_lodge_for(user, decision):
        programme = decision and decision.submission.assignment.plan.programme
        if programme is not None and permissions.reads_only(user, programme) and any(
                permissions.can(user, p, programme) for p in ASSESSMENT_READERS):
            raise PermissionDenied(permissions.READ_ONLY)
        raise Http404("No such result.")
    return decision


def stages_waiting_for(user: Any) -> list[AppealStage]:
    """Undecided current stages this person decides, oldest due first (one query)."""
    undecided = AppealStage.objects.filter(outcome="", appeal__status=AppealStatus.OPEN)
    qs = undecided.filter(number=Stage.ASSESSOR,
                          appeal__decision__submission__assignment__assessor=user)
    for number, perm in ((Stage.VERIFIER, VERIFY), (Stage.SENIOR, DECIDE_APPEALS),
                         (Stage.AWARDING_BODY, RECEIVE_ESCALATIONS)):
        qs = qs | permissions.visible(user, perm, undecided.filter(number=number))
    rows = qs.select_related("appeal__learner", "appeal__decision__submission__assignment",
                             "appeal__decision").order_by("due_on")
    return [s for s in rows if s.number == Stage.ASSESSOR or user.pk not in {
        s.appeal.decision.assessor_id, s.appeal.decision.submission.assignment.assessor_id}]


def overdue_stages(centre_ids: set[int]) -> QuerySet[AppealStage]:
    return AppealStage.objects.filter(
        appeal__centre_id__in=centre_ids, appeal__status=AppealStatus.OPEN, outcome="",
        due_on__lt=timezone.localdate()).select_related(
        "appeal__learner", "appeal__decision__submission__assignment").order_by("due_on")


def doubts_for(user: Any) -> list[ResultInDoubt]:
    """Results in doubt this person reviews: their own assignments' (one query)."""
    return list(ResultInDoubt.objects.filter(
        resolved_at__isnull=True, submission__assignment__assessor=user).select_related(
        "submission__learner", "submission__assignment"))


def log_centres(user: Any) -> list[Centre]:
    return list(permissions.visible(user, VIEW_QUALITY_RECORDS, Centre.objects.all()))


@dataclass
class Log:
    """The appeals lodged in a year and the patterns in them."""

    appeals: list[Appeal]
    by_unit: list[tuple[str, int]]
    by_assessor: list[tuple[str, int]]
    by_outcome: list[tuple[str, int]]
    days_per_stage: list[tuple[str, float | None, int]] = field(default_factory=list)
    overdue: int = 0
    reviews: list[LogReview] = field(default_factory=list)


def appeals_log(centre: Centre, year: AcademicYear) -> Log:
    """Per unit (the units the appealed assignment covers), per assessor (the assignment's),
    per outcome, and the average term-time working days each stage took to decide (four
    queries and the calendar's one, whatever the number of appeals), and its reviews."""
    appeals = list(Appeal.objects.filter(
        centre=centre, lodged_at__date__gte=year.starts_on,
        lodged_at__date__lte=year.ends_on).select_related(
        "learner", "decision__submission__assignment__assessor").prefetch_related(
        "stages", "decision__submission__assignment__criteria__unit").order_by("lodged_at"))
    units, assessors, outcomes = Counter(), Counter(), Counter()
    days: dict[int, list[int]] = defaultdict(list)
    calendar, today, overdue = WorkingDays(centre), timezone.localdate(), 0
    for a in appeals:
        assignment = a.decision.submission.assignment
        for unit in {c.unit for c in assignment.criteria.all()}:
            units[str(unit)] += 1
        assessors[str(assignment.assessor)] += 1
        outcomes[a.get_status_display()] += 1
        for s in a.stages.all():
            if s.decided_on:
                days[s.number].append(calendar.between(s.opened_on, s.decided_on))
            elif a.is_open and s.is_overdue(today):
                overdue += 1
    per_stage = [(Stage(n).label, round(sum(days[n]) / len(days[n]), 1) if days[n] else None,
                  len(days[n])) for n in Stage.values]
    reviews = list(LogReview.objects.filter(centre=centre, academic_year=year).select_related(
        "reviewed_by"))
    return Log(appeals, sorted(units.items()), sorted(assessors.items()),
               sorted(outcomes.items()), per_stage, overdue, reviews)

