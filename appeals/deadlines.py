"""The appeals app's deadlines (see `qmr.deadlines.registry`): each open appeal's current
stage, what an open malpractice case waits on from the Head of Centre, and special
consideration owed to the awarding body. Each source runs a fixed number of queries."""

from collections.abc import Iterator
from datetime import date

from django.urls import reverse
from django.utils import timezone

from appeals.adjustments.models import (
    AWARDING_BODY_DAYS,
    ConsiderationStatus,
    SpecialConsideration,
)
from appeals.decisions.models import AppealSettings, AppealStage, AppealStatus, Stage
from appeals.decisions.services import settings_for
from appeals.malpractice.models import Finding, Kind, MalpracticeCase, Status
from qmr.calendar import WorkingDays
from qmr.deadlines import owners, registry
from qmr.deadlines.registry import Due
from qmr.roles import Role


def _stage_rule(stage: AppealStage, limits: AppealSettings) -> str:
    days = limits.days_for(stage.number)
    if stage.number == Stage.AWARDING_BODY:
        return (f"{days} working days (holidays included), the awarding body's limit, after "
                f"stage 4 opened on {stage.opened_on:%-d %B %Y}.")
    return (f"{days} term-time working days, the centre's stage {stage.number} limit, after "
            f"the stage opened on {stage.opened_on:%-d %B %Y}.")


def _stage_owner(stage: AppealStage, holders: dict[str, int]) -> int | None:
    """Who decides the stage (services.may_decide): the assignment's assessor, then its
    internal verifier, a senior manager and the Head of Centre; from stage 2 on never the
    assessor whose decision is appealed (None, the Quality Nominee, when only they are
    found)."""
    decision = stage.appeal.decision
    assignment = decision.submission.assignment
    if stage.number == Stage.ASSESSOR:
        return assignment.assessor_id
    appealed = {assignment.assessor_id, decision.assessor_id}
    if stage.number == Stage.VERIFIER:
        candidates = [assignment.internal_verifier_id]
    elif stage.number == Stage.SENIOR:
        candidates = [holders.get(Role.SENIOR_MANAGER), holders.get(Role.HEAD_OF_CENTRE)]
    else:
        candidates = [holders.get(Role.HEAD_OF_CENTRE)]
    return next((c for c in candidates if c is not None and c not in appealed), None)


def _stage_title(stage: AppealStage) -> str:
    appeal = stage.appeal
    whose = f"{appeal.learner}'s appeal against {appeal.decision.submission.assignment}"
    if stage.number == Stage.AWARDING_BODY and not stage.submitted_on:
        return f"Send {whose} to the awarding body (stage 4)"
    if stage.number == Stage.AWARDING_BODY:
        return f"Record the awarding body's answer to {whose} (stage 4)"
    return f"Decide stage {stage.number} of {whose}"


@registry.register("appeals.appeal_stage")
def appeal_stages(centre, today: date) -> Iterator[Due]:
    """The undecided stage of each open appeal, by its stored limit (`AppealStage.due_on`).
    A decided stage waits on the learner, not on staff, so it is met. Three queries: the
    stages, the centre's limits (for the rule's words) and the senior roles' holders."""
    stages = AppealStage.objects.filter(
        appeal__centre=centre, appeal__status=AppealStatus.OPEN, outcome="").select_related(
        "appeal__learner", "appeal__decision__submission__assignment").order_by("due_on", "pk")
    limits = settings_for(centre)
    holders = owners.first_holders(centre.pk, (Role.SENIOR_MANAGER, Role.HEAD_OF_CENTRE),
                                   today)
    for stage in stages:
        yield Due(key=f"appeals.appeal_stage:{stage.pk}", title=_stage_title(stage),
                  due_on=stage.due_on, owner_id=_stage_owner(stage, holders),
                  url=reverse("appeals:appeal-detail", args=[stage.appeal_id]),
                  rule=_stage_rule(stage, limits))


ESCALATION_DAYS = 2  # the malpractice policy: escalated to the Head of Centre within two


def _case_name(case: MalpracticeCase) -> str:
    accused = (str(case.learner) if case.kind == Kind.LEARNER else
               str(case.staff_member) if case.staff_member_id else "a member of staff not yet "
                                                                  "named")
    return f"malpractice case {case.pk} ({case.get_category_display().lower()}, {accused})"


def _must_be_reported(case: MalpracticeCase) -> date | None:
    """The day the case became one the awarding body must be told of (MalpracticeCase.
    must_be_reported): a staff case when raised, a learner case when proven on work the
    learner declared their own."""
    if case.kind == Kind.STAFF:
        return timezone.localdate(case.raised_at)
    if case.finding == Finding.PROVEN and case.declaration_signed and case.found_on:
        return case.found_on
    return None


@registry.register("appeals.malpractice")
def malpractice_escalations(centre, today: date) -> Iterator[Due]:
    """What each open case waits on from the Head of Centre, two working days (holidays
    included, as for every escalation to the Head) after it arose: an investigator
    appointed once the case is raised, and the report to the awarding body once the case must
    be reported. Nothing stores these dates, so they are counted here. Two queries: the
    cases, and the Head of Centre."""
    cases = list(MalpracticeCase.objects.filter(centre=centre, status=Status.OPEN)
                 .select_related("learner", "staff_member").order_by("raised_at", "pk"))
    if not cases:
        return
    head = owners.first_holders(centre.pk, (Role.HEAD_OF_CENTRE,), today).get(
        Role.HEAD_OF_CENTRE)
    calendar = WorkingDays(centre, term_time=False)  # no query: every weekday but holidays
    for case in cases:
        url = reverse("appeals:case-detail", args=[case.pk])
        name = _case_name(case)
        if case.investigator_id is None and not case.finding:
            yield Due(key=f"appeals.malpractice:{case.pk}:investigator",
                      title=f"Appoint an investigator for {name}",
                      due_on=calendar.add(timezone.localdate(case.raised_at), ESCALATION_DAYS),
                      owner_id=head, url=url,
                      rule="Two working days (holidays included) after the case was raised.")
        arose = _must_be_reported(case)
        if arose is not None and case.reported_to_awarding_body_on is None:
            yield Due(key=f"appeals.malpractice:{case.pk}:report",
                      title=f"Report {name} to the awarding body",
                      due_on=calendar.add(arose, ESCALATION_DAYS), owner_id=head,
                      url=reverse("appeals:case-report", args=[case.pk]),
                      rule=("Two working days (holidays included) after the case was raised: "
                            "a case against staff is always reported." if case.kind == Kind.STAFF
                            else "Two working days (holidays included) after the finding: "
                                 "proven on work the learner declared their own."))


@registry.register("appeals.special_consideration")
def special_consideration(centre, today: date) -> Iterator[Due]:
    """Each request not yet at the awarding body by its stored deadline
    (`due_at_awarding_body`): the Head of Centre decides a waiting one, and sends it once
    authorised (the Head or the Quality Nominee may send; the Head is named). A refused
    request goes nowhere. Two queries: the requests, and the Head of Centre."""
    requests = list(SpecialConsideration.objects.filter(
        centre=centre, sent_to_awarding_body_on__isnull=True,
        status__in=[ConsiderationStatus.REQUESTED, ConsiderationStatus.AUTHORISED])
        .select_related("learner", "assignment").order_by("due_at_awarding_body", "pk"))
    if not requests:
        return
    head = owners.first_holders(centre.pk, (Role.HEAD_OF_CENTRE,), today).get(
        Role.HEAD_OF_CENTRE)
    for request in requests:
        what = (f"Authorise or refuse special consideration for {request.learner} on "
                f"{request.assignment}, then send it to the awarding body"
                if request.status == ConsiderationStatus.REQUESTED else
                f"Send the special consideration for {request.learner} on "
                f"{request.assignment} to the awarding body")
        yield Due(key=f"appeals.special_consideration:{request.pk}", title=what,
                  due_on=request.due_at_awarding_body, owner_id=head,
                  url=reverse("appeals:consideration-detail", args=[request.pk]),
                  rule=f"{AWARDING_BODY_DAYS[request.kind]} calendar days after the assessment "
                       f"on {request.assessed_on:%-d %B %Y}, the awarding body's limit for "
                       f"{request.get_kind_display().lower()}.")
