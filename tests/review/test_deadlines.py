"""The annual review's deadlines: the visit while it is to come, the Centre Engagement Document
before it until submitted, the reviewer's report until submitted, and the Essential Actions
the report sets until closed."""

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from qmr.deadlines import registry
from qmr.framework.models import Objective
from qmr.review import services
from tests.review.conftest import VISIT_DAY, open_review
from tests.review.test_document import fill
from tests.review.test_visit_and_report import judge_all, open_review_elsewhere

pytestmark = pytest.mark.django_db
AFTER_VISIT = datetime(2027, 3, 12, 10, tzinfo=ZoneInfo("Europe/London"))


def collect(kind, centre, today=None):
    source = {s.kind: s for s in registry.sources()}[kind]
    return list(source.collect(centre, today or timezone.localdate()))


def queries(kind, centre):
    with CaptureQueriesContext(connection) as ctx:
        collect(kind, centre)
    return len(ctx)


def essential(world, review, description="Minute every standardisation meeting.",
              due_on=date(2027, 6, 1), number=3):
    objective = Objective.objects.get(version=review.cycle.definition.version_id, number=number)
    return services.add_review_action(actor=world["reviewer"], cycle=review.cycle,
                                      kind="essential", objective=objective,
                                      description=description, due_on=due_on)


# --- The visit -------------------------------------------------------------------------------

def test_the_agreed_visit_is_due_for_the_quality_nominee_until_it_has_come(world, review):
    [due] = collect("review.visit", world.centre)
    assert (due.key, due.due_on, due.owner_id) == (
        f"review.visit:{review.visit.pk}", VISIT_DAY, None)
    assert due.title == "Visit to the centre for the 2026/27 quality review"
    assert due.url == reverse("review:cycle", args=[review.cycle.pk])
    assert collect("review.visit", world.centre, VISIT_DAY) != []
    assert collect("review.visit", world.centre, VISIT_DAY + timedelta(days=1)) == []


def test_a_visit_with_no_date_agreed_is_not_due(world, review):
    services.arrange_visit(actor=world["nominee"], visit=review.visit, held_on=None,
                           mode="visit")
    assert collect("review.visit", world.centre) == []


def test_another_centres_visit_is_not_due_here(world, review):
    assert collect("review.visit", world.other_centre) == []


# --- The Centre Engagement Document ----------------------------------------------------------

def test_the_document_is_due_the_day_before_the_visit_until_submitted(world, review):
    [due] = collect("review.engagement_document", world.centre)
    assert (due.key, due.due_on, due.owner_id) == (
        f"review.engagement_document:{review.cycle.pk}", date(2027, 3, 9), None)
    assert due.title == ("Submit the 2026/27 Centre Engagement Document, signed by the Head of "
                         "Centre")
    assert due.url == reverse("review:cycle", args=[review.cycle.pk])
    assert due.rule == "The day before the visit to the centre on 10 March 2027."
    document = fill(world, services.start_document(actor=world["nominee"], cycle=review.cycle))
    [due] = collect("review.engagement_document", world.centre)
    assert due.url == reverse("review:document", args=[document.pk])
    services.sign_declaration(actor=world["head"], document=document)
    services.submit_document(actor=world["nominee"], document=document)
    assert collect("review.engagement_document", world.centre) == []


def test_a_new_version_after_submission_does_not_reopen_it(world, review):
    document = fill(world, services.start_document(actor=world["nominee"], cycle=review.cycle))
    services.sign_declaration(actor=world["head"], document=document)
    services.submit_document(actor=world["nominee"], document=document)
    services.revise_document(actor=world["nominee"], document=document,
                             reason="A programme was withdrawn.")
    assert collect("review.engagement_document", world.centre) == []


def test_the_annual_quality_declaration_is_due_at_the_end_of_its_window(world):
    review = open_review(world, slug="btec-qa-2019")
    [due] = collect("review.engagement_document", world.centre)
    assert due.title == ("Submit the 2026/27 Annual Quality Declaration, signed by the Head of "
                         "Centre")
    assert due.due_on == date(2026, 10, 14)  # missed already: still due
    assert due.key == f"review.engagement_document:{review.cycle.pk}"


def test_another_centres_document_is_not_due_here(world, review):
    open_review_elsewhere(world)
    assert [d.key for d in collect("review.engagement_document", world.centre)] == [
        f"review.engagement_document:{review.cycle.pk}"]


# --- The reviewer's report -------------------------------------------------------------------

def test_the_report_is_due_for_the_reviewer_ten_working_days_after_the_visit(world, review):
    [due] = collect("review.report", world.centre)
    assert (due.key, due.due_on, due.owner_id) == (
        f"review.report:{review.visit.pk}", date(2027, 3, 24), world["reviewer"].pk)
    assert due.title == (f"Submit the report on the 2026/27 visit to the centre at "
                         f"{world.centre.name}")
    assert due.url == reverse("review:report", args=[review.cycle.pk])
    with time_machine.travel(AFTER_VISIT, tick=True):
        judge_all(world, review)
        services.submit_report(actor=world["reviewer"], cycle=review.cycle)
    assert collect("review.report", world.centre) == []


def test_another_centres_report_is_not_due_here(world, review):
    assert collect("review.report", world.other_centre) == []


# --- Essential Actions -----------------------------------------------------------------------

def test_an_essential_action_is_due_once_the_report_is_in_until_closed(world, review):
    with time_machine.travel(AFTER_VISIT, tick=True):
        action = essential(world, review)
        assert collect("review.essential_action", world.centre) == []  # may still be taken back
        judge_all(world, review)
        services.submit_report(actor=world["reviewer"], cycle=review.cycle)
        [due] = collect("review.essential_action", world.centre)
        assert (due.key, due.due_on, due.owner_id) == (
            f"review.essential_action:{action.pk}", date(2027, 6, 1), None)
        assert due.title == ("Close Essential Action QO.3 of the 2026/27 review: Minute every "
                             "standardisation meeting.")
        assert due.url == reverse("review:action", args=[action.pk])
        services.assign_owner(actor=world["nominee"], action=action, owner=world["leader"])
        [due] = collect("review.essential_action", world.centre)
        assert due.owner_id == world["leader"].pk
        services.close_review_action(actor=world["leader"], action=action,
                                     evidence="Minutes of 2 May.")
        assert collect("review.essential_action", world.centre) == []


def test_a_recommendation_has_no_deadline(world, review):
    with time_machine.travel(AFTER_VISIT, tick=True):
        objective = Objective.objects.get(version=review.cycle.definition.version_id, number=2)
        services.add_review_action(actor=world["reviewer"], cycle=review.cycle,
                                   kind="recommendation", objective=objective,
                                   description="Share good practice.")
        judge_all(world, review)
        services.submit_report(actor=world["reviewer"], cycle=review.cycle)
        assert collect("review.essential_action", world.centre) == []
        assert collect("review.essential_action", world.other_centre) == []


def test_each_source_costs_the_same_with_one_cycle_as_with_three(world, review):
    kinds = ("review.visit", "review.engagement_document", "review.report",
             "review.essential_action")
    one = [queries(kind, world.centre) for kind in kinds]
    for start in (2027, 2028):  # two more years' cycles, each with its visit agreed
        open_review(world, start=start)
    with time_machine.travel(AFTER_VISIT, tick=True):
        for number in (3, 4, 5):
            essential(world, review, f"Action on objective {number}.", number=number)
        judge_all(world, review)
        services.submit_report(actor=world["reviewer"], cycle=review.cycle)
    # the first cycle's report is in: its document is no longer due
    assert [len(collect(k, world.centre)) for k in kinds] == [3, 2, 2, 3]
    # one query each: the rows with their cycle, year, definition (and visit or reviewer)
    assert [queries(kind, world.centre) for kind in kinds] == one == [1, 1, 1, 1]
