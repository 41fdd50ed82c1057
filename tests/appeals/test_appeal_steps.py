"""The steps of an appeal, through the services: who may take each, in what order, within
which limits, and what an upheld outcome changes in the assessment record."""

from datetime import timedelta

import pytest
import time_machine
from dateutil.relativedelta import relativedelta
from django.core import mail
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from appeals.decisions import services
from appeals.decisions.models import Appeal, AppealStage, AppealStatus, ResultInDoubt
from assessment.models import Decision
from qmr.calendar import WorkingDays
from qmr.errors import DomainError
from qmr.roles import Role
from registrations.claim_checks import ClaimScope, run_claim_checks
from tests.appeals.conftest import decide, upheld_results
from tests.conftest import appoint

pytestmark = pytest.mark.django_db


def _unchanged(appeal):
    """What a refused step must leave as it was."""
    return (Appeal.objects.filter(pk=appeal.pk).values_list("status", flat=True).get(),
            list(AppealStage.objects.filter(appeal=appeal).values_list("number", "outcome")),
            Decision.objects.count())


def test_the_learner_lodges_and_stage_one_runs_five_term_time_working_days(world, appeal):
    stage = appeal.stages.get()
    assert stage.number == 1 and stage.opened_on == timezone.localdate()
    assert stage.due_on == WorkingDays(world.centre).add(stage.opened_on, 5)
    assert appeal.status == AppealStatus.OPEN and appeal.lodged_by == world["learner"]


def test_an_appeal_after_the_time_limit_is_refused_and_nothing_is_made(world, mine):
    last_day = services.lodge_deadline(mine)
    with time_machine.travel(last_day + timedelta(days=1)), \
            pytest.raises(DomainError, match="The time to appeal this result ended on"):
        services.lodge_appeal(actor=world["learner"], decision=mine, grounds="Late.")
    assert not Appeal.objects.exists()


def test_only_the_learner_or_their_programmes_staff_lodge(world, mine):
    for who in ("exams", "outsider"):
        with pytest.raises(PermissionDenied):
            services.lodge_appeal(actor=world[who], decision=mine, grounds="For them.")
    assert not Appeal.objects.exists()
    assert services.lodge_appeal(actor=world["iv"], decision=mine, grounds="For them.")


@pytest.mark.parametrize("who", ["iv", "slt", "head", "learner"])
def test_stage_one_decided_by_anyone_but_the_assessor_is_refused(world, appeal, who):
    before = _unchanged(appeal)
    with pytest.raises(PermissionDenied, match="Stage 1: the assessor and the learner is "
                                               "decided by the assignment's assessor"):
        decide(world, appeal, who)
    assert _unchanged(appeal) == before


def test_a_stage_is_never_skipped(world, appeal):
    with pytest.raises(DomainError, match="has not been decided yet"):
        services.take_further(actor=world["learner"], appeal=appeal)
    decide(world, appeal, "assessor")
    services.take_further(actor=world["learner"], appeal=appeal)
    before = _unchanged(appeal)
    # Stage 2 is open: the senior manager (stage 3's decider) cannot decide it.
    with pytest.raises(PermissionDenied, match="Stage 2"):
        decide(world, appeal, "slt")
    # The decided stage 1 cannot be decided again.
    with pytest.raises(DomainError, match="Stage 2: the internal verifier is the appeal's "
                                          "current stage"):
        services.decide_stage(actor=world["assessor"], stage=appeal.stages.get(number=1),
                              outcome="upheld", reasons="Changed my mind.")
    assert _unchanged(appeal) == before


def test_the_appealed_assessor_never_decides_a_later_stage(world, appeal):
    appoint(world.centre, "assessor@a.example", Role.INTERNAL_VERIFIER, world.programme)
    decide(world, appeal, "assessor")
    services.take_further(actor=world["learner"], appeal=appeal)
    before = _unchanged(appeal)
    with pytest.raises(PermissionDenied, match="never the assessor whose decision"):
        decide(world, appeal, "assessor")
    assert _unchanged(appeal) == before


def test_upheld_at_stage_two_corrects_the_result_through_the_assessment_record(
        world, appeal, assignment, mine):
    decide(world, appeal, "assessor", reasons="P2 is not met.")
    services.take_further(actor=world["learner"], appeal=appeal)
    stage = decide(world, appeal, "iv", outcome="upheld", reasons="Page 3 meets P2.",
                   results=upheld_results(assignment))
    appeal.refresh_from_db()
    assert appeal.status == AppealStatus.UPHELD and appeal.closed_on == timezone.localdate()
    corrected = stage.corrected_decision
    assert corrected.supersedes_id == mine.pk and corrected.assessor == world["iv"]
    assert corrected.correction_reason == "Appeal upheld at stage 2: Page 3 meets P2."
    assert {r.criterion.code for r in corrected.results.all() if r.achieved} == {"P1", "P2"}
    mine.refresh_from_db()
    assert {r.criterion.code for r in mine.results.all() if r.achieved} == {"P1"}  # kept


def test_upheld_without_the_corrected_result_is_refused(world, appeal):
    before = _unchanged(appeal)
    with pytest.raises(DomainError, match="give the corrected result"):
        decide(world, appeal, "assessor", outcome="upheld")
    assert _unchanged(appeal) == before


def test_the_learner_is_told_each_outcome(world, appeal, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        stage = decide(world, appeal, "assessor", reasons="P2 needs a comparison.")
    stage.refresh_from_db()
    assert stage.learner_told_at is not None
    assert mail.outbox[-1].to == [world["learner"].email]
    assert "P2 needs a comparison." in mail.outbox[-1].body
    assert "stage 2" in mail.outbox[-1].body


def test_others_in_doubt_cannot_be_claimed_until_reviewed(world, appeal, assignment, released):
    decide(world, appeal, "assessor", outcome="upheld", reasons="P2 is met after all.",
           results=upheld_results(assignment), others_in_doubt=True)
    others = [pk for pk in released if pk != world["learner"].learner.pk]
    doubts = ResultInDoubt.objects.filter(resolved_at__isnull=True)
    assert sorted(d.submission.learner_id for d in doubts) == sorted(others)
    learners = [d.submission.learner for d in doubts]
    scope = ClaimScope(world.programme)
    findings = run_claim_checks(learners, scope)
    assert all(any("in doubt after another learner's appeal" in f.message and f.refuses
                   for f in findings[lr.pk]) for lr in learners)
    services.resolve_doubt(actor=world["assessor"], doubt=doubts.first(),
                           resolution="Reviewed: the result stands.")
    resolved = ResultInDoubt.objects.filter(resolved_at__isnull=False).get().submission.learner
    assert not any("in doubt" in f.message for f in run_claim_checks([resolved],
                                                                       scope)[resolved.pk])


def test_an_open_appeal_warns_before_a_claim(world, appeal):
    learner = world["learner"].learner
    findings = run_claim_checks([learner], ClaimScope(world.programme))[learner.pk]
    assert any("still open" in f.message and not f.refuses for f in findings)


def test_stage_four_goes_to_the_awarding_body_through_the_head(world, appeal, assignment):
    for who in ("assessor", "iv", "slt"):
        decide(world, appeal, who)
        services.take_further(actor=world["learner"], appeal=appeal)
    stage = services.current_stage(appeal)
    assert stage.number == 4
    with pytest.raises(PermissionDenied):
        services.send_to_awarding_body(actor=world["slt"], stage=stage)
    with pytest.raises(DomainError, match="Record the day the appeal went"):
        decide(world, appeal, "head")
    services.send_to_awarding_body(actor=world["head"], stage=stage, reference="AB-123")
    decide(world, appeal, "head", reasons="The awarding body found the decision sound.")
    with pytest.raises(DomainError, match="final"):
        services.take_further(actor=world["learner"], appeal=appeal)
    services.accept_outcome(actor=world["learner"], appeal=appeal)
    appeal.refresh_from_db()
    assert appeal.status == AppealStatus.NOT_UPHELD


def test_nothing_is_deleted_before_eighteen_months_after_closing(world, appeal):
    with pytest.raises(DomainError, match="still open"), transaction.atomic():
        appeal.delete()
    decide(world, appeal, "assessor")
    services.accept_outcome(actor=world["learner"], appeal=appeal)
    appeal.refresh_from_db()
    until = appeal.retain_until
    assert until == appeal.closed_on + relativedelta(months=18)
    with pytest.raises(DomainError, match=f"can be deleted from {until:%-d %B %Y}"), \
            transaction.atomic():
        Appeal.objects.filter(pk=appeal.pk).delete()
    with pytest.raises(DomainError), transaction.atomic():
        AppealStage.objects.filter(appeal=appeal).delete()
    assert Appeal.objects.filter(pk=appeal.pk).exists() and appeal.stages.count() == 1
    with time_machine.travel(until + timedelta(days=1)):
        Appeal.objects.filter(pk=appeal.pk).delete()
    assert not Appeal.objects.exists()
