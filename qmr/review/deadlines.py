"""The annual review's deadlines (see `qmr.deadlines.registry`): the visit, the Centre
Engagement Document (or Annual Quality Declaration) before it, the reviewer's report and the
Essential Actions it sets. Each source runs one query, whatever the number of cycles."""

from collections.abc import Iterator
from datetime import date

from django.db.models import Max, Q
from django.urls import reverse

from qmr.deadlines import registry
from qmr.deadlines.registry import Due
from qmr.review import document_rules
from qmr.review.models import (
    CycleKind,
    EngagementDocument,
    ReviewAction,
    ReviewCycle,
    ReviewVisit,
)


@registry.register("review.visit")
def review_visits(centre, today: date) -> Iterator[Due]:
    """The agreed day of each visit, desk-top review or check-in, until it has come (a date
    the Quality Nominee prepares for, not a task that can be met early)."""
    visits = ReviewVisit.objects.filter(cycle__centre=centre, held_on__gte=today).select_related(
        "cycle__academic_year")
    for visit in visits:
        cycle = visit.cycle
        yield Due(key=f"review.visit:{visit.pk}",
                  title=f"{visit.get_mode_display()} for the {cycle.academic_year} quality review",
                  due_on=visit.held_on, owner_id=None,
                  url=reverse("review:cycle", args=[cycle.pk]),
                  rule="The date agreed with the reviewer (1 October to 30 April).")


def _document_due(cycle: ReviewCycle) -> tuple[date | None, str]:
    """`document_rules.due_for` on the cycle's already-loaded visit, with the rule in words."""
    visit = getattr(cycle, "visit", None)
    due = document_rules.due_for(cycle, visit)
    if due is None:
        return None, ""
    if cycle.definition.kind == CycleKind.ANNUAL_DECLARATION:
        return due, "The end of the awarding body's declaration window."
    return due, (f"The day before the {visit.get_mode_display().lower()} on "
                 f"{visit.held_on:%-d %B %Y}.")


@registry.register("review.engagement_document")
def engagement_documents(centre, today: date) -> Iterator[Due]:
    """Each cycle of a year still running none of whose versions has been submitted, once its
    due date is known (the visit agreed, or the declaration window set), until the visit's
    report is in: by then the document has no use. Submitting a version (which locks it)
    meets it; a later new version does not reopen it."""
    submitted = EngagementDocument.State.SUBMITTED
    cycles = ReviewCycle.objects.filter(
        centre=centre, academic_year__ends_on__gte=today,
        visit__report_submitted_at__isnull=True).exclude(
        documents__state=submitted).select_related(
        "academic_year", "definition", "visit").annotate(
        draft_id=Max("documents__pk", filter=Q(documents__state=EngagementDocument.State.DRAFT)))
    for cycle in cycles:
        due, rule = _document_due(cycle)
        if due is None:
            continue
        name = ("Annual Quality Declaration"
                if cycle.definition.kind == CycleKind.ANNUAL_DECLARATION
                else "Centre Engagement Document")
        url = (reverse("review:document", args=[cycle.draft_id]) if cycle.draft_id
               else reverse("review:cycle", args=[cycle.pk]))
        yield Due(key=f"review.engagement_document:{cycle.pk}",
                  title=f"Submit the {cycle.academic_year} {name}, signed by the Head of Centre",
                  due_on=due, owner_id=None, url=url, rule=rule)


@registry.register("review.report")
def reviewer_reports(centre, today: date) -> Iterator[Due]:
    """The report's stored due date (`ReviewVisit.report_due_on`, set when the visit date is
    agreed) until the reviewer submits it. Owner: the reviewer."""
    visits = ReviewVisit.objects.filter(
        cycle__centre=centre, report_due_on__isnull=False,
        report_submitted_at__isnull=True).select_related(
        "cycle__academic_year", "cycle__definition", "reviewer")
    for visit in visits:
        cycle = visit.cycle
        yield Due(key=f"review.report:{visit.pk}",
                  title=f"Submit the report on the {cycle.academic_year} "
                        f"{visit.get_mode_display().lower()} at {centre.name}",
                  due_on=visit.report_due_on, owner_id=visit.reviewer.person_id,
                  url=reverse("review:report", args=[cycle.pk]),
                  rule=f"{cycle.definition.report_working_days} working days (bank holidays "
                       f"skipped) after the {visit.get_mode_display().lower()} on "
                       f"{visit.held_on:%-d %B %Y}.")


@registry.register("review.essential_action")
def essential_actions(centre, today: date) -> Iterator[Due]:
    """Each open Essential Action of a submitted report, by the date the reviewer set (within
    the cycle's months of the visit). Until the report is submitted the reviewer may still
    take an action back, so nothing is due yet. Owner: the person the Quality Nominee named,
    else the Quality Nominee (None)."""
    actions = ReviewAction.objects.filter(
        cycle__centre=centre, kind=ReviewAction.Kind.ESSENTIAL, closed_at__isnull=True,
        cycle__visit__report_submitted_at__isnull=False).select_related(
        "objective", "cycle__academic_year", "cycle__definition").order_by("due_on", "pk")
    for action in actions:
        cycle = action.cycle
        yield Due(key=f"review.essential_action:{action.pk}",
                  title=f"Close Essential Action {action.objective.code} of the "
                        f"{cycle.academic_year} review: {action.description[:80]}",
                  due_on=action.due_on, owner_id=action.owner_id,
                  url=reverse("review:action", args=[action.pk]),
                  rule=f"Set by the reviewer's report, within "
                       f"{cycle.definition.action_months} months of the visit.")
