"""Meetings and actions pages: access -> form -> service -> redirect."""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from qmr import permissions
from qmr.feedback import attempt, download
from qmr.forms import describe_errors
from qmr.history import entries
from qmr.meetings import actions, selectors, services
from qmr.meetings.forms import ActionForm, CloseActionForm, MeetingForm, TeamForm
from qmr.meetings.models import Action, Meeting, Team, TeamKind
from qmr.roles import MANAGE_PEOPLE


@login_required
def action_detail(request: HttpRequest, pk: int) -> HttpResponse:
    action = actions.get_action_for_user(request.user, pk)
    return render(request, "meetings/action_detail.html", {
        "action": action, "may_close": action.is_open and actions.may_close(request.user, action),
        "form": CloseActionForm(),
        "history": entries(Action.history.filter(id=action.pk), lambda r: "Action")})


@login_required
@require_POST
def action_close(request: HttpRequest, pk: int) -> HttpResponse:
    action = actions.get_action_for_user(request.user, pk)
    form = CloseActionForm(request.POST, request.FILES)
    if not form.is_valid():
        messages.error(request, describe_errors(form))
        return redirect("meetings:action-detail", action.pk)
    attempt(request, lambda: actions.close_action(
        actor=request.user, action=action, evidence=form.cleaned_data["evidence"],
        file=form.cleaned_data["file"]), "Action closed with its evidence.")
    return redirect("meetings:action-detail", action.pk)


@login_required
def action_file(request: HttpRequest, pk: int) -> FileResponse:
    action = actions.get_action_for_user(request.user, pk)
    if not action.closure_file:
        raise Http404("This action has no evidence file.")
    return download(action.closure_file)


def _people(request: HttpRequest, name: str, people: Any) -> list:
    ids = [int(i) for i in request.POST.getlist(name) if i.isdigit()]
    return list(people.filter(pk__in=ids))


@login_required
def team_list(request: HttpRequest) -> HttpResponse:
    kind, search = request.GET.get("kind", ""), request.GET.get("q", "").strip()
    sort = request.GET.get("sort", "name")
    return render(request, "meetings/team_list.html", {
        "teams": selectors.teams_for_user(request.user, kind=kind, search=search, sort=sort),
        "kind": kind, "q": search, "sort": sort, "kinds": TeamKind.choices,
        "sorts": [("name", "Name"), ("last_met", "Last met"), ("kind", "Kind"),
                  ("centre", "Centre")],
        "centres": selectors.centres_managed(request.user)})


@login_required
def team_add(request: HttpRequest, centre_id: int) -> HttpResponse:
    centre = selectors.get_centre_to_manage_teams(request.user, centre_id)
    people = selectors.staff_of(centre)
    form = TeamForm(request.POST or None, people=people)
    if request.method == "POST" and form.is_valid():
        done = {}
        if attempt(request, lambda: done.setdefault("team", services.create_team(
                actor=request.user, centre=centre, **form.cleaned_data)), "Team set up."):
            return redirect("meetings:team-detail", done["team"].pk)
    return render(request, "meetings/team_form.html", {"centre": centre, "form": form})


@login_required
def team_edit(request: HttpRequest, pk: int) -> HttpResponse:
    team = selectors.get_team_for_user(request.user, pk)
    permissions.require(request.user, MANAGE_PEOPLE, team)
    people = selectors.staff_of(team.centre) | team.members.all()
    form = TeamForm(request.POST or None, people=people.distinct(), initial={
        "name": team.name, "kind": team.kind, "chair": team.chair,
        "members": list(team.members.all())})
    if request.method == "POST" and form.is_valid() and attempt(
            request, lambda: services.change_team(actor=request.user, team=team,
                                                  **form.cleaned_data), "Team saved."):
        return redirect("meetings:team-detail", team.pk)
    return render(request, "meetings/team_form.html", {"centre": team.centre, "form": form,
                                                        "team": team})


@login_required
def team_detail(request: HttpRequest, pk: int) -> HttpResponse:
    team = selectors.team_page(selectors.get_team_for_user(request.user, pk))
    return render(request, "meetings/team_detail.html", {
        "team": team, "may_record": services.may_record(request.user, team),
        "may_manage": permissions.can(request.user, MANAGE_PEOPLE, team),
        "history": entries(Team.history.filter(id=team.pk), lambda r: "Team")})


def _meeting_form(request: HttpRequest, team: Team, initial: dict | None = None) -> MeetingForm:
    return MeetingForm(request.POST or None, people=team.members.order_by("full_name"),
                       initial=initial)


@login_required
def meeting_add(request: HttpRequest, pk: int) -> HttpResponse:
    team = selectors.get_team_for_user(request.user, pk)
    if not services.may_record(request.user, team):
        raise PermissionDenied("Only the chair, the members or the Quality Nominee record "
                               "this team's meetings.")
    form = _meeting_form(request, team, {"held_on": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        done = {}
        if attempt(request, lambda: done.setdefault("m", services.record_meeting(
                actor=request.user, team=team, **form.cleaned_data)),
                "Meeting recorded. Set its actions below."):
            return redirect("meetings:meeting-detail", done["m"].pk)
    return render(request, "meetings/meeting_form.html", {"team": team, "form": form})


@login_required
def meeting_edit(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = selectors.get_meeting_for_user(request.user, pk)
    if not services.may_record(request.user, meeting.team):
        raise PermissionDenied("Only the chair, the members or the Quality Nominee correct "
                               "this team's meetings.")
    form = _meeting_form(request, meeting.team, {
        "held_on": meeting.held_on, "agenda": meeting.agenda, "minutes": meeting.minutes,
        "decisions": meeting.decisions, "present": list(meeting.present.all()),
        "apologies": list(meeting.apologies.all())})
    if request.method == "POST" and form.is_valid() and attempt(
            request, lambda: services.correct_meeting(
                actor=request.user, meeting=meeting, **form.cleaned_data), "Meeting corrected."):
        return redirect("meetings:meeting-detail", meeting.pk)
    return render(request, "meetings/meeting_form.html", {"team": meeting.team, "form": form,
                                                           "meeting": meeting})


@login_required
def meeting_detail(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = selectors.get_meeting_for_user(request.user, pk)
    may = services.may_record(request.user, meeting.team)
    history = entries(Meeting.history.filter(id=meeting.pk), lambda r: "Meeting")
    history += entries(Action.history.filter(meeting_id=meeting.pk), lambda r: "Action")
    history.sort(key=lambda e: e.when, reverse=True)
    return render(request, "meetings/meeting_detail.html", {
        "meeting": meeting, "may_record": may, "history": history, "today": timezone.localdate(),
        "action_form": ActionForm(people=selectors.staff_of(meeting.team.centre)) if may
        else None})


@login_required
@require_POST
def meeting_action_add(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = selectors.get_meeting_for_user(request.user, pk)
    form = ActionForm(request.POST, people=selectors.staff_of(meeting.team.centre))
    if not form.is_valid():
        messages.error(request, describe_errors(form))
    else:
        attempt(request, lambda: services.set_meeting_action(
            actor=request.user, meeting=meeting, **form.cleaned_data), "Action set.")
    return redirect("meetings:meeting-detail", meeting.pk)
