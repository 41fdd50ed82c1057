"""Standards verification: what the awarding body set, the sample asked for, declared,
provided within the window, reported on and acted on; the certification hold; and the time-boxed
standards verifier who sees exactly the sampled learners' work and nothing else."""

from datetime import UTC, date, datetime, timedelta

import pytest
import time_machine
from django.core.exceptions import PermissionDenied
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from assessment import services as assessment
from assessment.models import Assignment, BriefIssue, EvidenceFile, Submission
from qmr.audit import AuditEvent
from qmr.errors import DomainError
from qmr.evidence import Status
from registrations import claim_checks, specification
from registrations.claim_checks import ClaimScope
from tests.assessment.conftest import all_results, hand_in
from tests.conftest import appoint
from tests.factories import LearnerFactory, ProgrammeFactory
from verification.standards import services
from verification.standards.evidence import sv_outcomes
from verification.standards.models import SampleRound, SampleSize, StandardsVerification, SVAction
from verification.standards.selectors import suggest

pytestmark = pytest.mark.django_db

TODAY = date(2026, 11, 23)


@pytest.fixture(autouse=True)
def clock():
    with time_machine.travel(datetime(2026, 11, 23, 12, tzinfo=UTC), tick=False):
        yield


@pytest.fixture
def work(world, cohort, issued, assignment):
    """Every learner of the cohort has handed in Unit 3 work and it is assessed."""
    found = {}
    for n, learner in enumerate(cohort.learners.order_by("centre_ref")):
        submission = hand_in(world, assignment, learner=learner)
        assessment.record_decision(actor=world["assessor"], submission=submission,
                                   results=all_results(assignment, ("P1", "P2", "M1")[:n + 1]),
                                   feedback=f"Feedback for learner {n}.", authentic=True)
        found[learner.pk] = submission
    return found


@pytest.fixture
def sv(world, year):
    return services.record_standards_verification(
        actor=world["nominee"], programme=world.programme, academic_year=year,
        control_level="standard", verifier=world["sv"], window_opens=date(2026, 11, 1),
        window_closes=date(2027, 5, 15))


def ask(world, sv, unit, learners, on=date(2026, 11, 20)):
    return services.request_sample(actor=world["lead_iv"], programme=sv.programme, units=[unit],
                                   learners=list(learners), requested_on=on)


def provide(world, sample, on=date(2026, 11, 22)):
    return services.record_sample_provided(actor=world["lead_iv"], sample=sample,
                                           provided_on=on, assessment_plan=True,
                                           assessment_records=True, iv_records=True)


@pytest.fixture
def sample(world, sv, unit, cohort, work):
    return ask(world, sv, unit, cohort.learners.all())


@pytest.fixture
def provided(world, sample):
    services.declare_authenticity(actor=world["lead_iv"], sample=sample)
    return provide(world, sample)


def report(actor, sample, outcome="released", on=TODAY):
    return services.record_report(actor=actor, sample=sample, received_on=on, outcome=outcome,
                                  summary="Decisions accurate.")


# --- What the awarding body set ---------------------------------------------------------

def test_the_nominee_records_the_control_level_verifier_and_window(world, sv):
    assert (sv.control_level, sv.verifier, sv.recorded_by) == ("standard", world["sv"],
                                                               world["nominee"])
    assert AuditEvent.objects.filter(code="verification.sv.recorded").count() == 1


def test_the_lead_iv_corrects_it_and_nothing_is_duplicated(world, sv, year):
    services.record_standards_verification(
        actor=world["lead_iv"], programme=world.programme, academic_year=year,
        control_level="enhanced", verifier=world["sv"], window_opens=date(2027, 1, 1),
        window_closes=date(2027, 5, 15))
    sv.refresh_from_db()
    assert (StandardsVerification.objects.count(), sv.control_level) == (1, "enhanced")


@pytest.mark.parametrize("change,message", [
    ({"verifier": "assessor"}, "no Standards Verifier appointment"),
    ({"window_opens": date(2027, 6, 1)}, "closes before it opens"),
    ({"window_closes": date(2027, 9, 1)}, "must fall within 2026/27"),
    ({"control_level": "light"}, "standard or enhanced"),
])
def test_what_was_set_is_checked(world, year, change, message):
    args = {"control_level": "standard", "verifier": "sv", "window_opens": date(2027, 1, 1),
            "window_closes": date(2027, 5, 15)} | change
    args["verifier"] = world[args["verifier"]]
    with pytest.raises(DomainError, match=message):
        services.record_standards_verification(actor=world["nominee"],
                                               programme=world.programme,
                                               academic_year=year, **args)
    assert not StandardsVerification.objects.exists()


def test_an_assessor_cannot_record_it(world, year):
    with pytest.raises(PermissionDenied):
        services.record_standards_verification(
            actor=world["assessor"], programme=world.programme, academic_year=year,
            control_level="standard", verifier=world["sv"], window_opens=date(2027, 1, 1),
            window_closes=date(2027, 5, 15))
    assert not StandardsVerification.objects.exists()


# --- The sample asked for ---------------------------------------------------------------

def test_the_lead_iv_records_the_sample_asked_for(world, sample, unit, cohort):
    assert sample.number == 1 and list(sample.units.all()) == [unit]
    assert set(sample.learners.all()) == set(cohort.learners.all())


def test_a_sample_smaller_than_the_table_asks_is_refused(world, sv, unit, cohort, work):
    with pytest.raises(DomainError, match="the sample is 4 learners"):
        ask(world, sv, unit, cohort.learners.all()[:3])
    assert not SampleRound.objects.exists()


def test_the_sample_size_is_data(world, sv, unit, cohort, work):
    SampleSize.objects.create(control_level="standard", cohort_from=1, learners=2, units=1)
    assert ask(world, sv, unit, cohort.learners.all()[:2]).learners.count() == 2


def test_only_the_lead_iv_records_the_sample(world, sv, unit, cohort, work):
    with pytest.raises(PermissionDenied):
        services.request_sample(actor=world["nominee"], programme=sv.programme, units=[unit],
                                learners=list(cohort.learners.all()), requested_on=TODAY)
    assert not SampleRound.objects.exists()


def test_a_second_sample_waits_for_the_first_report(world, sv, sample, unit, cohort):
    with pytest.raises(DomainError, match="Sample 1 is still open"):
        ask(world, sv, unit, cohort.learners.all())
    assert SampleRound.objects.count() == 1


def test_the_product_suggests_learners_across_grades_and_assessors():
    work = [(1, "P", 10), (2, "P", 10), (3, "M", 10), (4, "D", 11), (5, "P", 11), (6, "U", 10)]
    assert suggest(work, 4) == [4, 3, 1, 5]
    assert sorted(suggest(work, 10)) == [1, 2, 3, 4, 5, 6]


def test_the_page_suggests_a_sample_and_records_it(world, client, sv, unit, cohort, work):
    client.force_login(world["lead_iv"])
    url = f"/verification/programmes/{world.programme.pk}/standards/"
    assert url in client.get(f"/verification/programmes/{world.programme.pk}/").content.decode()
    page = client.get(url).content.decode()
    assert "4 learners suggested across grades and assessors" in page
    assert page.count('name="learners" value=') == cohort.learners.count()
    client.post(f"{url}request/", {"units": [unit.pk], "requested_on": "2026-11-20",
                                   "learners": [lr.pk for lr in cohort.learners.all()]})
    assert SampleRound.objects.get().learners.count() == 4


# --- Declared, provided -------------------------------------------------------------------

def test_the_declaration_is_refused_while_a_sampled_learner_has_no_signed_work(
        world, sv, unit, cohort, work):
    SampleSize.objects.create(control_level="standard", cohort_from=1, learners=1, units=1)
    absent = LearnerFactory(programme=world.programme, cohort=cohort, status="registered")
    sample = ask(world, sv, unit, [*cohort.learners.exclude(pk=absent.pk)[:1], absent])
    with pytest.raises(DomainError, match=f"No signed work for: {absent} \\(Unit 3\\)"):
        services.declare_authenticity(actor=world["lead_iv"], sample=sample)
    sample.refresh_from_db()
    assert sample.declared_at is None


def test_the_sample_is_provided_only_once_declared(world, sample):
    with pytest.raises(DomainError, match="Declare first"):
        provide(world, sample)
    sample.refresh_from_db()
    assert sample.provided_on is None


@pytest.mark.parametrize("on,message", [(date(2026, 10, 31), "is outside it"),
                                        (date(2026, 11, 24), "cannot be in the future")])
def test_a_sample_provided_before_the_window_or_in_the_future_is_refused(world, sample, on,
                                                                         message):
    services.declare_authenticity(actor=world["lead_iv"], sample=sample)
    with pytest.raises(DomainError, match=message):
        provide(world, sample, on)
    sample.refresh_from_db()
    assert sample.provided_on is None


def test_a_sample_provided_after_the_window_closed_is_refused(world, sv, sample, year):
    services.declare_authenticity(actor=world["lead_iv"], sample=sample)
    services.record_standards_verification(
        actor=world["nominee"], programme=world.programme, academic_year=year,
        control_level="standard", verifier=world["sv"], window_opens=date(2026, 11, 1),
        window_closes=date(2026, 11, 21))
    with pytest.raises(DomainError, match="is outside it"):
        provide(world, sample, date(2026, 11, 22))
    sample.refresh_from_db()
    assert sample.provided_on is None


def test_the_sample_goes_with_the_plan_and_records(world, sample):
    services.declare_authenticity(actor=world["lead_iv"], sample=sample)
    with pytest.raises(DomainError, match="assessment plan"):
        services.record_sample_provided(actor=world["lead_iv"], sample=sample,
                                        provided_on=TODAY, assessment_plan=True,
                                        assessment_records=True, iv_records=False)
    sample.refresh_from_db()
    assert sample.provided_on is None


def test_provided_within_the_window(world, provided, sample):
    sample.refresh_from_db()
    assert sample.provided_on == date(2026, 11, 22) and sample.declared_by == world["lead_iv"]


# --- The report, its outcome and actions ------------------------------------------------

def test_the_verifier_records_the_report(world, provided):
    report(world["sv"], provided)
    provided.refresh_from_db()
    assert (provided.outcome, provided.outcome_recorded_by) == ("released", world["sv"])


def test_no_report_before_the_sample_is_provided(world, sample):
    with pytest.raises(DomainError, match="not been provided"):
        report(world["lead_iv"], sample)
    sample.refresh_from_db()
    assert sample.outcome == ""


def test_a_verifier_not_allocated_cannot_record_the_report(world, provided):
    other = appoint(world.centre, "sv2@x.example", "standards_verifier", world.programme,
                    last_day=TODAY + timedelta(days=5))
    with pytest.raises(PermissionDenied):
        report(other, provided)
    provided.refresh_from_db()
    assert provided.outcome == ""


def test_a_block_means_a_further_sample(world, sv, provided, unit, cohort):
    report(world["sv"], provided, "blocked")
    second = ask(world, sv, unit, cohort.learners.all(), TODAY)
    assert second.number == 2


def test_after_release_no_further_sample(world, sv, provided, unit, cohort):
    report(world["lead_iv"], provided)
    with pytest.raises(DomainError, match="released"):
        ask(world, sv, unit, cohort.learners.all(), TODAY)
    assert SampleRound.objects.count() == 1


def test_actions_are_raised_from_the_report_and_closed(world, provided):
    with pytest.raises(DomainError, match="Record the report first"):
        services.raise_action(actor=world["lead_iv"], sample=provided, description="x",
                              due_on=TODAY)
    report(world["sv"], provided)
    action = services.raise_action(actor=world["lead_iv"], sample=provided,
                                   description="Train IVs.", due_on=TODAY + timedelta(days=9))
    with pytest.raises(DomainError, match="Say how"):
        services.close_action(actor=world["nominee"], action=action, note=" ")
    services.close_action(actor=world["nominee"], action=action, note="Done at the meeting.")
    action.refresh_from_db()
    assert action.closed_by == world["nominee"]
    with pytest.raises(DomainError, match="already closed"):
        services.close_action(actor=world["lead_iv"], action=action, note="again")


# --- Certification hold -------------------------------------------------------------------

def hold(world, learners):
    check = claim_checks._checks["verification.standards_verification"]
    return check(learners, ClaimScope(world.programme))


def test_the_claim_check_is_registered_and_expected():
    assert "verification.standards_verification" in claim_checks.EXPECTED_CLAIM_CHECKS
    assert "verification.standards_verification" in claim_checks._checks


def test_claims_wait_while_the_report_is_outstanding(world, provided, cohort):
    found = hold(world, list(cohort.learners.all()))
    assert set(found) == {lr.pk for lr in cohort.learners.all()}
    assert all("report for" in f[0].message and "not up to date" in f[0].message
               and f[0].refuses for f in found.values())


def test_claims_wait_while_blocked_and_go_once_released(world, sv, provided, unit, cohort):
    learners = list(cohort.learners.all())
    report(world["sv"], provided, "blocked")
    message = hold(world, learners)[learners[0].pk][0].message
    assert f"The standards verification for {world.programme} is blocked" in message
    second = ask(world, sv, unit, learners, TODAY)
    services.declare_authenticity(actor=world["lead_iv"], sample=second)
    assert hold(world, learners)  # still blocked while the further sample is prepared
    provide(world, second, TODAY)
    report(world["sv"], second)
    assert hold(world, learners) == {}


def test_the_claim_check_costs_the_same_for_many_learners(world, provided, cohort):
    few = list(cohort.learners.all())
    many = few + [LearnerFactory(programme=world.programme, cohort=cohort) for _ in range(40)]
    with CaptureQueriesContext(connection) as small:
        hold(world, few)
    with CaptureQueriesContext(connection) as large:
        assert len(hold(world, many)) == len(many)
    assert len(small) == len(large) == 2  # the year's record, its sample rounds


# --- QO.9.4 evidence and the overview -------------------------------------------------------

def test_evidence_is_red_while_blocked_and_amber_while_actions_are_open(world, provided):
    assert sv_outcomes(world.centre).status == Status.WEAK  # report outstanding
    report(world["sv"], provided, "blocked")
    assert sv_outcomes(world.centre).status == Status.MISSING
    services.raise_action(actor=world["lead_iv"], sample=provided, description="Re-assess.",
                          due_on=TODAY)
    assert "1 actions from reports open" in sv_outcomes(world.centre).summary


def test_the_overview_shows_each_programmes_status(world, client, provided):
    report(world["sv"], provided, "blocked")
    client.force_login(world["nominee"])
    page = client.get("/verification/overview/").content.decode()
    assert "Standards verification this year" in page and "Blocked" in page


# --- The standards verifier's view ----------------------------------------------------------

@pytest.fixture
def elsewhere(world, cohort, unit, assignment, work):
    """Work the verifier must not see: the sampled learner's work for another unit, a learner
    of the same programme left out of the sample, and another programme of our centre."""
    learner = world["learner"].learner
    unit4 = specification.add_unit(actor=world["leader"], programme=world.programme,
                                   number="4", title="Fitness", guided_learning_hours=60,
                                   mandatory=True, externally_assessed=False)
    specification.import_criteria(actor=world["leader"], unit=unit4,
                                  text="code,learning_aim,text\nP1,A,Plan.")
    other_assignment = Assignment.objects.create(
        plan=assignment.plan, title="Fitness plan", hand_out_on=date(2026, 10, 5),
        deadline=date(2026, 11, 6), assessor=world["assessor"],
        internal_verifier=world["iv"], verify_brief_by=date(2026, 10, 1))
    other_assignment.criteria.set(unit4.criteria.all())
    BriefIssue.objects.create(assignment=other_assignment, cohort=cohort,
                              issued_by=world["assessor"], deadline=date(2026, 11, 6))
    other_unit_work = hand_in(world, other_assignment, learner=learner)
    left_out = cohort.learners.exclude(pk=learner.pk).order_by("centre_ref").first()
    programme = ProgrammeFactory(centre=world.centre)
    stranger = LearnerFactory(programme=programme)
    return {"other_unit_work": other_unit_work, "left_out": left_out,
            "left_out_work": work[left_out.pk], "stranger": stranger}


@pytest.fixture
def sampled(world, sv, unit, cohort, work, elsewhere):
    SampleSize.objects.create(control_level="standard", cohort_from=1, learners=1, units=1)
    learners = cohort.learners.exclude(pk=elsewhere["left_out"].pk)
    return ask(world, sv, unit, learners)


def urls_of(submission):
    return [f"/verification/standards/sampled/learners/{submission.learner_id}/",
            f"/verification/standards/sampled/work/{submission.pk}/",
            f"/verification/standards/sampled/files/{submission.files.get().pk}/"]


def test_a_time_boxed_standards_verifier_sees_exactly_the_sampled_learners_records_and_nothing_else_and_nothing_at_all_after_the_end_date(  # noqa: E501
        world, client, sampled, work, elsewhere):
    client.force_login(world["sv"])
    listing = client.get("/verification/standards/sampled/").content.decode()
    for learner in sampled.learners.all():
        assert str(learner) in listing
    assert str(elsewhere["left_out"]) not in listing
    mine = work[world["learner"].learner.pk]
    assert [client.get(u).status_code for u in urls_of(mine)] == [200, 200, 200]
    page = client.get(urls_of(mine)[1]).content.decode()
    assert "Feedback for learner" in page and "work.pdf" in page
    assert "Fitness plan" not in client.get(urls_of(mine)[0]).content.decode()
    refused = [*urls_of(elsewhere["other_unit_work"])[1:], *urls_of(elsewhere["left_out_work"]),
               f"/verification/standards/sampled/learners/{elsewhere['stranger'].pk}/",
               f"/assessment/submissions/{mine.pk}/",
               f"/assessment/files/{mine.files.get().pk}/"]
    assert {u: client.get(u).status_code for u in refused} == dict.fromkeys(refused, 404)
    last_day = world["sv"].appointments.get().last_day
    with time_machine.travel(datetime(2026, 12, 24, 1, tzinfo=UTC), tick=False):
        assert timezone.localdate() > last_day
        client.force_login(world["sv"])  # a fresh login: the old session has expired too
        assert client.get("/verification/standards/sampled/").status_code == 403
        assert [client.get(u).status_code for u in urls_of(mine)] == [404, 404, 404]


def test_the_verifier_records_the_report_from_their_page(world, client, provided):
    client.force_login(world["sv"])
    client.post(f"/verification/standards/samples/{provided.pk}/report/",
                {"received_on": "2026-11-23", "outcome": "blocked", "summary": "P2 too generous."})
    provided.refresh_from_db()
    assert provided.outcome == "blocked"


def test_staff_of_the_programme_are_not_standards_verifiers(world, client, sampled, work):
    client.force_login(world["lead_iv"])
    assert client.get("/verification/standards/sampled/").status_code == 403
    mine = work[world["learner"].learner.pk]
    assert [client.get(u).status_code for u in urls_of(mine)] == [404, 404, 404]


def grow_sample(world, cohort, assignment, sample, n, start):
    for i in range(n):
        learner = LearnerFactory(programme=world.programme, cohort=cohort, status="registered",
                                 centre_ref=f"S{start + i:05d}")
        submission = hand_in(world, assignment, learner=learner)
        assessment.record_decision(actor=world["assessor"], submission=submission,
                                   results=all_results(assignment), feedback="ok",
                                   authentic=True)
        sample.learners.add(learner)


def count(client, url):
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200, url
    return len(ctx)


def test_the_verifiers_pages_do_not_grow_with_the_sample(world, client, cohort, assignment,
                                                          sampled, work):
    mine = work[world["learner"].learner.pk]
    client.force_login(world["sv"])
    pages = ["/verification/standards/sampled/", *urls_of(mine)[:2]]
    small = [count(client, url) for url in pages]
    grow_sample(world, cohort, assignment, sampled, 12, 100)
    EvidenceFile.objects.create(submission=mine, name="more.pdf", size=3,
                                file=ContentFile(b"pdf", name="more.pdf"))
    assert [count(client, url) for url in pages] == small


def test_the_lead_iv_page_and_overview_do_not_grow(world, client, cohort, assignment, sampled):
    urls = [("lead_iv", f"/verification/programmes/{world.programme.pk}/standards/"),
            ("nominee", "/verification/overview/")]
    small = []
    for persona, url in urls:
        client.force_login(world[persona])
        small.append(count(client, url))
    grow_sample(world, cohort, assignment, sampled, 12, 200)
    for (persona, url), before in zip(urls, small, strict=True):
        client.force_login(world[persona])
        assert count(client, url) == before


def test_the_demo_has_a_released_standards_verification_the_verifier_can_read(client):
    call_command("load_demo")
    from qmr.models import User

    sv = StandardsVerification.objects.get(programme__code="BSP3X1")
    assert sv.rounds.get().outcome == "released"
    assert not SVAction.objects.filter(closed_at__isnull=True).exists()
    client.force_login(User.objects.get(email="sv@awarding.example"))
    page = client.get("/verification/standards/sampled/").content.decode()
    learner = sv.rounds.get().learners.first()
    assert str(learner) in page
    assert client.get(f"/verification/standards/sampled/learners/{learner.pk}/").status_code \
        == 200
    assert Submission.objects.filter(learner=learner).exists()
    assert timezone.localdate() == TODAY


def test_an_administrator_keeps_the_sample_size_table(admin_client):
    assert admin_client.get("/admin/verification/samplesize/").status_code == 200
