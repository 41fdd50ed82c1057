"""Programme review's part of the demo: Sport's review of last year, signed off with its
action closed, and this year's in preparation with an action plan under way."""

from datetime import timedelta

from qmr.demo import DemoContext, register
from qmr.meetings.actions import close_action
from qmr.models import User
from registrations.models import Programme
from registrations.programme_review import services
from registrations.programme_review.models import ProgrammeReview

LAST_YEAR = {
    "learner_voice": "End-of-year survey (24 of 27 learners): practical sessions rated highly; "
                     "learners wanted assignment deadlines spread more evenly across the year.",
    "staff_voice": "The team found the spring term overloaded with hand-ins and asked for a "
                   "shared assessment calendar.",
    "stakeholder_views": "Two local clubs who hosted coaching sessions would take learners "
                         "again; one asked for earlier notice of dates.",
    "strengths": "Retention and practical coaching units; feedback linked to the criteria.",
    "areas_to_improve": "Assignment deadlines bunched in spring; Distinction rates on the "
                        "anatomy unit below the subject area's.",
}
THIS_YEAR = {
    "learner_voice": "Autumn learner forum: the new assessment calendar is clearer; learners "
                     "asked for more examples of Distinction-level work.",
    "staff_voice": "The team wants a second standardisation activity before spring hand-ins.",
    "stakeholder_views": "",
    "strengths": "Deadlines now spread across three terms; attendance above 94%.",
    "areas_to_improve": "",
}


def _review(ctx: DemoContext, programme: Programme, year_name: str, sections: dict,
            leader: User) -> ProgrammeReview:
    year = programme.centre.academic_years.get(name=year_name)
    review = ProgrammeReview.objects.filter(programme=programme, academic_year=year).first()
    if review is None:
        review = services.start_review(actor=leader, programme=programme, year=year)
        services.update_review(actor=leader, review=review, **sections)
    return review


@register(order=58)
def load_programme_reviews(ctx: DemoContext) -> None:
    sport = Programme.objects.get(centre=ctx.centres["main"], code="BSP3X1")
    leader = User.objects.get(email="sport.lead@brookfield.example")
    slt = User.objects.get(email="slt@brookfield.example")
    iv = User.objects.get(email="s.patel@brookfield.example")
    start = int(ctx.year_name[:4])
    last = _review(ctx, sport, f"{start - 1}/{str(start)[-2:]}", LAST_YEAR, leader)
    if not last.actions.exists():
        action = services.add_review_action(
            actor=leader, review=last, owner=leader, due_on=ctx.today,
            description="Publish a shared assessment calendar so hand-ins are spread across "
                        "the three terms.")
        close_action(actor=leader, action=action,
                     evidence="Calendar agreed at the September team meeting and shared with "
                              "learners in induction week.")
    if not last.signed_off:
        services.sign_off_review(actor=slt, review=last)
    current = _review(ctx, sport, ctx.year_name, THIS_YEAR, leader)
    if not current.actions.exists():
        services.add_review_action(
            actor=leader, review=current, owner=iv, due_on=ctx.today + timedelta(days=60),
            description="Run a standardisation activity on Distinction-level work before the "
                        "spring hand-ins.")
        services.add_review_action(
            actor=leader, review=current, owner=leader, due_on=ctx.today + timedelta(days=30),
            description="Collect the host clubs' views for the stakeholder section.")
