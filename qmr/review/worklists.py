"""The annual review on the home page: for the Quality Nominee, the measures that most need
attention first, then what the review waits on and every open action; for the Head of
Centre, the signature and any block to record; for the reviewer, their review. Each section
runs a constant number of queries."""

from typing import Any

from django.urls import reverse
from django.utils import timezone

from qmr import home, navigation
from qmr.home import WorkItem
from qmr.review import access, readiness
from qmr.review.models import BlockRecommendation, EngagementDocument, ReviewCycle
from qmr.review.selectors import open_actions_for_centres
from qmr.roles import Role


def _centres(appointments: list) -> set[int]:
    return {a.centre_id for a in appointments}


@home.register(Role.QUALITY_NOMINEE, "Readiness: the measures that most need attention",
               lead=True)
def most_need_attention(user: Any, appointments: list) -> list[WorkItem]:
    """From each centre's latest readiness snapshot (taken weekly by a task, and when the
    readiness page is first opened), so the home page does not run every evidence provider:
    two queries a centre, and the item says which day it shows."""
    items = []
    for centre in sorted({a.centre for a in appointments}, key=lambda c: c.name)[:3]:
        snapshot = readiness.latest_snapshot(centre)
        if snapshot is None:
            continue
        for code, status, title in readiness.worst_in(snapshot, 3):
            items.append(WorkItem(
                f"{code} {title}: {readiness.WORDS[status]} (readiness on "
                f"{snapshot.taken_on:%-d %B})",
                reverse("review:readiness-measure", args=[centre.pk, code])))
    return items


def _cycles(appointments: list) -> list[ReviewCycle]:
    today = timezone.localdate()
    return list(ReviewCycle.objects.filter(
        centre_id__in=_centres(appointments), academic_year__starts_on__lte=today,
        academic_year__ends_on__gte=today).select_related(
        "academic_year", "visit", "definition").prefetch_related("documents"))


@home.register(Role.QUALITY_NOMINEE, "The annual review")
def review_for_nominee(user: Any, appointments: list) -> list[WorkItem]:
    items = []
    for cycle in _cycles(appointments):
        url = reverse("review:cycle", args=[cycle.pk])
        documents = sorted(cycle.documents.all(), key=lambda d: -d.number)
        visit = getattr(cycle, "visit", None)
        if not documents:
            items.append(WorkItem(f"Start the {cycle.academic_year} Centre Engagement "
                                  "Document", url))
        elif not documents[0].is_locked:
            d = documents[0]
            what = ("submit it" if d.signed_at else "the Head of Centre has not signed it yet")
            items.append(WorkItem(f"The {cycle.academic_year} document is in draft: {what}",
                                  reverse("review:document", args=[d.pk]),
                                  visit.held_on if visit else None))
        if visit is None:
            items.append(WorkItem(f"Record the reviewer for the {cycle.academic_year} review",
                                  url))
        elif visit.held_on is None:
            items.append(WorkItem("Agree the review date with the reviewer",
                                  reverse("review:visit", args=[cycle.pk])))
    for action in open_actions_for_centres(_centres(appointments)):
        owner = action.owner or "no owner named yet"
        items.append(WorkItem(f"{action.get_kind_display()} ({action.objective.code}, "
                              f"{owner}): {action.description[:90]}",
                              reverse("review:action", args=[action.pk]), action.due_on))
    return items


@home.register(Role.HEAD_OF_CENTRE, "The annual review")
def review_for_head(user: Any, appointments: list) -> list[WorkItem]:
    centres = _centres(appointments)
    unsigned = EngagementDocument.objects.filter(
        cycle__centre_id__in=centres, state=EngagementDocument.State.DRAFT,
        signed_at__isnull=True).select_related("cycle__academic_year")
    items = [WorkItem(f"Sign the re-declaration in the {d.cycle.academic_year} Centre "
                      "Engagement Document", reverse("review:document", args=[d.pk]))
             for d in unsigned]
    pending = BlockRecommendation.objects.filter(
        cycle__centre_id__in=centres,
        state=BlockRecommendation.State.RECOMMENDED).select_related("objective")
    items += [WorkItem(f"Record the awarding body's decision on the certification block "
                       f"recommended for {r.objective.code}",
                       reverse("review:cycle", args=[r.cycle_id])) for r in pending]
    return items


@home.register(Role.QUALITY_REVIEWER, "Your reviews")
def review_for_reviewer(user: Any, appointments: list) -> list[WorkItem]:
    cycles = ReviewCycle.objects.filter(visit__reviewer__in=appointments).select_related(
        "centre", "academic_year", "visit")
    items = []
    for cycle in cycles:
        visit = cycle.visit
        if visit.report_submitted:
            continue
        items.append(WorkItem(f"{cycle.centre.name}: read the {cycle.academic_year} evidence "
                              "pack", reverse("review:pack", args=[cycle.pk])))
        if visit.held_on:
            items.append(WorkItem(f"{cycle.centre.name}: the report on your "
                                  f"{visit.get_mode_display().lower()}",
                                  reverse("review:report", args=[cycle.pk]),
                                  visit.report_due_on))
    return items


navigation.register("Annual review", "review:home",
                    navigation.holding(*access.PACK_READERS))
