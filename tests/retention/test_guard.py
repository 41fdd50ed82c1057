"""Nothing is deleted before its time, whichever way it is asked: the ORM, a queryset, the
disposal service. Past its time, the record can be disposed of."""

from datetime import date

import pytest
import time_machine
from django.db import transaction

from assessment.models import CriterionResult, Decision, Submission
from qmr.errors import DomainError
from qmr.retention import services
from tests.retention.conftest import certify, make_record

pytestmark = pytest.mark.django_db

REFUSAL = ("Assessment records are kept until three years after certification: this one can "
           "be deleted from 3 March 2029.")


@pytest.fixture
def record(world):
    record = make_record(world)
    certify(record.submission.learner, date(2026, 3, 3))
    return record


def test_deleting_an_assessment_record_inside_its_time_is_refused_with_the_date(record):
    with pytest.raises(DomainError) as refused, transaction.atomic():
        CriterionResult.objects.filter(decision=record.decision).delete()
    assert str(refused.value) == REFUSAL
    assert CriterionResult.objects.filter(decision=record.decision).count() == 1


def test_a_bare_record_is_refused_through_the_orm_too(world):
    submission = make_record(world, bare=True)
    certify(submission.learner, date(2026, 3, 3))
    with pytest.raises(DomainError, match="deleted from 3 March 2029"), transaction.atomic():
        submission.delete()
    assert Submission.objects.filter(pk=submission.pk).exists()


def test_a_record_whose_learner_is_not_certified_is_kept(world):
    submission = make_record(world, bare=True)
    with pytest.raises(DomainError) as refused, transaction.atomic():
        Submission.objects.filter(pk=submission.pk).delete()
    assert str(refused.value) == ("Assessment records are kept until three years after "
                                  "certification, and this learner is not yet certified: "
                                  "this one is kept until then.")


def test_the_service_refuses_a_record_inside_its_time(world, record):
    with pytest.raises(DomainError, match="Nothing of this is past its time"):
        services.confirm_disposal(actor=world["nominee"], centre=world.centre,
                                  kind="assessment.records", pk=record.submission.pk)
    record.decision.refresh_from_db()
    assert record.decision.feedback == "Clear and well argued."


def test_past_its_time_the_same_record_is_disposed_of(world, record):
    with time_machine.travel(date(2029, 3, 3)):
        [done] = services.confirm_disposal(actor=world["nominee"], centre=world.centre,
                                           kind="assessment.records", pk=record.submission.pk)
    record.decision.refresh_from_db()
    record.submission.refresh_from_db()
    assert record.decision.feedback == "" and record.submission.ai_tools_used == ""
    assert not Decision.history.filter(id=record.decision.pk).exclude(feedback="").exists()
    assert CriterionResult.objects.get(decision=record.decision).achieved  # the fact stays
    assert done.disposed_by == world["nominee"] and done.kept_until == date(2029, 3, 3)
    assert done.reference == (f"Assessment record #{record.submission.pk}, Unit 3 "
                              f"Assignment 1, 2021/22")


def test_past_its_time_the_orm_may_delete_it(world, record):
    with time_machine.travel(date(2029, 3, 3)):
        CriterionResult.objects.filter(decision=record.decision).delete()
    assert not CriterionResult.objects.filter(decision=record.decision).exists()
