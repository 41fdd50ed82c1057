"""The demo centre mid-cycle: last year's review with its report and two Essential Actions
(one closed with evidence, one still open) and a Recommendation; this year's review with the
reviewer allocated, the visit agreed for March, and the Centre Engagement Document in draft,
complete but for the Head of Centre's signature. Idempotent.

This year's steps go through the services. Last year's are history: today's rules refuse a
visit date or an action's due date in the past, so those rows are written as they would have
been at the time, each with its history."""

from datetime import date, datetime, time
from typing import Any

from django.utils import timezone

from qmr.demo import DemoContext, ensure_appointment, register
from qmr.demo_data import academic_year_start
from qmr.framework.models import FrameworkVersion, Objective
from qmr.models import Appointment, User
from qmr.review import readiness, services
from qmr.review.models import (
    CycleDefinition,
    EngagementDocument,
    Judgement,
    ReviewAction,
    ReviewCycle,
    ReviewVisit,
    VisitMode,
)
from qmr.roles import Role
from qmr.services import end_of_day

EFFECTIVE, NOT_ALL = Judgement.Verdict.EFFECTIVE, Judgement.Verdict.NOT_ALL_EFFECTIVE

STRENGTHS = {
    1: ("Policies are owned, dated and reviewed on a published plan.",
        "Two centre-wide policies were late for review last year."),
    2: ("Roles are appointed with dates and the organisation chart follows from them.",
        "Cover for the Exams Officer is informal."),
    3: ("Registrations are checked against class lists each term.",
        "Late arrivals in January were registered close to the deadline."),
    4: ("Every programme has an annual review with learner and employer voices.",
        "Actions from programme reviews are not always followed to closure on time."),
    5: ("Learners are inducted and told how they are assessed.",
        "Induction records for late starters are thin."),
    6: ("Learning plans are agreed and reviewed in tutorials.",
        "Tutorial reviews are uneven between sites."),
    7: ("Employers set briefs and assess on two programmes.",
        "Employer involvement in IT is still being built."),
    8: ("Assessment plans are signed off before the year starts.",
        "Some feedback does not say clearly what to do to improve."),
    9: ("Briefs are verified before issue and IV samples cover every assessor.",
        "Remedial actions from IV are occasionally closed late."),
    10: ("Appeals are heard within their time limits and logged.",
         "Learners could be reminded of the appeals procedure more often."),
}


PROGRESS = {
    1: "Closed in May: both policies were reviewed and the review plan is published.",
    4: "Programme review actions are now tracked here to closure; three are still open and due "
       "this term, and the quality committee reviews them each term.",
    10: "Assessors now remind learners of the appeals procedure on every assignment brief.",
}


def _moment(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(10, 0)))


def _last_year(ctx: DemoContext, definition: CycleDefinition, nominee: User) -> ReviewCycle:
    """Last year's review as it happened: visit in March, report, two Essential Actions (one
    closed with evidence) and a Recommendation."""
    centre = ctx.centres["main"]
    start = academic_year_start(ctx.today) - 1
    year = centre.academic_years.get(starts_on__year=start)
    cycle = ReviewCycle.objects.filter(centre=centre, academic_year=year).first()
    if cycle is not None:
        return cycle
    reviewer = ensure_appointment(ctx, centre=centre, email="g.okafor@awarding.example",
                                  name="Graham Okafor", role=Role.QUALITY_REVIEWER,
                                  last_day=ctx.today, title="Centre Quality Reviewer")
    # Their appointment ran last year only: access ended when it did.
    Appointment.objects.filter(pk=reviewer.pk).update(
        starts_on=date(start, 10, 1), ends_at=end_of_day(date(start + 1, 7, 31)))
    cycle = ReviewCycle.objects.create(centre=centre, academic_year=year, definition=definition,
                                       opened_by=nominee)
    held = date(start + 1, 3, 11)
    ReviewVisit.objects.create(
        cycle=cycle, reviewer=reviewer, mode=VisitMode.VISIT, held_on=held, allocated_by=nominee,
        agenda="Quality Nominee meeting\nPractitioners' meeting\nLearner panel\nFeedback",
        wants_to_meet="Programme Leaders of Sport and Health and Social Care; six learners",
        report_due_on=date(start + 1, 3, 25), report_submitted_at=_moment(date(start + 1, 3, 20)),
        report_submitted_by=reviewer.person)
    objectives = {o.number: o for o in Objective.objects.filter(version=definition.version)}
    Judgement.objects.bulk_create([
        Judgement(cycle=cycle, objective=o, verdict=NOT_ALL if n in (1, 4) else EFFECTIVE,
                  comments="Policies late for review." if n == 1 else
                  "Programme review actions drift." if n == 4 else "",
                  recorded_by=reviewer.person) for n, o in objectives.items()])
    actions = [
        ReviewAction(cycle=cycle, kind=ReviewAction.Kind.ESSENTIAL, objective=objectives[1],
                     description="Review the equality and diversity and the health and safety "
                                 "policies and publish the review plan with dates.",
                     due_on=date(start + 1, 6, 10), owner=nominee, set_by=reviewer.person,
                     closed_by=nominee, closed_at=_moment(date(start + 1, 5, 21)),
                     closure_evidence="Both policies reviewed and approved by the Head of "
                                      "Centre on 21 May; the review plan is in the policy "
                                      "library with a date for every policy."),
        ReviewAction(cycle=cycle, kind=ReviewAction.Kind.ESSENTIAL, objective=objectives[4],
                     description="Follow every programme review action to closure by its due "
                                 "date, with evidence, and report progress to the quality "
                                 "committee each term.",
                     due_on=date(start + 1, 6, 10), set_by=reviewer.person),
        ReviewAction(cycle=cycle, kind=ReviewAction.Kind.RECOMMENDATION, objective=objectives[10],
                     description="Remind learners of the appeals procedure at each assignment "
                                 "hand-out.", set_by=reviewer.person),
    ]
    for action in actions:
        action.save()
    ReviewAction.objects.filter(cycle=cycle).update(set_at=_moment(date(start + 1, 3, 20)))
    return cycle


@register(order=70)
def load_review(ctx: DemoContext) -> None:
    centre = ctx.centres["main"]
    definition = CycleDefinition.objects.get(version__slug="qmr-2016-17")
    nominee = User.objects.get(email="quality@brookfield.example")
    _last_year(ctx, definition, nominee)
    start = academic_year_start(ctx.today)
    year = centre.academic_years.get(starts_on__year=start)
    if not ReviewCycle.objects.filter(centre=centre, academic_year=year).exists():
        _this_year(ctx, centre, year, nominee)
    readiness.ensure_weekly_snapshot(centre)  # the weekly task's first, so the home page has it


def _this_year(ctx: DemoContext, centre: Any, year: Any, nominee: User) -> None:
    """This year's review: the reviewer allocated, the visit agreed for March, the document
    complete but for the Head of Centre's signature."""
    start = year.starts_on.year
    cycle = services.open_cycle(actor=nominee, centre=centre, academic_year=year,
                                version=FrameworkVersion.objects.get(slug="qmr-2016-17"))
    reviewer = ensure_appointment(ctx, centre=centre, email="reviewer@awarding.example",
                                  name="Elaine Moss", role=Role.QUALITY_REVIEWER,
                                  last_day=date(start + 1, 7, 31))
    visit = services.allocate_reviewer(actor=nominee, cycle=cycle, reviewer=reviewer)
    services.arrange_visit(
        actor=nominee, visit=visit, held_on=date(start + 1, 3, 10), mode=VisitMode.VISIT,
        agenda="09:00 Quality Nominee: the Centre Engagement Document and last year's actions\n"
               "10:30 Practitioners' meeting\n12:00 Learner panel\n13:30 Evidence sampling and "
               "learner trails\n15:30 Verbal feedback",
        wants_to_meet="The Programme Leaders of Sport and of IT, a Lead Internal Verifier, "
                      "and six learners across Level 2 and Level 3")
    document = services.start_document(actor=nominee, cycle=cycle)
    document = EngagementDocument.objects.prefetch_related("progress__action", "statements",
                                                           "approvals").get(pk=document.pk)
    services.save_document(
        actor=nominee, document=document,
        changes="A new assessment and internal verification policy was approved in July. "
                "Programme review actions are now tracked to closure in this system, with "
                "evidence, and reported to the quality committee each term.",
        terms_accepted=True,
        progress={p.action_id: PROGRESS[p.action.objective.number]
                  for p in document.progress.all()},
        statements={s.objective_id: STRENGTHS.get(s.objective.number, ("", ""))
                    for s in document.statements.all()},
        declared={a.code: ("continuing", "") for a in document.approvals.all()})
