"""Read queries for programme reviews: who may read them (the programme's readers, as for its
other records), the list, and one review with last year's beside it."""

from typing import Any

from django.db.models import Count, Prefetch, Q, QuerySet
from django.http import Http404
from django.utils import timezone

from qmr.meetings.models import Action
from qmr.models import AcademicYear
from registrations.models import Programme
from registrations.programme_review.models import ProgrammeReview
from registrations.selectors import _readable


def reviews_for_user(user: Any, *, year: str = "", state: str = "") -> QuerySet[ProgrammeReview]:
    """One query: the reviews of programmes the person reads, with open-action counts."""
    qs = ProgrammeReview.objects.filter(programme__in=_readable(user, Programme.objects.all()))
    if year:
        qs = qs.filter(academic_year__name=year)
    if state == "signed":
        qs = qs.filter(signed_off_at__isnull=False)
    elif state == "open":
        qs = qs.filter(signed_off_at__isnull=True)
    return qs.select_related("programme", "academic_year", "signed_off_by").annotate(
        action_count=Count("actions", distinct=True),
        open_action_count=Count("actions", filter=Q(actions__closed_at__isnull=True),
                                distinct=True))


def programmes_without_review(user: Any) -> list[tuple[Programme, AcademicYear]]:
    """Programmes the person reads with no review for the current academic year (2 queries)."""
    today = timezone.localdate()
    programmes = list(_readable(user, Programme.objects.all()).exclude(
        reviews__academic_year__starts_on__lte=today,
        reviews__academic_year__ends_on__gte=today).order_by("title"))
    years = {y.centre_id: y for y in AcademicYear.objects.filter(
        centre_id__in={p.centre_id for p in programmes}, starts_on__lte=today,
        ends_on__gte=today)}
    return [(p, years[p.centre_id]) for p in programmes if p.centre_id in years]


def get_review_for_user(user: Any, pk: int) -> ProgrammeReview:
    review = (ProgrammeReview.objects
              .filter(programme__in=_readable(user, Programme.objects.all()), pk=pk)
              .select_related("programme__centre", "academic_year", "started_by",
                              "signed_off_by")
              .prefetch_related(Prefetch("actions", queryset=Action.objects.select_related(
                  "owner", "closed_by").order_by("due_on", "pk")))
              .first())
    if review is None:
        raise Http404("No such programme review.")
    return review


def previous_review(review: ProgrammeReview) -> ProgrammeReview | None:
    """Last year's review of the same programme, with its actions (2 queries)."""
    return (ProgrammeReview.objects
            .filter(programme_id=review.programme_id,
                    academic_year__starts_on__lt=review.academic_year.starts_on)
            .select_related("academic_year")
            .prefetch_related(Prefetch("actions", queryset=Action.objects.select_related(
                "owner").order_by("due_on", "pk")))
            .order_by("-academic_year__starts_on").first())
