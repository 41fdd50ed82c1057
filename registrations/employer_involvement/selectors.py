"""Read queries for employer involvement: who reads it (the programme's readers, as for its
other records), the list with its filters, one activity with its participants, and how long
its records are kept."""

from datetime import date
from typing import Any

from django.db.models import Count, Max, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.http import Http404

from qmr import permissions
from qmr.roles import PREPARE_REVIEW, SIGN_CLASS_LIST
from registrations.employer_involvement.models import (
    EmployerActivity,
    Participation,
    years_after,
)
from registrations.models import ClaimEntry, Learner, Programme
from registrations.selectors import _readable


def _last_certificate() -> Subquery:
    """The latest certificate received by any learner recorded on the activity."""
    return Subquery(ClaimEntry.objects.filter(
        learner__employer_participations__activity=OuterRef("pk"),
        certificate_received_on__isnull=False).order_by("-certificate_received_on").values(
        "certificate_received_on")[:1])


def with_retention(qs: QuerySet[EmployerActivity]) -> QuerySet[EmployerActivity]:
    """Annotate `last_certificate_on`, from which `keep_until` runs."""
    return qs.annotate(last_certificate_on=_last_certificate())


def keep_until(activity: EmployerActivity) -> date | None:
    """Three years after the last certificate of a learner on the activity; None while none
    of them is certificated yet (nothing can be known until then)."""
    if hasattr(activity, "last_certificate_on"):
        last = activity.last_certificate_on
    else:
        last = ClaimEntry.objects.filter(
            learner__employer_participations__activity=activity).aggregate(
            last=Max("certificate_received_on"))["last"]
    return years_after(last) if last else None


def retention_text(activity: EmployerActivity) -> str:
    until = keep_until(activity)
    if until is None:
        return "three years after the learners' certification (not yet certificated)"
    return f"until {until:%d %B %Y} (three years after the learners' certification)"


def readable_programmes(user: Any) -> QuerySet[Programme]:
    return _readable(user, Programme.objects.all()).order_by("title")


def organisable_programmes(user: Any) -> QuerySet[Programme]:
    """Programmes whose activities the person plans (the Programme Leader, the Nominee)."""
    return (permissions.visible(user, SIGN_CLASS_LIST, Programme.objects.all())
            | permissions.visible(user, PREPARE_REVIEW, Programme.objects.all())
            ).order_by("title")


def activities_for_user(user: Any, *, programme: str = "",
                        year: str = "") -> QuerySet[EmployerActivity]:
    """One query: the activities of programmes the person reads, with participation counts
    and the last certificate their retention runs from."""
    qs = EmployerActivity.objects.filter(programme__in=_readable(user, Programme.objects.all()))
    if programme.isdigit():
        qs = qs.filter(programme_id=int(programme))
    if year:
        qs = qs.filter(academic_year__name=year)
    return with_retention(qs.select_related("programme", "academic_year", "verified_by")
                          .annotate(recorded=Count("participations", distinct=True),
                                    took_part=Count("participations",
                                                    filter=Q(participations__took_part=True),
                                                    distinct=True))
                          ).order_by("-academic_year__starts_on", "programme__title",
                                     "held_on", "pk")


def get_activity_for_user(user: Any, pk: int) -> EmployerActivity:
    activity = with_retention(
        EmployerActivity.objects
        .filter(programme__in=_readable(user, Programme.objects.all()), pk=pk)
        .select_related("programme__centre", "academic_year", "organised_by", "verified_by")
        .prefetch_related("units", Prefetch(
            "participations",
            queryset=Participation.objects.select_related("learner", "recorded_by")))).first()
    if activity is None:
        raise Http404("No such employer activity.")
    return activity


def learners_of(programme: Programme) -> QuerySet[Learner]:
    """The programme's learners, whose participation can be recorded."""
    return Learner.objects.filter(programme=programme).order_by("last_name", "first_name")
