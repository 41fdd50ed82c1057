"""The steps of a malpractice case: who may take each, and every refusal changes nothing."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from appeals.malpractice import services
from appeals.malpractice.models import Category, Finding, MalpracticeCase, Sanction, Status
from qmr.errors import DomainError, TransitionNotAllowed
from registrations import services as registrations
from registrations.models import RegistrationFlag
from tests.appeals.malpractice.conftest import snapshot

pytestmark = pytest.mark.django_db


def refused(case, error, step, match=None):
    before = snapshot(case)
    with pytest.raises(error, match=match):
        step()
    assert snapshot(case) == before


def test_only_the_quality_nominee_or_the_head_raises_a_case(world):
    count = MalpracticeCase.objects.count()
    for who in ("slt", "leader", "iv", "assessor", "exams", "outsider"):
        with pytest.raises(PermissionDenied):
            services.raise_case(actor=world[who], centre=world.centre,
                                learner=world["learner"].learner,
                                category=Category.PLAGIARISM, allegation="x")
    case = services.raise_case(actor=world["head"], centre=world.centre,
                               learner=world["learner"].learner,
                               category=Category.PLAGIARISM, allegation="Copied a website.")
    assert case.programme == world.programme and case.kind == "learner"
    assert MalpracticeCase.objects.count() == count + 1


@pytest.mark.parametrize("kwargs, match", [
    ({"category": Category.CHANGED_MARKS}, "malpractice by staff"),
    ({"category": Category.PLAGIARISM, "allegation": " "}, "Say what is alleged"),
    ({"category": Category.PLAGIARISM, "staff": True}, "one, not both"),
])
def test_raising_refuses_a_wrong_category_or_missing_facts(world, kwargs, match):
    kwargs = {"allegation": "x", **kwargs}
    staff = world["assessor"] if kwargs.pop("staff", False) else None
    with pytest.raises(DomainError, match=match):
        services.raise_case(actor=world["nominee"], centre=world.centre,
                            learner=world["learner"].learner, staff_member=staff, **kwargs)
    with pytest.raises(DomainError, match="malpractice by a learner"):
        services.raise_case(actor=world["nominee"], centre=world.centre,
                            staff_member=world["assessor"], category=Category.COLLUSION,
                            allegation="x")
    assert not MalpracticeCase.objects.exists()


def test_only_the_head_appoints_and_never_the_accused(world, staff_case, outside_team):
    for who in ("nominee", "slt", "iv"):
        refused(staff_case, PermissionDenied, lambda who=who: services.appoint_investigator(
            actor=world[who], case=staff_case, investigator=outside_team))
    refused(staff_case, DomainError, lambda: services.appoint_investigator(
        actor=world["head"], case=staff_case, investigator=world["assessor"]),
        "cannot investigate")
    services.appoint_investigator(actor=world["head"], case=staff_case,
                                  investigator=outside_team)
    assert MalpracticeCase.objects.get(pk=staff_case.pk).investigator == outside_team


@pytest.mark.parametrize("colleague", ["iv", "leader", "lead_iv"])
def test_an_investigator_from_the_accused_programme_team_is_refused(world, staff_case,
                                                                     colleague):
    refused(staff_case, DomainError, lambda: services.appoint_investigator(
        actor=world["head"], case=staff_case, investigator=world[colleague]),
        "same programme team or subject area")


def test_a_centre_wide_senior_manager_may_investigate_a_staff_case(world, staff_case):
    services.appoint_investigator(actor=world["head"], case=staff_case,
                                  investigator=world["slt"])


def test_the_finding_needs_the_investigator_and_the_person_told_first(world, learner_case):
    services.appoint_investigator(actor=world["head"], case=learner_case,
                                  investigator=world["iv"])
    refused(learner_case, TransitionNotAllowed, lambda: services.record_finding(
        actor=world["iv"], case=learner_case, finding=Finding.PROVEN, reasons="x"),
        "must be told")
    refused(learner_case, TransitionNotAllowed, lambda: services.record_response(
        actor=world["iv"], case=learner_case, response="x"), "told of the allegation first")
    services.record_notification(actor=world["iv"], case=learner_case)
    for who in ("head", "nominee", "leader"):
        refused(learner_case, PermissionDenied, lambda who=who: services.record_finding(
            actor=world[who], case=learner_case, finding=Finding.PROVEN, reasons="x"))
    refused(learner_case, DomainError, lambda: services.record_finding(
        actor=world["iv"], case=learner_case, finding=Finding.PROVEN, reasons=" "),
        "reasons")
    refused(learner_case, TransitionNotAllowed, lambda: services.record_notification(
        actor=world["iv"], case=learner_case), "already")


def test_stage_dates_cannot_be_in_the_future(world, learner_case):
    refused(learner_case, DomainError, lambda: services.record_notification(
        actor=world["head"], case=learner_case,
        told_on=timezone.localdate() + timedelta(days=1)), "between")


def test_stages_are_not_recorded_by_others_or_the_accused(world, staff_case):
    for who in ("nominee", "slt", "assessor", "iv"):
        refused(staff_case, PermissionDenied, lambda who=who: services.record_notification(
            actor=world[who], case=staff_case))
    refused(staff_case, PermissionDenied, lambda: services.add_evidence(
        actor=world["assessor"], case=staff_case, file=ContentFile(b"x", name="x.txt")))


def _through_finding(world, case, investigator, finding=Finding.PROVEN):
    services.appoint_investigator(actor=world["head"], case=case, investigator=investigator)
    services.record_notification(actor=investigator, case=case)
    services.record_response(actor=investigator, case=case, response="Denies it.")
    services.record_finding(actor=investigator, case=case, finding=finding, reasons="Shown.")
    return MalpracticeCase.objects.get(pk=case.pk)


def test_the_sanction_is_the_heads_and_fits_the_kind_of_case(world, learner_case):
    case = _through_finding(world, learner_case, world["iv"])
    refused(case, PermissionDenied, lambda: services.record_sanction(
        actor=world["iv"], case=case, sanction=Sanction.WARNING))
    refused(case, DomainError, lambda: services.record_sanction(
        actor=world["head"], case=case, sanction=Sanction.DISCIPLINARY), "does not apply")
    refused(case, DomainError, lambda: services.record_sanction(
        actor=world["head"], case=case, sanction=Sanction.REPEAT_ASSIGNMENT), "Name the unit")
    services.record_sanction(actor=world["head"], case=case, sanction=Sanction.WARNING)


def test_a_proven_case_on_declared_work_must_be_reported_before_closing(world, learner_case):
    case = _through_finding(world, learner_case, world["iv"])
    services.record_sanction(actor=world["head"], case=case, sanction=Sanction.WARNING)
    services.record_told_how_to_appeal(actor=world["iv"], case=case)
    refused(case, TransitionNotAllowed, lambda: services.close_case(
        actor=world["head"], case=case), "must be reported to the awarding body")
    refused(case, PermissionDenied, lambda: services.record_report_to_awarding_body(
        actor=world["nominee"], case=case))
    services.record_report_to_awarding_body(actor=world["head"], case=case, reference="R1")
    closed = services.close_case(actor=world["iv"], case=case)
    assert closed.status == Status.CLOSED
    assert closed.retain_until == timezone.localdate().replace(
        year=timezone.localdate().year + 3)
    refused(closed, TransitionNotAllowed, lambda: services.add_evidence(
        actor=world["head"], case=closed, file=ContentFile(b"x", name="x.txt")), "closed")


def test_a_staff_case_must_be_reported_even_when_not_proven(world, staff_case, outside_team):
    case = _through_finding(world, staff_case, outside_team, Finding.NOT_PROVEN)
    refused(case, TransitionNotAllowed, lambda: services.close_case(
        actor=world["head"], case=case), "case against a member of staff")
    refused(case, TransitionNotAllowed, lambda: services.record_sanction(
        actor=world["head"], case=case, sanction=Sanction.NONE), "only a proven")


def test_an_unsigned_not_proven_learner_case_closes_without_a_report(world):
    case = services.raise_case(actor=world["nominee"], centre=world.centre,
                               learner=world["learner"].learner,
                               category=Category.COLLUSION, allegation="Shared answers.")
    case = _through_finding(world, case, world["iv"], Finding.NOT_PROVEN)
    refused(case, PermissionDenied, lambda: services.close_case(actor=world["nominee"],
                                                                case=case))
    assert services.close_case(actor=world["head"], case=case).status == Status.CLOSED


def test_a_closed_case_is_kept_three_years_and_an_open_one_always(world, learner_case):
    with pytest.raises(DomainError, match="still open"), transaction.atomic():
        MalpracticeCase.objects.get(pk=learner_case.pk).delete()
    case = _through_finding(world, learner_case, world["iv"], Finding.NOT_PROVEN)
    services.close_case(actor=world["head"], case=case)
    case = MalpracticeCase.objects.get(pk=case.pk)
    with pytest.raises(DomainError, match="deleted from"), transaction.atomic():
        case.delete()
    assert MalpracticeCase.objects.filter(pk=case.pk).exists()


def test_a_fraudulent_flag_opens_a_staff_case_for_the_head(world):
    learner = world["learner"].learner
    flag = registrations.flag_registration(
        actor=world["leader"], learner=learner, kind=RegistrationFlag.Kind.FRAUDULENT,
        description="A certificate was claimed for a unit never taught.",
        concerns=RegistrationFlag.Concerns.CLAIM)
    case = MalpracticeCase.objects.get(flag=flag)
    assert case.kind == "staff" and case.staff_member is None
    assert case.category == Category.FALSE_CLAIMS
    assert case.allegation == flag.description
    refused(case, TransitionNotAllowed, lambda: services.record_notification(
        actor=world["head"], case=case), "Name the member of staff")
    services.name_staff_member(actor=world["head"], case=case, staff_member=world["exams"])
    registrations.flag_registration(actor=world["leader"], learner=learner,
                                    kind=RegistrationFlag.Kind.LATE, description="Late.")
    assert MalpracticeCase.objects.count() == 1
