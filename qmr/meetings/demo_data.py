"""The demo's teams and meetings: the Sport programme team and the quality committee, each
with a meeting this term; one action overdue, one closed with its evidence, one open.
Through the real services; idempotent."""

from datetime import timedelta

from qmr.demo import DemoContext, register
from qmr.meetings import actions, services
from qmr.meetings.models import Action, Team, TeamKind
from qmr.models import User

SPORT = ["sport.lead@brookfield.example", "r.ng@brookfield.example",
         "s.patel@brookfield.example", "lead.iv@brookfield.example"]
COMMITTEE = ["head@brookfield.example", "slt@brookfield.example",
             "quality@brookfield.example", "exams@brookfield.example",
             "sport.lead@brookfield.example", "hsc.lead@brookfield.example",
             "it.lead@brookfield.example"]


def _people(emails: list[str]) -> list[User]:
    found = {u.email: u for u in User.objects.filter(email__in=emails)}
    return [found[e] for e in emails]


def _team(ctx: DemoContext, name: str, kind: str, emails: list[str], actor: User) -> Team:
    centre = ctx.centres["main"]
    team = Team.objects.filter(centre=centre, name=name).first()
    if team is None:
        people = _people(emails)
        team = services.create_team(actor=actor, centre=centre, name=name, kind=kind,
                                    members=people, chair=people[0])
    return team


@register(order=54)
def load_meetings(ctx: DemoContext) -> None:
    nominee = User.objects.get(email="quality@brookfield.example")
    sport = _team(ctx, "Sport programme team", TeamKind.PROGRAMME_TEAM, SPORT, nominee)
    committee = _team(ctx, "Quality committee", TeamKind.QUALITY_COMMITTEE, COMMITTEE, nominee)
    leader, ng, patel, lead_iv = _people(SPORT)
    if not sport.meetings.exists():
        held = ctx.today - timedelta(days=21)
        meeting = services.record_meeting(
            actor=leader, team=sport, held_on=held,
            agenda="Learner progress against the tracking grid\nAssessment plan for the "
            "spring units\nStandards verification: sampling window and what to send\n"
            "Quality issues",
            present=[leader, ng, lead_iv], apologies=[patel],
            minutes="Three learners are behind on Unit 2; their assessor will agree a catch-up "
            "plan with each. The spring assessment plan was agreed subject to the Lead IV's "
            "sign-off. The standards verifier's window opens after half term.",
            decisions="Unit 2 catch-up plans for the three learners behind. The Unit 3 brief "
            "goes to internal verification before it is issued.")
        overdue = services.set_meeting_action(
            actor=leader, meeting=meeting, owner=ng, due_on=ctx.today,
            description="Agree a catch-up plan with each of the three learners behind on "
            "Unit 2")
        # The demo is loaded today, but the meeting was three weeks ago: its first action fell
        # due a week ago. A service cannot set a past due date, so the date is moved here (the
        # audited queryset keeps the change in the action's history).
        Action.objects.filter(pk=overdue.pk).update(due_on=ctx.today - timedelta(days=7),
                                                    raised_at=overdue.raised_at
                                                    - timedelta(days=21))
        services.set_meeting_action(
            actor=leader, meeting=meeting, owner=lead_iv, due_on=ctx.today + timedelta(days=14),
            description="Sign off the spring assessment plan")
    if not committee.meetings.exists():
        members = _people(COMMITTEE)
        meeting = services.record_meeting(
            actor=nominee, team=committee, held_on=ctx.today - timedelta(days=10),
            agenda="Last year's quality review outcomes\nPolicy reviews due this term\n"
            "Registration deadlines\nStaff CPD so far this year",
            present=members[:5], apologies=members[5:6],
            minutes="The committee went through last year's review report. Two policies are "
            "due for review this term. Registrations are on track for the November deadline.",
            decisions="The Quality Nominee circulates the draft appeals policy before the next "
            "meeting.")
        action = services.set_meeting_action(
            actor=nominee, meeting=meeting, owner=nominee, due_on=ctx.today + timedelta(days=5),
            description="Circulate the draft appeals policy to the committee")
        actions.close_action(actor=nominee, action=action,
                             evidence="Sent to every member by e-mail; the draft is in the "
                             "policy library.")
