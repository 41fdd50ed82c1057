"""QO.2.5 evidence: each team met formally this year, and the actions its meetings set are
closed on time."""

from django.db.models import Max, Q
from django.urls import reverse
from django.utils import timezone

from qmr.evidence import Evidence, Record, Status, register
from qmr.meetings.models import Action, Team
from qmr.selectors import current_year


@register("meetings.team_meetings", "QO.2.5", "Teams meet formally and close their actions")
def team_meetings(centre) -> Evidence:
    """Met when every team has met this academic year and no action a meeting set is
    overdue or was closed after its due date; names the teams and the actions that fall short."""
    title = "Teams meet formally and close their actions"
    today = timezone.localdate()
    year = current_year(centre)
    teams = list(Team.objects.filter(centre=centre).annotate(last_met=Max(
        "meetings__held_on", filter=Q(meetings__held_on__gte=year.starts_on) if year
        else Q(pk__in=[]))))
    if not teams:
        return Evidence("QO.2.5", title, Status.MISSING, "No teams are set up yet.")
    actions = list(Action.objects.filter(meeting__team__centre=centre).select_related(
        "owner", "meeting__team"))
    overdue = [a for a in actions if a.is_open and a.due_on < today]
    late = [a for a in actions if not a.is_open and timezone.localdate(a.closed_at) > a.due_on]
    not_met = [t for t in teams if t.last_met is None]
    on_time = [a for a in actions if not a.is_open and a not in late]
    status = (Status.MISSING if len(not_met) == len(teams)
              else Status.WEAK if not_met or overdue or late else Status.IN_PLACE)
    summary = (f"{len(teams) - len(not_met)} of {len(teams)} teams met in "
               f"{year or 'the current year'}; actions: {len(on_time)} closed on time, "
               f"{len(late)} closed late, {len(overdue)} overdue.")
    if overdue:
        summary += " Overdue: " + "; ".join(f"{a} ({a.owner}, due {a.due_on:%d %b %Y})"
                                            for a in overdue) + "."
    records = [Record(f"{t}: no meeting recorded this year",
                      reverse("meetings:team-detail", args=[t.pk])) for t in not_met]
    records += [Record(f"{t}: last met {t.last_met:%d %b %Y}",
                       reverse("meetings:team-detail", args=[t.pk]))
                for t in teams if t.last_met]
    for label, rows in (("Overdue", overdue), ("Closed late", late),
                        ("Closed on time", on_time)):
        records += [Record(f"{label}: {a} ({a.owner}, {a.meeting.team}, due "
                           f"{a.due_on:%d %b %Y})", reverse("meetings:action-detail",
                                                            args=[a.pk])) for a in rows]
    return Evidence("QO.2.5", title, status, summary, records)
