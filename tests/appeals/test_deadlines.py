"""The appeals app's deadline sources: each open appeal's current stage by its stored limit,
what a malpractice case waits on from the Head of Centre, and special consideration owed to
the awarding body. Each in a fixed number of queries."""

from datetime import date, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from appeals.adjustments import services as adjustments
from appeals.decisions import services
from appeals.malpractice import services as malpractice
from appeals.malpractice.models import Category
from qmr.calendar import WorkingDays
from qmr.deadlines import registry
from tests.appeals.conftest import decide
from tests.appeals.malpractice.conftest import (  # noqa: F401  (fixtures)
    learner_case,
    outside_team,
    staff_case,
)

pytestmark = pytest.mark.django_db


def collect(kind, centre, today=None):
    source = {s.kind: s for s in registry.sources()}[kind]
    return list(source.collect(centre, today or timezone.localdate()))


def queries(kind, centre):
    with CaptureQueriesContext(connection) as ctx:
        collect(kind, centre)
    return len(ctx)


# --- Appeal stages ---------------------------------------------------------------------------

def test_an_open_appeals_first_stage_is_due_by_its_stored_limit_for_the_assessor(world, appeal):
    stage = appeal.stages.get()
    [due] = collect("appeals.appeal_stage", world.centre)
    assert (due.key, due.due_on, due.owner_id) == (
        f"appeals.appeal_stage:{stage.pk}", stage.due_on, world["assessor"].pk)
    assert due.title == f"Decide stage 1 of {appeal.learner}'s appeal against Careers in sport"
    assert due.url == reverse("appeals:appeal-detail", args=[appeal.pk])
    assert due.rule.startswith("5 term-time working days, the centre's stage 1 limit")


def test_a_decided_stage_waits_on_the_learner_and_is_met(world, appeal):
    decide(world, appeal, "assessor")
    assert collect("appeals.appeal_stage", world.centre) == []


@pytest.mark.parametrize("stage, owner", [(2, "iv"), (3, "slt"), (4, "head")])
def test_each_later_stage_belongs_to_its_decider(world, appeal, stage, owner):
    for who in ("assessor", "iv", "slt")[:stage - 1]:
        decide(world, appeal, who)
        services.take_further(actor=world["learner"], appeal=appeal)
    [due] = collect("appeals.appeal_stage", world.centre)
    assert due.owner_id == world[owner].pk
    assert due.due_on == services.current_stage(appeal).due_on


def test_stage_four_is_sent_then_answered_by_the_head(world, appeal):
    for who in ("assessor", "iv", "slt"):
        decide(world, appeal, who)
        services.take_further(actor=world["learner"], appeal=appeal)
    [due] = collect("appeals.appeal_stage", world.centre)
    assert due.title.startswith("Send ") and due.title.endswith("to the awarding body (stage 4)")
    services.send_to_awarding_body(actor=world["head"], stage=services.current_stage(appeal))
    [due] = collect("appeals.appeal_stage", world.centre)
    assert due.title.startswith("Record the awarding body's answer")


def test_an_overdue_stage_is_still_due_and_a_closed_appeal_is_not(world, appeal):
    stage = appeal.stages.get()
    [due] = collect("appeals.appeal_stage", world.centre, stage.due_on + timedelta(days=7))
    assert due.due_on == stage.due_on
    decide(world, appeal, "assessor")
    services.accept_outcome(actor=world["learner"], appeal=appeal)
    assert collect("appeals.appeal_stage", world.centre) == []


def test_another_centres_appeal_is_not_due_here(world, appeal):
    assert collect("appeals.appeal_stage", world.other_centre) == []


def test_appeal_stages_cost_the_same_with_one_appeal_as_with_four(world, released, appeal):
    one = queries("appeals.appeal_stage", world.centre)
    for decision in released.values():
        if decision.pk != appeal.decision_id:
            services.lodge_appeal(actor=world["assessor"], decision=decision, grounds="Look.")
    assert len(collect("appeals.appeal_stage", world.centre)) == 4
    # 1 stages with appeal, learner and assignment  2 the centre's limits  3 senior holders
    assert queries("appeals.appeal_stage", world.centre) == one == 3


# --- Malpractice -----------------------------------------------------------------------------

def _two_working_days_after(world, day):
    return WorkingDays(world.centre, term_time=False).add(day, 2)


def test_a_staff_case_waits_on_the_head_for_an_investigator_and_the_report(world, staff_case):  # noqa: F811
    dues = {d.key: d for d in collect("appeals.malpractice", world.centre)}
    due_on = _two_working_days_after(world, timezone.localdate())
    assert set(dues) == {f"appeals.malpractice:{staff_case.pk}:investigator",
                         f"appeals.malpractice:{staff_case.pk}:report"}
    assert {(d.due_on, d.owner_id) for d in dues.values()} == {(due_on, world["head"].pk)}
    investigator = dues[f"appeals.malpractice:{staff_case.pk}:investigator"]
    assert investigator.title == (f"Appoint an investigator for malpractice case "
                                  f"{staff_case.pk} (improper help given to learners, Assessor)")


def test_appointing_and_reporting_meet_the_case_deadlines(world, staff_case, outside_team):  # noqa: F811
    malpractice.appoint_investigator(actor=world["head"], case=staff_case,
                                     investigator=outside_team)
    [due] = collect("appeals.malpractice", world.centre)
    assert due.key.endswith(":report")
    malpractice.record_report_to_awarding_body(actor=world["head"], case=staff_case,
                                               reference="MP-1")
    assert collect("appeals.malpractice", world.centre) == []


def test_a_learner_case_is_reported_only_once_proven_on_declared_work(world, learner_case):  # noqa: F811
    [due] = collect("appeals.malpractice", world.centre)
    assert due.key.endswith(":investigator")
    malpractice.appoint_investigator(actor=world["head"], case=learner_case,
                                     investigator=world["slt"])
    malpractice.record_notification(actor=world["slt"], case=learner_case)
    assert collect("appeals.malpractice", world.centre) == []
    malpractice.record_finding(actor=world["slt"], case=learner_case, finding="proven",
                               reasons="The references do not exist.")
    [due] = collect("appeals.malpractice", world.centre)
    assert due.key == f"appeals.malpractice:{learner_case.pk}:report"
    assert due.due_on == _two_working_days_after(world, timezone.localdate())


def test_another_centres_case_is_not_due_here(world, staff_case):  # noqa: F811
    assert collect("appeals.malpractice", world.other_centre) == []


def test_malpractice_costs_the_same_with_one_case_as_with_five(world, staff_case):  # noqa: F811
    one = queries("appeals.malpractice", world.centre)
    for _ in range(4):
        malpractice.raise_case(actor=world["nominee"], centre=world.centre,
                               staff_member=world["iv"], category=Category.CHANGED_MARKS,
                               allegation="Marks changed after IV.")
    assert len(collect("appeals.malpractice", world.centre)) == 10
    # 1 the open cases with the accused  2 the Head of Centre
    assert queries("appeals.malpractice", world.centre) == one == 2


# --- Special consideration -------------------------------------------------------------------

def _request(world, assignment, assessed_on=None, kind="illness"):
    return adjustments.request_consideration(
        actor=world["assessor"], learner=world["learner"].learner, assignment=assignment,
        kind=kind, assessed_on=assessed_on or timezone.localdate(),
        circumstances="Flu in the week.")


def test_a_request_is_due_at_the_awarding_body_fourteen_days_after_the_assessment(
        world, issued, assignment):
    request = _request(world, assignment, assessed_on=date(2026, 11, 20))
    [due] = collect("appeals.special_consideration", world.centre)
    assert (due.key, due.due_on, due.owner_id) == (
        f"appeals.special_consideration:{request.pk}", date(2026, 12, 4), world["head"].pk)
    assert due.title.startswith(f"Authorise or refuse special consideration for "
                                f"{request.learner} on Careers in sport")
    assert due.rule.startswith("14 calendar days after the assessment on 20 November 2026")
    assert due.url == reverse("appeals:consideration-detail", args=[request.pk])


def test_an_authorised_request_is_due_until_sent(world, issued, assignment):
    request = _request(world, assignment)
    adjustments.decide_consideration(actor=world["head"], request=request, authorise=True,
                                     reasons="The GP's note.")
    [due] = collect("appeals.special_consideration", world.centre)
    assert due.title.startswith("Send the special consideration")
    adjustments.record_sent(actor=world["nominee"], request=request)
    assert collect("appeals.special_consideration", world.centre) == []


def test_a_refused_request_goes_nowhere(world, issued, assignment):
    request = _request(world, assignment)
    adjustments.decide_consideration(actor=world["head"], request=request, authorise=False,
                                     reasons="No evidence.")
    assert collect("appeals.special_consideration", world.centre) == []


def test_another_centres_request_is_not_due_here(world, issued, assignment):
    _request(world, assignment)
    assert collect("appeals.special_consideration", world.other_centre) == []


def test_special_consideration_costs_the_same_with_one_request_as_with_five(
        world, issued, assignment):
    _request(world, assignment)
    one = queries("appeals.special_consideration", world.centre)
    for n in range(4):
        _request(world, assignment, assessed_on=timezone.localdate() - timedelta(days=n),
                 kind="absence")
    assert len(collect("appeals.special_consideration", world.centre)) == 5
    # 1 the requests with learner and assignment  2 the Head of Centre
    assert queries("appeals.special_consideration", world.centre) == one == 2

