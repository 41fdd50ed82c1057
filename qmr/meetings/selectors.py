"""Read queries for the meetings pages, each in a fixed number of queries.

Who reads what: a member or the chair of a team reads its meetings; the Head, SLT and the
Quality Nominee (VIEW_QUALITY_RECORDS on the centre) read every team's."""

from typing import Any

from django.db.models import Count, Exists, Max, OuterRef, Prefetch, Q, QuerySet
from django.http import Http404
from django.utils import timezone

from qmr import permissions
from qmr import selectors as core_selectors
from qmr.meetings.actions import STAFF_ROLES
from qmr.meetings.models import Action, Meeting, Team, TeamKind
from qmr.models import Appointment, Centre, User
from qmr.roles import MANAGE_PEOPLE, VIEW_QUALITY_RECORDS

SORTS = {"name": ("name",), "last_met": ("-last_met", "name"), "kind": ("kind", "name"),
         "centre": ("centre__name", "name")}


def readable_teams(user: Any) -> QuerySet[Team]:
    """Every team the person may read: their own, and all of a centre whose quality records
    they read. No query of its own (the grants are cached per request)."""
    qs = Team.objects.all()
    if not getattr(user, "is_authenticated", False):
        return qs.none()
    mine = Team.objects.filter(Q(members=user.pk) | Q(chair=user.pk)).values("pk")
    return permissions.visible(user, VIEW_QUALITY_RECORDS, qs) | qs.filter(pk__in=mine)


def teams_for_user(user: Any, *, kind: str = "", search: str = "",
                   sort: str = "name") -> QuerySet[Team]:
    """The teams list: each team with its centre and chair, number of members and meetings,
    the date it last met and its open and overdue actions. One query."""
    today = timezone.localdate()
    qs = readable_teams(user)
    if kind in TeamKind.values:
        qs = qs.filter(kind=kind)
    if search:
        qs = qs.filter(name__icontains=search)
    open_actions = Action.objects.filter(meeting__team=OuterRef("pk"), closed_at__isnull=True)
    return qs.select_related("centre", "chair").annotate(
        member_count=Count("members", distinct=True),
        meeting_count=Count("meetings", distinct=True),
        last_met=Max("meetings__held_on"),
        has_overdue=Exists(open_actions.filter(due_on__lt=today)),
    ).order_by(*SORTS.get(sort, SORTS["name"]))


def get_team_for_user(user: Any, pk: int) -> Team:
    team = readable_teams(user).select_related("centre", "chair").filter(pk=pk).first()
    if team is None:
        raise Http404("No such team.")
    return team


def team_page(team: Team) -> Team:
    """The team with its members and its meetings (newest first), each meeting with its
    attendance counted and its actions prefetched. Three queries."""
    meetings = Meeting.objects.annotate(
        present_count=Count("present", distinct=True),
        apology_count=Count("apologies", distinct=True),
    ).prefetch_related(Prefetch("actions", queryset=Action.objects.order_by("due_on", "pk")))
    return Team.objects.filter(pk=team.pk).select_related("centre", "chair").prefetch_related(
        Prefetch("members", queryset=User.objects.order_by("full_name")),
        Prefetch("meetings", queryset=meetings),
    ).get()


def get_meeting_for_user(user: Any, pk: int) -> Meeting:
    meeting = (Meeting.objects.filter(team__in=readable_teams(user).values("pk"))
               .select_related("team__centre", "team__chair", "recorded_by")
               .prefetch_related(
                   Prefetch("present", queryset=User.objects.order_by("full_name")),
                   Prefetch("apologies", queryset=User.objects.order_by("full_name")),
                   Prefetch("team__members", queryset=User.objects.order_by("full_name")),
                   Prefetch("actions", queryset=Action.objects.select_related(
                       "owner", "closed_by").order_by("due_on", "pk")))
               .filter(pk=pk).first())
    if meeting is None:
        raise Http404("No such meeting.")
    return meeting


def get_centre_to_manage_teams(user: Any, centre_id: int) -> Centre:
    """A centre whose teams the person sets up (MANAGE_PEOPLE): 404 if they cannot see the
    centre at all, 403 if they can but do not set up its teams."""
    centre = core_selectors.get_centre_for_user(user, centre_id)
    permissions.require(user, MANAGE_PEOPLE, centre)
    return centre


def centres_managed(user: Any) -> list[Centre]:
    return list(permissions.visible(user, MANAGE_PEOPLE, Centre.objects.all()))


def staff_of(centre: Centre) -> QuerySet[User]:
    """The centre's staff in post now, by name: who can be in a team or own an action."""
    return User.objects.filter(pk__in=Appointment.objects.active().filter(
        centre=centre, role__in=STAFF_ROLES).values("person_id")).order_by("full_name")
