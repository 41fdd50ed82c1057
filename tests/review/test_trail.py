"""The learner trail: one learner's path through the records in date order, read by the
pack's readers only, built from sections the apps register (failing closed)."""

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.checks import run_checks
from django.core.files.base import ContentFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from appeals.decisions import services as appeals
from appeals.decisions.evidence import stage_limits
from appeals.decisions.models import Appeal, AppealStage
from assessment import services as assessment
from assessment.models import (
    Assignment,
    BriefIssue,
    CriterionResult,
    Decision,
    EvidenceFile,
    GradingScheme,
    Submission,
)
from qmr.review import trail
from registrations import certification
from registrations.models import Learner
from tests.assessment.conftest import (  # noqa: F401  (fixtures)
    all_results,
    assignment,
    cohort,
    hand_in,
    issued,
    plan,
    unit,
    year,
)
from tests.conftest import SUITE_DAY
from tests.factories import LearnerFactory
from verification import services as verification
from verification.models import CriterionCheck, DecisionVerification

pytestmark = pytest.mark.django_db

LONDON = ZoneInfo("Europe/London")
GOOD = verification.Feedback(authenticity_confirmed=True, links_to_criteria=True,
                             justifies_awards=True, avoids_improvement_actions=True)
READERS = ["head", "slt", "nominee", "reviewer"]


def on(month: int, day: int) -> time_machine.travel:
    return time_machine.travel(datetime(2026, month, day, 10, tzinfo=LONDON), tick=False)


def trail_url(centre, learner) -> str:
    return reverse("review:learner-trail", args=[centre.pk, learner.pk])


@pytest.fixture
def traced(world, issued, assignment):  # noqa: F811
    """The learner persona from registration (1 Oct) to an issued certificate (1 Dec),
    through the real services: work handed in 2 Nov, decided 24 Nov, verified and released
    25 Nov, appealed 26 Nov, not upheld and accepted 27 Nov, claimed 30 Nov."""
    work = hand_in(world, assignment)
    with on(11, 24):
        decision = assessment.record_decision(
            actor=world["assessor"], submission=work, feedback="P1 and P2 met.",
            results=all_results(assignment, ("P1", "P2")), authentic=True)
    with on(11, 25):
        verification.verify_decision(
            actor=world["iv"], submission=work, feedback=GOOD, declared=True,
            checks={r.criterion_id: (True, "") for r in decision.results.all()})
        decision = assessment.release_result(actor=world["assessor"], decision=decision)
    with on(11, 26):
        appeal = appeals.lodge_appeal(actor=world["learner"], decision=decision,
                                      grounds="My M1 analysis is on page 4.")
    with on(11, 27):
        appeals.decide_stage(actor=world["assessor"], stage=appeals.current_stage(appeal),
                             outcome="not_upheld", reasons="M1 needs a conclusion.")
        appeals.accept_outcome(actor=world["learner"], appeal=appeal)
    with on(11, 30):
        GradingScheme.objects.create(programme=world.programme, minimum_points=1)
        learner = world["learner"].learner
        report = certification.complete_student_report(actor=world["lead_iv"], learner=learner)
        report = certification.check_student_report(actor=world["leader"], report=report)
        claim = certification.submit_claim(actor=world["exams"], programme=world.programme,
                                           reports=[report])
        claim = certification.confirm_claim(actor=world["nominee"], claim=claim)
    with on(12, 1):
        entry = claim.entries.get()
        certification.record_certificates_received(actor=world["exams"], claim=claim,
                                                   entries=[entry], received_on=date(2026, 12, 1))
        certification.check_certificate(actor=world["exams"], entry=entry, matches=True)
        certification.issue_certificate(actor=world["exams"], entry=entry)
    return world["learner"].learner


def test_it_shows_the_path_in_date_order(login, world, traced):
    response = login(world["reviewer"]).get(trail_url(world.centre, traced))
    assert response.status_code == 200
    kinds = [e.kind for e in response.context["entries"]]
    path = ["Registration", "Submission", "Assessment decision", "IV of the decision",
            "Appeal", "Appeal stage decided", "Claim", "Certificate issued"]
    assert [kinds.index(k) for k in path] == sorted(kinds.index(k) for k in path)
    days = [e.day for e in response.context["entries"]]
    assert days == sorted(days)


def test_each_entry_says_what_the_record_shows_and_links_it(login, world, traced):
    page = login(world["reviewer"]).get(trail_url(world.centre, traced)).content.decode()
    work = traced.submissions.get()
    assert "signed declaration of authenticity" in page
    assert "achieved P1, P2; not yet M1" in page
    assert reverse("assessment:submission-detail", args=[work.pk]) in page
    assert reverse("verification:decision-iv", args=[work.verifications.get().pk]) in page
    assert reverse("appeals:appeal-detail", args=[traced.appeals.get().pk]) in page
    assert "Certificate issued to the learner" in page
    assert reverse("review:trail-picker", args=[world.centre.pk]) in page


def test_it_is_read_only(login, world, traced):
    page = login(world["reviewer"]).get(trail_url(world.centre, traced)).content.decode()
    assert "<form" not in page.split("<main", 1)[-1]
    response = login(world["reviewer"]).post(trail_url(world.centre, traced))
    assert response.status_code == 405


@pytest.mark.parametrize("persona", READERS)
def test_the_pack_readers_read_it(login, world, persona):
    learner = world["learner"].learner
    assert login(world[persona]).get(trail_url(world.centre, learner)).status_code == 200


@pytest.mark.parametrize("persona", ["assessor", "learner", "sv", "outsider", "exams", "iv"])
def test_others_get_404(login, world, persona):
    learner = world["learner"].learner
    assert login(world[persona]).get(trail_url(world.centre, learner)).status_code == 404
    picker = reverse("review:trail-picker", args=[world.centre.pk])
    assert login(world[persona]).get(picker).status_code == 404


def test_a_learner_of_another_centre_is_404(login, world):
    theirs = LearnerFactory(programme=world.other_programme)
    assert login(world["reviewer"]).get(trail_url(world.centre, theirs)).status_code == 404
    assert login(world["nominee"]).get(trail_url(world.centre, theirs)).status_code == 404


def test_the_reviewer_after_their_appointment_ended_gets_404(login, world):
    with time_machine.travel(SUITE_DAY + timedelta(days=31), tick=False):
        client = login(world["reviewer"])  # a fresh session: the old one has expired
        assert client.get(trail_url(world.centre, world["learner"].learner)).status_code == 404
        picker = reverse("review:trail-picker", args=[world.centre.pk])
        assert client.get(picker).status_code == 404


def test_the_picker_finds_by_name_and_registration_number(login, world, cohort):  # noqa: F811
    mine = world["learner"].learner
    mine.refresh_from_db()
    client = login(world["reviewer"])
    picker = reverse("review:trail-picker", args=[world.centre.pk])
    by_name = client.get(picker, {"q": f"{mine.first_name} {mine.last_name}"})
    assert mine.pk in [lr.pk for lr in by_name.context["learners"]]
    assert trail_url(world.centre, mine) in by_name.content.decode()
    by_number = client.get(picker, {"q": mine.registration_number.lower()})
    assert [lr.pk for lr in by_number.context["learners"]] == [mine.pk]
    assert client.get(picker, {"q": "nobody-has-this-name"}).context["learners"] == []


def test_the_picker_shows_at_most_fifty(login, world):
    _grow(world, 60)
    response = login(world["nominee"]).get(reverse("review:trail-picker",
                                                   args=[world.centre.pk]))
    assert len(response.context["learners"]) == 50 and response.context["more"]


def test_the_picker_lists_only_the_centres_learners(login, world):
    theirs = LearnerFactory(programme=world.other_programme, last_name="Elsewhere")
    response = login(world["nominee"]).get(reverse("review:trail-picker",
                                                   args=[world.centre.pk]), {"q": "Elsewhere"})
    assert theirs.pk not in [lr.pk for lr in response.context["learners"]]


def test_the_real_sections_pass_the_check():
    assert [e for e in run_checks() if e.id == "review.E001"] == []


def test_a_missing_section_fails_the_check_and_the_trail(monkeypatch, world):
    monkeypatch.delitem(trail._sections, "assessment.work")
    errors = [e.msg for e in run_checks() if e.id == "review.E001"]
    assert errors == ["Learner trail section assessment.work is not registered."]
    with pytest.raises(RuntimeError, match="assessment.work"):
        trail.entries(world["learner"].learner.pk)


def test_a_missing_lookup_fails_the_check(monkeypatch):
    monkeypatch.setattr(trail, "_lookup", [])
    errors = [e.msg for e in run_checks() if e.id == "review.E001"]
    assert errors == ["No learner lookup is registered for the learner trail."]


def test_appeal_evidence_names_the_learner_for_the_pack(world, traced):
    records = stage_limits(world.centre).records
    assert records and {r.learner_id for r in records} == {traced.pk}


# --- Query counts ------------------------------------------------------------------------------

def _grow(world, n: int) -> None:
    """n more learners at centre A, made in one go."""
    start = Learner.objects.count()
    Learner.objects.bulk_create([
        Learner(centre=world.centre, programme=world.programme, centre_ref=f"G{start + i:06d}",
                first_name=f"First{i}", last_name=f"Last{i}", date_of_birth=date(2009, 1, 1),
                registration_number=f"RG{start + i:06d}")
        for i in range(n)])


def _more_work(world, assignment, n: int) -> None:  # noqa: F811
    """n more assignments, each handed in, decided, verified and appealed against by the
    learner persona (rows made directly: only their number matters here)."""
    learner, now = world["learner"].learner, timezone.now()
    for i in range(n):
        extra = Assignment.objects.create(
            plan=assignment.plan, title=f"Extra {i}", hand_out_on=assignment.hand_out_on,
            deadline=assignment.deadline, assessor=world["assessor"],
            internal_verifier=world["iv"], verify_brief_by=assignment.verify_brief_by)
        extra.criteria.set(assignment.criteria.all())
        BriefIssue.objects.create(assignment=extra, cohort=learner.cohort,
                                  issued_by=world["assessor"], deadline=extra.deadline)
        work = Submission.objects.create(assignment=extra, learner=learner,
                                         submitted_by=world["assessor"], deadline=extra.deadline,
                                         declaration_signed_at=now)
        EvidenceFile.objects.create(submission=work, name="w.pdf", size=3,
                                    file=ContentFile(b"pdf", name="w.pdf"))
        decision = Decision.objects.create(submission=work, assessor=world["assessor"],
                                           authentic=True, feedback="ok", released_at=now)
        for criterion in extra.criteria.all():
            CriterionResult.objects.create(decision=decision, criterion=criterion,
                                           achieved=True)
        checked = DecisionVerification.objects.create(
            submission=work, decision=decision, verifier=world["iv"],
            authenticity_confirmed=True, feedback_links_to_criteria=True,
            feedback_justifies_awards=True, feedback_avoids_improvement_actions=True,
            agrees=True, declared=True)
        CriterionCheck.objects.create(verification=checked,
                                      criterion=extra.criteria.first(), accurate=True)
        appeal = Appeal.objects.create(centre=world.centre, programme=world.programme,
                                       learner=learner, decision=decision, grounds="x",
                                       lodged_by=world["learner"])
        AppealStage.objects.create(appeal=appeal, number=1, opened_on=now.date(),
                                   due_on=now.date())


def _queries(client, url: str, **params) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url, params).status_code == 200
    return len(ctx)


def test_the_trail_costs_the_same_for_a_big_centre_and_more_work(login, world, traced,
                                                                 assignment):  # noqa: F811
    client, url = login(world["reviewer"]), trail_url(world.centre, traced)
    _grow(world, 30)
    small = _queries(client, url)
    # 1 session  2 user  3 centre  4 grants  5 the learner (lookup)
    # registration 6 learner + induction + plan  7 class lists  8 registration checks
    #   9 external entries  10 transfers  11 withdrawals  12 flags  13 tutorial reviews
    # assessment 14 briefs issued  15 extensions  16 submissions  17 their files
    #   18 decisions  19 their criterion results  20 resubmissions  21 retakes
    # verification 22 IV of briefs  23 their actions  24 IV samples  25 IV of decisions
    #   26 their checks  27 their remedial actions  28 standards samples
    # appeals 29 appeals  30 their stages  31 results in doubt  32 malpractice cases
    #   33 adjustments  34 special consideration
    # certification 35 student reports  36 claim entries  37 anomalies  38 corrections
    #   39 claim flags
    assert small == 39
    _grow(world, 2970)
    _more_work(world, assignment, 4)
    assert _queries(client, url) == small


def test_the_picker_costs_the_same_for_3_000_learners(login, world):
    client = login(world["reviewer"])
    url = reverse("review:trail-picker", args=[world.centre.pk])
    _grow(world, 30)
    small, searched = _queries(client, url), _queries(client, url, q="Last1")
    # 1 session  2 user  3 centre  4 grants  5 learners (with programme and cohort)
    assert (small, searched) == (5, 5)
    _grow(world, 2970)
    assert (_queries(client, url), _queries(client, url, q="Last1")) == (small, searched)
