"""Employer involvement's part of the demo: Sport's plan for this year, three activities with
local employers (invented), its learners' participation, and one verified by the IV."""

from datetime import timedelta

from qmr.demo import DemoContext, register
from qmr.models import User
from registrations.employer_involvement import services
from registrations.employer_involvement.models import EmployerActivity
from registrations.models import Programme

PLAN = [
    # (days after the year starts, activity, employer, what learners do, units)
    (45, "Coaching session with a club's head coach", "Riverside Harriers Athletics Club",
     "Learners plan and deliver a warm-up for junior members, then the head coach gives "
     "each of them feedback against a club coaching checklist.", 2),
    (75, "Fitness testing day at a leisure centre", "Meadowbank Leisure Trust",
     "The centre's fitness instructors set a real testing brief; learners run the tests and "
     "present their results to the duty manager.", 1),
    (160, "Event planning brief from a sports charity", "Open Pitch Community Sport",
     "The charity's events officer sets the brief for a community fun run that learners plan "
     "and review with her.", 0),
]


@register(order=57)
def load_employer_involvement(ctx: DemoContext) -> None:
    sport = Programme.objects.get(centre=ctx.centres["main"], code="BSP3X1")
    leader = User.objects.get(email="sport.lead@brookfield.example")
    iv = User.objects.get(email="s.patel@brookfield.example")
    year = sport.centre.academic_years.get(name=ctx.year_name)
    units = list(sport.units.order_by("pk")[:2])
    learners = list(sport.learners.order_by("last_name", "first_name"))
    for i, (days, title, employer, description, n_units) in enumerate(PLAN):
        held_on = year.starts_on + timedelta(days=days)
        activity = EmployerActivity.objects.filter(programme=sport, academic_year=year,
                                                   title=title).first()
        if activity is None:
            activity = services.plan_activity(
                actor=leader, programme=sport, year=year, title=title, employer=employer,
                held_on=held_on, description=description, units=units[:n_units])
        if held_on > ctx.today or activity.participations.exists() or not learners:
            continue
        absent = learners[i::5]  # one in five missed it
        services.record_participation(actor=leader, activity=activity,
                                      learners=[lr for lr in learners if lr not in absent])
        if absent:
            services.record_participation(actor=leader, activity=activity, learners=absent,
                                          took_part=False, notes="Absent on the day.")
        if i == 0:
            services.verify_activity(
                actor=iv, activity=activity, outcome=EmployerActivity.Outcome.MEANINGFUL,
                notes="Observed the session: every learner delivered part of it and had "
                      "the coach's written feedback against the unit's criteria.")
