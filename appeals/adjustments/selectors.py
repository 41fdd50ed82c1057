"""Who reads adjustments and special consideration: the programme's assessment readers
(`qmr.roles.ASSESSMENT_READERS`) and its assessors. Others, and other centres, get 404."""

from typing import Any

from django.db.models import Count, Q, QuerySet
from django.http import Http404
from django.urls import reverse

from appeals.adjustments.models import (
    ConsiderationStatus,
    ReasonableAdjustment,
    SpecialConsideration,
)
from qmr import permissions
from qmr.roles import ASSESS, ASSESSMENT_READERS
from registrations.models import Programme

READERS = (*ASSESSMENT_READERS, ASSESS)


def _visible(user: Any, qs: QuerySet) -> QuerySet:
    result = qs.none()
    for perm in READERS:
        result = result | permissions.visible(user, perm, qs)
    return result


def programmes_for(user: Any) -> list[Programme]:
    """The programmes whose adjustments the person reads, with counts (one query)."""
    return list(_visible(user, Programme.objects.all()).annotate(
        adjustment_count=Count("plans__assignments__adjustments", distinct=True),
        waiting_count=Count("plans__assignments__special_considerations",
                            filter=Q(plans__assignments__special_considerations__status=
                                     ConsiderationStatus.REQUESTED), distinct=True))
        .select_related("centre").order_by("centre__name", "title"))


def get_programme_for_user(user: Any, pk: int) -> Programme:
    programme = _visible(user, Programme.objects.select_related("centre")).filter(pk=pk).first()
    if programme is None:
        raise Http404("No such programme.")
    return programme


def programme_page(programme: Programme) -> dict:
    return {
        "adjustments": list(ReasonableAdjustment.objects.filter(
            assignment__plan__programme=programme).select_related(
            "learner", "assignment", "agreed_by")),
        "considerations": list(SpecialConsideration.objects.filter(
            assignment__plan__programme=programme).select_related(
            "learner", "assignment", "requested_by")),
    }


def get_consideration_for_user(user: Any, pk: int) -> SpecialConsideration:
    request = SpecialConsideration.objects.select_related(
        "centre", "learner", "assignment__plan__programme", "requested_by",
        "decided_by").filter(pk=pk).first()
    if request is None:
        raise Http404("No such request.")
    get_programme_for_user(user, request.assignment.plan.programme_id)
    return request


def adjustments_on(submission: Any) -> list[ReasonableAdjustment]:
    return list(ReasonableAdjustment.objects.filter(
        assignment_id=submission.assignment_id, learner_id=submission.learner_id))


def adjustment_links(user: Any, submission: Any, latest: Any) -> list[tuple[str, str]]:
    """On a piece of work's page, for staff: the adjustments agreed for it (one query)."""
    if submission.learner.user_id == user.pk:
        return []
    programme = submission.assignment.plan.programme
    url = reverse("appeals:programme-adjustments", args=[programme.pk]) if any(
        permissions.can(user, p, programme) for p in READERS) else ""  # e.g. the SV
    return [(f"Reasonable adjustment applied: {a.get_kind_display().lower()}, {a.details}", url)
            for a in adjustments_on(submission)]
