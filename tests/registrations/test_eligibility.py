"""Pre-claim eligibility: each reason a learner cannot be claimed for (or a warning) shows, in
words, through the selector and on the cohort's page; unit certification; the block."""

# ruff: noqa: F811  (the assessment fixtures are imported, and named as parameters)

from datetime import date, datetime

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from assessment import services as assessment
from assessment.models import CriterionResult, Decision, GradingScheme, Submission
from qmr import blocks
from registrations import claim_checks, services, specification
from registrations.claim_checks import ClaimScope
from registrations.eligibility import eligibility
from registrations.models import Learner, LearnerStatus
from tests.assessment.conftest import (  # noqa: F401
    all_results,
    assignment,
    cohort,
    hand_in,
    issued,
    plan,
    unit,
    year,
)
from tests.factories import LearnerFactory
from verification import services as verification
from verification.models import IVSample
from verification.services import Feedback

pytestmark = pytest.mark.django_db

TODAY = date(2027, 6, 1)


@pytest.fixture(autouse=True)
def clock():
    """Mid-June of the cohort's first year: registrations (1 October) are 34 weeks old."""
    with time_machine.travel(timezone.make_aware(datetime(2027, 6, 1, 12)), tick=False):
        yield


@pytest.fixture
def course(world, issued, assignment, unit):
    """The cohort with unit 3 (mandatory; Pass criteria P1 and P2) issued, and a grading scheme
    whose minimum a Pass in unit 3 (6 points) meets."""
    GradingScheme.objects.create(programme=world.programme, minimum_points=6)
    return issued.cohort


def learner_named(cohort, ref):
    return cohort.learners.get(centre_ref=ref)


def learner_me(world):
    """The learner persona's record as it is now (the fixtures registered it since)."""
    return Learner.objects.get(pk=world["learner"].learner.pk)


def assess(world, assignment, learner, achieved=("P1", "P2"), release=True):
    decision = assessment.record_decision(
        actor=world["assessor"], submission=hand_in(world, assignment, learner),
        results=all_results(assignment, achieved), feedback="See comments.", authentic=True)
    if release:
        assessment.release_result(actor=world["assessor"], decision=decision)
    return decision


def row(cohort, learner, units=None):
    scope = ClaimScope(cohort.programme, frozenset(units) if units is not None else None)
    return next(r for r in eligibility(cohort, scope).all_rows if r.learner.pk == learner.pk)


def refusals(cohort, learner, units=None):
    return [f.message for f in row(cohort, learner, units).refusals]


def warnings(cohort, learner, units=None):
    return [f.message for f in row(cohort, learner, units).warnings]


def page(client, world, cohort, persona="exams", **params):
    client.force_login(world[persona])
    response = client.get(reverse("registrations:eligibility", args=[cohort.pk]), params)
    assert response.status_code == 200
    return response.content.decode()


def test_every_expected_check_is_registered():
    assert claim_checks.expected_claim_checks() == []


def test_a_learner_with_every_unit_passed_and_released_can_be_claimed(world, course,
                                                                      assignment):
    me = learner_me(world)
    assess(world, assignment, me)
    r = row(course, me)
    assert r.can_claim and r.refusals == []
    assert [(u.code, u.grade, u.points) for u in r.achievement.units] == [("3", "P", 6)]
    assert (r.achievement.points, r.achievement.grade) == (6, "U")  # below the P threshold


def test_criteria_not_yet_achieved_are_named(world, course, assignment):
    learner = learner_named(course, "A000")
    assess(world, assignment, learner, achieved=("P1",))
    assert refusals(course, learner) == [
        "Unit 3 Professional Development: P2 not yet achieved.",
        "0 points, fewer than the 6 the qualification needs."]


def test_a_result_not_yet_released_does_not_count(world, course, assignment):
    learner = learner_named(course, "A001")
    assess(world, assignment, learner, release=False)
    assert refusals(course, learner)[0] == (
        "Unit 3 Professional Development: P1, P2 achieved but the result is not released to "
        "the learner yet.")
    assert row(course, learner).achievement.units == ()


def test_a_mandatory_unit_missing_and_points_below_the_minimum(world, course):
    learner = learner_named(course, "A002")
    assert refusals(course, learner) == [
        "Mandatory unit with no work assessed yet: Unit 3 Professional Development.",
        "0 points, fewer than the 6 the qualification needs."]


def test_external_mandatory_units_need_an_entry_and_make_up_points(world, course,
                                                                  assignment):
    external = specification.add_unit(actor=world["leader"], programme=world.programme,
                                      number="1", title="Anatomy", guided_learning_hours=120,
                                      mandatory=True, externally_assessed=True)
    GradingScheme.objects.filter(programme=world.programme).update(minimum_points=36)
    me = learner_me(world)
    assess(world, assignment, me)
    assert refusals(course, me) == [
        "Not entered for the external assessment of mandatory unit Unit 1 Anatomy."]
    assert warnings(course, me)[0].startswith(
        "6 points from the units assessed here, fewer than the 36 the qualification needs: "
        "the results of the externally assessed units (Unit 1) must make up the rest.")
    entry = services.request_entry(actor=world["leader"], learner=me, unit=external,
                                   series="May 2027")
    services.enter_entry(actor=world["exams"], entry=entry)
    assert row(course, me).can_claim


def test_not_registered_refuses(world, course):
    newcomer = LearnerFactory(programme=world.programme, cohort=course, centre_ref="N001")
    assert "Not registered with the awarding body yet." in refusals(course, newcomer)


def test_a_registration_under_ten_weeks_old_is_a_warning(world, course,
                                                         assignment):
    late = LearnerFactory(programme=world.programme, cohort=course, centre_ref="N002",
                          enrolled_on=date(2027, 4, 20))
    services.sign_class_list(actor=world["leader"], cohort=course)
    services.register_learners(actor=world["exams"], cohort=course, numbers={late.pk: "RN999"},
                               on=date(2027, 5, 4))
    assess(world, assignment, late)
    r = row(course, late)
    assert r.can_claim
    assert [f.message for f in r.warnings if "ten weeks" in f.message] == [
        "Registered on 04 May 2027, 4 weeks ago: a claim less than ten weeks after "
        "registration is an early claim, which the awarding body may question."]


def withdraw(world, learner):
    w = services.request_withdrawal(actor=world["exams"], learner=learner, reason="Moved away",
                                    last_day=date(2027, 5, 20))
    services.sign_withdrawal(actor=world["nominee"], withdrawal=w, capacity="nominee")
    services.sign_withdrawal(actor=world["exams"], withdrawal=w, capacity="exams")


def test_a_learner_who_left_early_can_be_claimed_for_units_only(world, course, unit,
                                                               assignment):
    leaver = learner_named(course, "A000")
    assess(world, assignment, leaver)
    withdraw(world, leaver)
    assert refusals(course, leaver) == [
        "Withdrawn: only unit certification can be claimed for a learner who has left."]
    r = row(course, leaver, units={unit.pk})
    assert r.can_claim
    assert "Withdrawn: claim only units achieved before they left." in [
        f.message for f in r.warnings]


def test_unit_certification_asks_only_for_the_units_named(world, course, unit,
                                                         assignment):
    other = specification.add_unit(actor=world["leader"], programme=world.programme,
                                   number="4", title="Leadership", guided_learning_hours=60,
                                   mandatory=True, externally_assessed=False)
    specification.add_criterion(actor=world["leader"], unit=other, code="P1",
                                learning_aim="A", text="Describe.")
    me = learner_me(world)
    assess(world, assignment, me)
    assert refusals(course, me) == [
        "Mandatory unit with no work assessed yet: Unit 4 Leadership."]
    assert refusals(course, me, units={unit.pk}) == []
    assert refusals(course, me, units={other.pk}) == ["Unit 4 Leadership: P1 not yet achieved."]


def test_sampled_work_must_be_verified(world, course, assignment):
    me = learner_me(world)
    decision = assess(world, assignment, me)
    verification.choose_for_sample(actor=world["iv"], submission=decision.submission,
                                   verifier=world["iv"], due_on=TODAY)
    assert refusals(course, me) == [
        "'Careers in sport' is in the internal verification sample and not verified yet "
        "(verifier: Iv)."]


def test_a_disagreement_refuses_until_the_decision_is_corrected(world, course,
                                                                assignment):
    me = learner_me(world)
    decision = assess(world, assignment, me)
    submission = decision.submission
    verification.choose_for_sample(actor=world["iv"], submission=submission,
                                   verifier=world["iv"], due_on=TODAY)
    checks = {r.criterion_id: (r.criterion.code != "P2", "") for r in decision.results.all()}
    verification.verify_decision(actor=world["iv"], submission=submission, checks=checks,
                                 feedback=Feedback(True, True, True, True), declared=True,
                                 comments="P2 is not met: no explanation of skills.")
    assert refusals(course, me) == [
        "'Careers in sport': the internal verifier found the assessment decision not accurate "
        "and it has not been corrected yet."]
    assessment.correct_decision(actor=world["assessor"], decision=decision,
                                results=all_results(assignment, ("P1",)), feedback="P2 not met.",
                                reason="IV found P2 not met.")
    assert refusals(course, me)[0] == "Unit 3 Professional Development: P2 not yet achieved."


def lead_iv_registered(world, year, standardised):
    registration = verification.register_lead_iv(
        actor=world["nominee"], subject_area=world.subject_area, academic_year=year,
        person=world["lead_iv"], registered_on=date(2026, 9, 10))
    if standardised:
        verification.record_standardisation(actor=world["nominee"], registration=registration,
                                            on=date(2026, 9, 24), evidence="Passed online.")


def test_no_lead_iv_is_a_warning_unless_the_qualification_requires_one(world, course,
                                                                       assignment):
    me = learner_me(world)
    assess(world, assignment, me)
    area = world.subject_area
    assert row(course, me).can_claim
    assert warnings(course, me) == [
        f"No Lead IV is registered for {area} for this academic year. The qualification does "
        f"not require one, so a claim can still be made."]
    world.programme.requires_lead_iv = True
    world.programme.save(update_fields=["requires_lead_iv"])
    course.refresh_from_db()
    assert refusals(course, me) == [
        f"No Lead IV is registered for {area} for this academic year: this qualification "
        f"needs an accredited Lead IV before anyone can be claimed for."]


def test_a_lead_iv_not_yet_standardised_then_standardised(world, course, year,
                                                          assignment):
    world.programme.requires_lead_iv = True
    world.programme.save(update_fields=["requires_lead_iv"])
    course.refresh_from_db()
    me = learner_me(world)
    assess(world, assignment, me)
    lead_iv_registered(world, year, standardised=False)
    assert refusals(course, me)[0].startswith(
        f"The Lead IV for {world.subject_area}, Lead_Iv, is registered for 2026/27 but not yet "
        f"standardised")
    verification.record_standardisation(
        actor=world["nominee"], registration=world.subject_area.lead_iv_registrations.get(),
        on=date(2026, 9, 24), evidence="Passed online.")
    assert claim_checks.run_claim_checks([me], ClaimScope(course.programme))[me.pk] == []


def test_a_certification_block_refuses_everyone_until_released(world, course,
                                                               assignment):
    me = learner_me(world)
    assess(world, assignment, me)
    block = blocks.set_certification_block(actor=world["nominee"], centre=world.centre,
                                           reason="QO.3 judged insufficient",
                                           set_on=date(2027, 5, 12))
    data = eligibility(course, ClaimScope(course.programme))
    message = ("The awarding body has blocked certification for the centre since 12 May 2027 "
               "(QO.3 judged insufficient): no claim can be made until it releases the block.")
    assert all(message in [f.message for f in r.refusals] for r in data.all_rows)
    assert data.claimable == 0
    blocks.release_certification_block(actor=world["nominee"], block=block)
    assert row(course, me).can_claim


def test_the_deadline_is_the_end_of_july_of_the_year_the_cohort_completes(world, course):
    data = eligibility(course, ClaimScope(course.programme))
    assert course.expected_end_on == date(2028, 7, 15)
    assert (data.deadline, data.days_left, data.results_by) == (
        date(2028, 7, 31), 426, date(2028, 7, 5))


def test_the_awarding_bodys_claims_date_is_configuration(world, course):
    from registrations.rules import default_year

    config = default_year("2027/28")
    config.claims_by = date(2028, 7, 20)
    config.save()
    assert eligibility(course, ClaimScope(course.programme)).deadline == date(2028, 7, 20)


def test_other_delivery_models_claim_within_a_month_of_completion(world, course):
    world.programme.delivery_model = "other"
    world.programme.save(update_fields=["delivery_model"])
    course.refresh_from_db()
    learner = learner_named(course, "A000")
    learner.estimated_completion_on = date(2027, 12, 10)
    learner.save(update_fields=["estimated_completion_on"])
    data = eligibility(course, ClaimScope(course.programme))
    assert data.deadline == date(2028, 8, 15)
    assert next(r for r in data.all_rows if r.learner.pk == learner.pk).deadline == date(
        2028, 1, 10)


# --- The page --------------------------------------------------------------------------------

def test_the_page_states_each_learners_reason(client, world, course, assignment):
    me = learner_me(world)
    assess(world, assignment, me)
    assess(world, assignment, learner_named(course, "A000"), achieved=("P1",))
    html = page(client, world, course)
    assert "Claim by <strong>31 July 2028</strong>" in html
    assert "426 days left" in html
    assert "1 of 4 learners can be claimed for now" in html
    assert "Can be claimed" in html
    assert ('<span class="tag tag-bad">Cannot claim</span> Unit 3 Professional Development: '
            'P2 not yet achieved.') in html
    assert html.count('<span class="tag tag-warn">Warning</span> No Lead IV') == 4
    assert "Unit 3: P" in html


def test_the_page_filters_those_who_can_or_cannot_be_claimed(client, world, course,
                                                              assignment):
    me = learner_me(world)
    assess(world, assignment, me)
    can = page(client, world, course, show="can")
    cannot = page(client, world, course, show="cannot")
    # By record link, not surname: the factories' random names can repeat.
    mine = f'/learners/{me.pk}/"'
    assert mine in can and "A000" not in can
    assert mine not in cannot and "A000" in cannot


def test_the_page_checks_unit_certification(client, world, course, unit,
                                            assignment):
    leaver = learner_named(course, "A000")
    assess(world, assignment, leaver)
    withdraw(world, leaver)
    html = page(client, world, course, scope="units", unit=[str(unit.pk)])
    assert "Unit certification: 1 of 4 learners" in html
    assert "Withdrawn: claim only units achieved before they left." in html
    assert "Tick the units to claim" in page(client, world, course, scope="units")


def test_the_cohort_page_links_to_it_for_its_readers(client, world, course):
    url = reverse("registrations:eligibility", args=[course.pk])
    for persona, linked in (("exams", True), ("lead_iv", True), ("assessor", False)):
        client.force_login(world[persona])
        html = client.get(reverse("registrations:cohort-detail", args=[course.pk])).content
        assert (url.encode() in html) is linked, persona
    client.force_login(world["assessor"])
    assert client.get(url).status_code == 403



# --- Query counts ----------------------------------------------------------------------------

def grow(world, cohort, assignment, n, start):
    """n more registered learners, each with a released decision on the assignment: every
    third short of P2, every fifth corrected, every seventh sampled and not yet verified.
    Bulk-created for speed; the states themselves are built through the services above."""
    Learner.objects.bulk_create([
        Learner(centre=world.centre, programme=world.programme, cohort=cohort,
                centre_ref=f"Q{start + i:05d}", first_name=f"F{i}", last_name=f"Q{start + i}",
                date_of_birth=date(2009, 1, 1), status=LearnerStatus.REGISTERED,
                registration_number=f"RQ{start + i:05d}", registered_on=date(2026, 10, 1))
        for i in range(n)])
    learners = cohort.learners.filter(centre_ref__gte=f"Q{start:05d}",
                                      centre_ref__lt=f"Q{start + n:05d}")
    assessor, iv, now = world["assessor"], world["iv"], timezone.now()
    subs = Submission.objects.bulk_create([
        Submission(assignment=assignment, learner=lr, submitted_by=assessor,
                   deadline=assignment.deadline, declaration_signed_at=now) for lr in learners])
    decisions = Decision.objects.bulk_create([
        Decision(submission=s, assessor=assessor, authentic=True, feedback="ok",
                 released_at=now) for s in subs])
    criteria = list(assignment.criteria.all())
    results = [CriterionResult(decision=d, criterion=c,
                               achieved=c.code != "P2" or d.pk % 3 > 0)
               for d in decisions for c in criteria]
    fixes = Decision.objects.bulk_create([
        Decision(submission=d.submission, assessor=assessor, authentic=True, feedback="fixed",
                 supersedes=d, correction_reason="typo", released_at=now)
        for d in decisions if d.pk % 5 == 0])
    results += [CriterionResult(decision=f, criterion=c, achieved=True)
                for f in fixes for c in criteria]
    CriterionResult.objects.bulk_create(results)
    IVSample.objects.bulk_create([IVSample(submission=s, verifier=iv, chosen_by=iv, due_on=TODAY)
                                  for s in subs if s.pk % 7 == 0])


def count(client, url):
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    return len(ctx), response.content.decode()


@pytest.mark.parametrize("params", ["", "?show=cannot", "?scope=units&unit={unit}"])
def test_the_page_reads_as_many_queries_for_300_learners_as_for_30(client, world, course, unit,
                                                                   assignment, params):
    blocks.set_certification_block(actor=world["nominee"], centre=world.centre, reason="QO.9")
    url = reverse("registrations:eligibility", args=[course.pk]) + params.format(unit=unit.pk)
    client.force_login(world["exams"])
    grow(world, course, assignment, 30, 0)
    small, html = count(client, url)
    assert html.count("blocked certification") == 34  # every learner, with the reason
    grow(world, course, assignment, 270, 1000)
    large, html = count(client, url)
    assert html.count("blocked certification") == 304
    assert "in the internal verification sample" in html and "P2 not yet achieved" in html
    assert small == large


# Queries of each check of ours, for a whole batch (the programme comes with its subject area).
PINNED = {
    "registrations.registered": 0,  # the learners' own fields
    "registrations.registration_age": 0,
    "registrations.certification_block": 1,  # the open block
    "assessment.criteria_achieved": 4,  # units, Pass criteria, units started, Passes achieved
    "assessment.unit_combination": 5,  # units, scheme, any retakes, grades, results
    "verification.decisions_verified": 1,  # latest decisions sampled or disputed
    "verification.lead_iv": 1,  # this year's registration
    "verification.standards_verification": 1,  # this year's record (none here; +1 rounds)
}


@pytest.mark.parametrize("name", sorted(PINNED))
def test_each_check_reads_a_fixed_number_of_queries(world, course, assignment, name,
                                                    django_assert_num_queries):
    grow(world, course, assignment, 30, 0)
    learners = list(course.learners.all())
    with django_assert_num_queries(PINNED[name]):
        claim_checks._checks[name](learners, ClaimScope(course.programme))


def test_achievements_read_four_queries(world, course, assignment, django_assert_num_queries):
    grow(world, course, assignment, 30, 0)
    learners = list(course.learners.all())
    # units, grading scheme, any retakes, grades per learner and unit
    with django_assert_num_queries(4):
        claim_checks.achievements(learners, course.programme)


def test_the_selector_reads_as_many_queries_for_300_learners_as_for_30(world, course,
                                                                       assignment):
    scope = ClaimScope(course.programme)
    grow(world, course, assignment, 30, 0)
    with CaptureQueriesContext(connection) as small:
        assert len(eligibility(course, scope).all_rows) == 34
    grow(world, course, assignment, 270, 1000)
    with CaptureQueriesContext(connection) as large:
        assert len(eligibility(course, scope).all_rows) == 304
    assert len(small) == len(large)
