"""Every URL of the project, requested as every persona, on our centre's objects and on
another centre's: 404 for what may not be seen, 403 for seen but not allowed.

A URL pattern with no row here fails `test_every_url_pattern_has_a_row`.
"""

from datetime import date
from typing import Any

import pytest
from django.core.files.base import ContentFile
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone

from assessment.models import (
    AssessmentPlan,
    Assignment,
    BriefIssue,
    Decision,
    EvidenceFile,
    Resubmission,
    Submission,
)
from qmr.models import AcademicYear, Appointment
from registrations.models import (
    CertificateAnomaly,
    Claim,
    ClaimEntry,
    Cohort,
    Criterion,
    ExternalEntry,
    RegistrationCheck,
    RegistrationFlag,
    StudentReport,
    Unit,
    Withdrawal,
)
from tests.conftest import PERSONAS, appoint
from tests.factories import LearnerFactory
from tests.qmr import matrix_parts
from tests.qmr.matrix_support import (
    ALL,
    CENTRE_WIDE_READ,
    INDEX,
    MANAGE,
    PEOPLE,
    PLAN_READ,
    READ,
    REVIEWER,
    STAFF,
    WORK_READ,
    expect,
)
from verification.models import (
    BriefAction,
    BriefVerification,
    DecisionVerification,
    LeadIVRegistration,
    RemedialAction,
)
from verification.standards.models import SampleRound, StandardsVerification, SVAction

pytestmark = pytest.mark.django_db

PARTS = matrix_parts.parts()


class Target:
    """The objects a row's URL points at, in our centre ("own") or the other ("other")."""

    made = 0

    def __init__(self, world: Any, side: str) -> None:
        Target.made += 1
        n = Target.made  # several targets may share one world: keep their names apart
        self.centre = world.centre if side == "own" else world.other_centre
        self.person = appoint(self.centre, f"target-{side}-{n}@x.example", "senior_manager")
        self.appointment = Appointment.objects.filter(person=self.person).first()
        self.year = AcademicYear.objects.create(
            centre=self.centre, name=f"2040/41 ({n})", starts_on=date(2040, 8, 1),
            ends_on=date(2041, 7, 31),
        )
        programme = world.programme if side == "own" else world.other_programme
        self.cohort = Cohort.objects.create(programme=programme, academic_year=self.year,
                                            name=f"Cohort {side} {n}",
                                            starts_on=date(2040, 9, 3),
                                            expected_end_on=date(2041, 7, 15))
        self.learner = LearnerFactory(programme=programme, cohort=self.cohort)
        self.check = RegistrationCheck.objects.create(cohort=self.cohort,
                                                      uploaded_by=self.person, file_name="x")
        self.withdrawal = Withdrawal.objects.create(learner=self.learner, reason="moving",
                                                    last_day=date(2040, 10, 1),
                                                    requested_by=self.person)
        self.unit = Unit.objects.create(programme=programme, number=f"9{n}", title="Unit nine")
        self.entry = ExternalEntry.objects.create(learner=self.learner, unit=self.unit,
                                                  series="May 2041", requested_by=self.person)
        self.flag = RegistrationFlag.objects.create(learner=self.learner, kind="late",
                                                    description="late", raised_by=self.person,
                                                    acknowledge_by=date(2040, 10, 3))
        self._assessment(world, side, programme)
        self._certification(programme)
        self._standards(world, side, programme)
        for part in PARTS:
            part.build(self, world, side)

    def _assessment(self, world: Any, side: str, programme: Any) -> None:
        """A plan, an issued assignment, a decided submission with a file, a resubmission
        request. Ours are assessed by the assessor persona, for the learner persona."""
        criterion = Criterion.objects.create(unit=self.unit, code="P1", band="P", text="x")
        assessor = world["assessor"] if side == "own" else self.person
        self.plan = AssessmentPlan.objects.create(programme=programme,
                                                  academic_year=self.year)
        self.assignment = Assignment.objects.create(
            plan=self.plan, title="A1", hand_out_on=date(2040, 9, 10),
            deadline=date(2040, 10, 10), assessor=assessor,
            internal_verifier=assessor, verify_brief_by=date(2040, 9, 5))
        self.assignment.criteria.set([criterion])
        learner = world["learner"].learner if side == "own" else self.learner
        learner.cohort = self.cohort
        learner.save(update_fields=["cohort"])
        self.issue = BriefIssue.objects.create(assignment=self.assignment, cohort=self.cohort,
                                               issued_by=assessor, deadline=date(2040, 10, 10))
        self.submission = Submission.objects.create(
            assignment=self.assignment, learner=learner, submitted_by=assessor,
            deadline=date(2040, 10, 10), declaration_signed_at=timezone.now())
        self.file = EvidenceFile.objects.create(submission=self.submission, name="w.pdf",
                                                size=3, file=ContentFile(b"pdf", name="w.pdf"))
        Decision.objects.create(submission=self.submission, assessor=assessor, authentic=True,
                                feedback="ok")
        self.resubmission = Resubmission.objects.create(submission=self.submission,
                                                        requested_by=assessor)
        self.verification = DecisionVerification.objects.create(
            submission=self.submission, decision=self.submission.decisions.get(),
            verifier=assessor, authenticity_confirmed=True, feedback_links_to_criteria=True,
            feedback_justifies_awards=True, feedback_avoids_improvement_actions=True,
            agrees=False)
        self.registration = LeadIVRegistration.objects.create(
            subject_area=programme.subject_area, academic_year=self.year, person=assessor,
            registered_on=date(2040, 9, 1))
        self.action = RemedialAction.objects.create(
            verification=self.verification, kind="reassess", description="x",
            due_on=date(2040, 10, 1), raised_by=assessor)
        self.brief_verification = BriefVerification.objects.create(
            assignment=self.assignment, verifier=assessor, outcome="not_fit",
            academic_year=self.year, hand_out_on=date(2040, 9, 10), deadline=date(2040, 10, 10))
        self.brief_action = BriefAction.objects.create(
            verification=self.brief_verification, description="x", due_on=date(2040, 9, 8))


    def _certification(self, programme: Any) -> None:
        """An unchecked student report, and a confirmed claim whose certificate came back with
        an anomaly."""
        report = {"units": [], "points": 0, "grade": "P", "completed_by": self.person}
        self.report = StudentReport.objects.create(learner=self.learner, **report)
        claimed = StudentReport.objects.create(learner=self.learner, checked_by=self.person,
                                               checked_at=timezone.now(), **report)
        self.claim = Claim.objects.create(programme=programme, submitted_by=self.person,
                                          deadline=date(2041, 7, 31))
        self.claim_entry = ClaimEntry.objects.create(claim=self.claim, learner=self.learner,
                                                     report=claimed,
                                                     certificate_received_on=date(2041, 8, 1))
        self.anomaly = CertificateAnomaly.objects.create(entry=self.claim_entry, kind="name",
                                                         description="x",
                                                         reported_by=self.person)

    def _standards(self, world: Any, side: str, programme: Any) -> None:
        """A standards verification whose provided sample holds the learner's work, with an
        action. Ours is allocated to the standards verifier persona."""
        verifier = world["sv"] if side == "own" else self.person
        self.sv = StandardsVerification.objects.create(
            programme=programme, academic_year=self.year, control_level="standard",
            verifier=verifier, window_opens=date(2040, 9, 1), window_closes=date(2041, 5, 15),
            recorded_by=self.person)
        self.sample = SampleRound.objects.create(
            standards_verification=self.sv, requested_on=date(2040, 10, 1),
            requested_by=self.person, provided_on=date(2040, 11, 1))
        self.sample.units.set([self.unit])
        self.sample.learners.set([self.submission.learner])
        self.sv_action = SVAction.objects.create(sample=self.sample, description="x",
                                                 due_on=date(2041, 1, 1), raised_by=self.person)


def c(t: Target) -> dict:
    return {"centre_id": t.centre.pk}


# url name -> (kwargs builder, method, POST data builder, expectations on our centre)
ROWS: dict[str, tuple[Any, str, Any, dict[str, int]]] = {
    "qmr:home": (None, "get", None, dict.fromkeys(ALL, 200)),
    "qmr:profile": (None, "get", None, dict.fromkeys(ALL, 200)),
    "healthz": (None, "get", None, dict.fromkeys(ALL, 200)),
    "qmr:centre-settings": (c, "get", None, expect(STAFF)),
    "qmr:centre-details": (c, "post", lambda p: {"name": f"Renamed by {p}", "nation": "ENG"},
                           expect(MANAGE, 302, STAFF)),
    "qmr:site-add": (c, "post", lambda p: {"name": f"Site of {p}"}, expect(MANAGE, 302, STAFF)),
    "qmr:year-add": (c, "post", lambda p: {"name": f"{2050 + INDEX[p]}",
                                           "starts_on": f"{2050 + INDEX[p]}-08-01",
                                           "ends_on": f"{2051 + INDEX[p]}-07-31"},
                     expect(MANAGE, 302, STAFF)),
    "qmr:term-add": (lambda t: {**c(t), "year_id": t.year.pk}, "post",
                     lambda p: {"y{year}-name": p, "y{year}-starts_on":
                                f"2040-09-{INDEX[p] + 1:02d}",
                                "y{year}-ends_on": f"2040-09-{INDEX[p] + 1:02d}"},
                     expect(MANAGE, 302, STAFF)),
    "qmr:certification-block-set": (c, "post", lambda p: {"reason": f"QO.3 ({p})",
                                                          "set_on": "2026-01-05"},
                                    expect(MANAGE, 302, STAFF)),
    "qmr:certification-block-release": (c, "post", lambda p: {}, expect(MANAGE, 302, STAFF)),
    "qmr:people-list": (c, "get", None, expect(PEOPLE, 200, STAFF)),
    "qmr:people-appoint": (c, "get", None, expect(MANAGE, 200, STAFF)),
    "qmr:person-detail": (lambda t: {**c(t), "person_id": t.person.pk}, "get", None,
                          expect(PEOPLE)),
    "qmr:person-edit": (lambda t: {**c(t), "person_id": t.person.pk}, "post",
                        lambda p: {"full_name": f"Edited by {p}", "email": t_email(p)},
                        expect(MANAGE, 302, PEOPLE)),
    "qmr:appointment-end": (lambda t: {"pk": t.appointment.pk}, "post", lambda p: {},
                            expect(MANAGE, 302, PEOPLE)),
    "qmr:appointment-last-day": (lambda t: {"pk": t.appointment.pk}, "post",
                                 lambda p: {"last_day": "2041-01-01"},
                                 expect(MANAGE, 302, PEOPLE)),
}


def cohort(t: Target) -> dict:
    return {"pk": t.cohort.pk}


def learner(t: Target) -> dict:
    return {"pk": t.learner.pk}


ROWS.update({
    "registrations:cohort-list": (None, "get", None, dict.fromkeys(ALL, 200)),
    "registrations:cohort-detail": (cohort, "get", None, expect(READ)),
    "registrations:cohort-enrol": (cohort, "post", lambda p: {}, expect({"exams"}, 302, READ)),
    "registrations:class-list-sign": (cohort, "post", lambda p: {},
                                      expect({"leader"}, 302, READ)),
    "registrations:cohort-register": (cohort, "get", None, expect({"exams"}, 200, READ)),
    "registrations:check-upload": (cohort, "post", lambda p: {}, expect({"leader"}, 302, READ)),
    "registrations:check-detail": (lambda t: {"pk": t.check.pk}, "get", None, expect(READ)),
    "registrations:check-decide": (lambda t: {"pk": t.check.pk, "decision": "confirm"}, "post",
                                   lambda p: {}, expect({"leader"}, 302, READ)),
    "registrations:learner-detail": (learner, "get", None, expect(READ)),
    "registrations:withdrawal-request": (learner, "post", lambda p: {},
                                         expect({"leader", "exams", "nominee"}, 302, READ)),
    # Any of the centre's staff who read the record flags it; the reviewer only reads it.
    "registrations:flag-raise": (learner, "post", lambda p: {},
                                 expect(READ - REVIEWER, 302, READ)),
    "registrations:withdrawal-sign": (lambda t: {"pk": t.withdrawal.pk, "capacity": "nominee"},
                                      "post", lambda p: {}, expect({"nominee"}, 302, READ)),
    "registrations:flag-acknowledge": (lambda t: {"pk": t.flag.pk}, "post", lambda p: {},
                                       expect({"head"}, 302, READ)),
    "registrations:my-record": (None, "get", None, expect({"learner"})),
    "registrations:exams-queue": (None, "get", None,
                                  {p: 200 if p == "exams" else 403 for p in ALL}),
    "registrations:nominee-overview": (None, "get", None, {
        p: 200 if p in CENTRE_WIDE_READ | {"outsider"} else 403 for p in ALL}),
    "registrations:learner-import": (c, "get", None, expect({"exams"}, 200, STAFF)),
    "registrations:entry-request": (learner, "post", lambda p: {},
                                    expect({"leader"}, 302, READ)),
    "registrations:entry-move": (lambda t: {"pk": t.entry.pk, "step": "enter"}, "post",
                                 lambda p: {}, expect({"exams"}, 302, READ)),
    "registrations:learner-transfer": (learner, "post", lambda p: {},
                                       expect({"exams"}, 302, READ)),
    "registrations:learner-details": (learner, "post", lambda p: {},
                                      expect({"exams"}, 302, READ)),
    "registrations:programme-list": (None, "get", None, dict.fromkeys(ALL, 200)),
    "registrations:programme-detail": (lambda t: {"pk": t.cohort.programme_id}, "get", None,
                                       expect(READ)),
    "registrations:unit-add": (lambda t: {"pk": t.cohort.programme_id}, "post", lambda p: {},
                               expect({"leader", "lead_iv"}, 302, READ)),
    "registrations:criterion-add": (lambda t: {"pk": t.cohort.programme_id,
                                               "unit_id": t.unit.pk}, "post", lambda p: {},
                                    expect({"leader", "lead_iv"}, 302, READ)),
    "registrations:criteria-import": (lambda t: {"pk": t.cohort.programme_id,
                                                 "unit_id": t.unit.pk}, "post", lambda p: {},
                                      expect({"leader", "lead_iv"}, 302, READ)),
    "registrations:cohort-attendance": (cohort, "get", None, expect(READ)),
    "registrations:eligibility": (cohort, "get", None, expect(
        {"head", "slt", "nominee", "exams", "leader", "lead_iv"}, 200, READ)),
    "registrations:claims-queue": (None, "get", None,
                                   {p: 200 if p == "exams" else 403 for p in ALL}),
    "registrations:claim-submit": (lambda t: {"programme_id": t.cohort.programme_id}, "post",
                                   lambda p: {}, expect({"exams"}, 302, READ)),
    "registrations:claim-detail": (lambda t: {"pk": t.claim.pk}, "get", None, expect(READ)),
    "registrations:claim-confirm": (lambda t: {"pk": t.claim.pk}, "post", lambda p: {},
                                    expect({"exams", "nominee", "head"}, 302, READ)),
    "registrations:certificates-received": (lambda t: {"pk": t.claim.pk}, "post",
                                            lambda p: {}, expect({"exams"}, 302, READ)),
    "registrations:certificate-check": (lambda t: {"pk": t.claim_entry.pk}, "post",
                                        lambda p: {}, expect({"exams"}, 302, READ)),
    "registrations:certificate-issue": (lambda t: {"pk": t.claim_entry.pk}, "post",
                                        lambda p: {}, expect({"exams"}, 302, READ)),
    "registrations:anomaly-resolve": (lambda t: {"pk": t.anomaly.pk}, "post", lambda p: {},
                                      expect({"exams", "nominee"}, 302, READ)),
    "registrations:student-report-new": (learner, "get", None, expect({"lead_iv"}, 200, READ)),
    "registrations:student-report-detail": (lambda t: {"pk": t.report.pk}, "get", None,
                                            expect(READ)),
    "registrations:student-report-check": (lambda t: {"pk": t.report.pk}, "post",
                                           lambda p: {}, expect({"leader"}, 302, READ)),
    "registrations:certification-overview": (None, "get", None, {
        p: 200 if p in CENTRE_WIDE_READ | {"outsider"} else 403 for p in ALL}),
})


def plan(t: Target) -> dict:
    return {"pk": t.plan.pk}


def assignment(t: Target) -> dict:
    return {"pk": t.assignment.pk}


def submission(t: Target) -> dict:
    return {"pk": t.submission.pk}


ROWS.update({
    "assessment:plan-list": (None, "get", None, dict.fromkeys(ALL, 200)),
    "assessment:plan-detail": (plan, "get", None, expect(PLAN_READ)),
    "assessment:plan-action": (lambda t: {"pk": t.plan.pk, "action": "sign-off"}, "post",
                               lambda p: {}, expect({"lead_iv"}, 302, PLAN_READ)),
    "assessment:assignment-detail": (assignment, "get", None, expect(PLAN_READ)),
    "verification:brief-iv": (assignment, "get", None, expect(PLAN_READ)),
    # An empty checklist is shown again with its problems (200), not recorded.
    "verification:brief-verify": (assignment, "post", lambda p: {},
                                expect({"iv", "lead_iv"}, 200, PLAN_READ)),
    "verification:brief-sign": (lambda t: {"pk": t.brief_verification.pk}, "post",
                                lambda p: {}, expect({"assessor"}, 302, PLAN_READ)),
    "verification:brief-countersign": (lambda t: {"pk": t.brief_verification.pk}, "post",
                                       lambda p: {}, expect({"lead_iv"}, 302, PLAN_READ)),
    "verification:brief-action-complete": (lambda t: {"pk": t.brief_action.pk}, "post",
                                           lambda p: {},
                                           expect({"assessor", "iv", "lead_iv"}, 302,
                                                  PLAN_READ)),
    "assessment:brief-issue": (assignment, "post", lambda p: {},
                               expect({"assessor", "leader"}, 302, PLAN_READ)),
    "assessment:my-assessing": (None, "get", None, dict.fromkeys(ALL, 200)),
    "assessment:submission-detail": (submission, "get", None, expect(WORK_READ)),
    "assessment:submission-decide": (submission, "post", lambda p: {},
                                     expect({"assessor"}, 302, WORK_READ)),
    "assessment:submission-action": (lambda t: {"pk": t.submission.pk, "action": "release"},
                                     "post", lambda p: {},
                                     expect({"assessor"}, 302, WORK_READ)),
    "assessment:evidence-download": (lambda t: {"pk": t.file.pk}, "get", None,
                                     expect(WORK_READ)),
    "assessment:my-work": (None, "get", None, expect({"learner"})),
    "assessment:hand-in": (lambda t: {"issue_pk": t.issue.pk}, "post", lambda p: {},
                           expect({"learner"}, 302)),
    "assessment:resubmission-list": (None, "get", None, dict.fromkeys(ALL, 200)),
    "assessment:grid-cohort": (lambda t: {"cohort_id": t.cohort.pk}, "get", None,
                               expect(PLAN_READ | {"learner"}, 200, {"exams"})),
    "assessment:grid-cohort-csv": (lambda t: {"cohort_id": t.cohort.pk}, "get", None,
                                   expect(PLAN_READ | {"learner"}, 200, {"exams"})),
    "assessment:grid-unit": (lambda t: {"cohort_id": t.cohort.pk, "unit_id": t.unit.pk}, "get",
                             None, expect(PLAN_READ | {"learner"}, 200, {"exams"})),
    "assessment:grid-unit-csv": (lambda t: {"cohort_id": t.cohort.pk, "unit_id": t.unit.pk},
                                 "get", None, expect(PLAN_READ | {"learner"}, 200, {"exams"})),
    # The evidence pack links the reviewer to the programme's sample and coverage (QO.9.2).
    "verification:programme-iv": (lambda t: {"pk": t.cohort.programme_id}, "get", None,
                                  expect({"iv", "lead_iv"} | REVIEWER)),
    "verification:take-sample": (lambda t: {"pk": t.cohort.programme_id}, "post", lambda p: {},
                                 expect({"iv", "lead_iv"}, 302, REVIEWER)),
    "verification:my-verifications": (None, "get", None, dict.fromkeys(ALL, 200)),
    "verification:lead-iv-register": (lambda t: {"pk": t.cohort.programme.subject_area_id},
                                      "post", lambda p: {}, expect(MANAGE, 302)),
    "verification:lead-iv-standardised": (lambda t: {"pk": t.registration.pk}, "post",
                                          lambda p: {}, expect(MANAGE, 302)),
    "verification:meeting-add": (lambda t: {"pk": t.cohort.programme.subject_area_id}, "get",
                                 None, expect({"lead_iv"})),
    "verification:overview": (None, "get", None, {
        p: 200 if p in CENTRE_WIDE_READ | {"outsider", "lead_iv"} else 403 for p in ALL}),
    "verification:verify-decision": (submission, "get", None, expect({"iv", "lead_iv"})),
    # The record: the programme's readers of assessment and the assessor of the decision.
    "verification:decision-iv": (lambda t: {"pk": t.verification.pk}, "get", None,
                                 expect(PLAN_READ)),
    "verification:decision-sign": (lambda t: {"pk": t.verification.pk}, "post", lambda p: {},
                                   expect({"assessor"}, 302, PLAN_READ)),
    "verification:decision-countersign": (lambda t: {"pk": t.verification.pk}, "post",
                                          lambda p: {}, expect({"lead_iv"}, 302, PLAN_READ)),
    "verification:action-raise": (lambda t: {"pk": t.verification.pk}, "post", lambda p: {},
                                  expect({"iv", "lead_iv"}, 302)),
    "verification:action-close": (lambda t: {"pk": t.action.pk}, "post", lambda p: {},
                                  expect({"lead_iv"}, 302)),
    "assessment:extension-add": (assignment, "get", None,
                                 expect({"assessor", "lead_iv"}, 200, PLAN_READ)),
    "assessment:decision-correct": (submission, "get", None,
                                    expect({"assessor", "lead_iv"}, 200, WORK_READ)),
    "assessment:resubmission-decide": (
        lambda t: {"pk": t.resubmission.pk, "decision": "authorise"}, "post", lambda p: {},
        expect({"lead_iv"}, 302, PLAN_READ)),
})


def sample(t: Target) -> dict:
    return {"pk": t.sample.pk}


SV_LEADS = {"lead_iv", "nominee"}  # the Lead IV and the Quality Nominee keep the record
ROWS.update({
    "verification:sv-programme": (lambda t: {"pk": t.cohort.programme_id}, "get", None,
                                  expect(SV_LEADS)),
    "verification:sv-record": (lambda t: {"pk": t.cohort.programme_id}, "post", lambda p: {},
                               expect(SV_LEADS, 302)),
    "verification:sv-request": (lambda t: {"pk": t.cohort.programme_id}, "post", lambda p: {},
                                expect({"lead_iv"}, 302, SV_LEADS)),
    "verification:sv-declare": (sample, "post", lambda p: {},
                                expect({"lead_iv"}, 302, SV_LEADS | {"sv"})),
    "verification:sv-provided": (sample, "post", lambda p: {},
                                 expect({"lead_iv"}, 302, SV_LEADS | {"sv"})),
    "verification:sv-report": (sample, "post", lambda p: {},
                               expect({"lead_iv", "sv"}, 302, SV_LEADS)),
    "verification:sv-action-raise": (sample, "post", lambda p: {},
                                     expect({"lead_iv"}, 302, SV_LEADS | {"sv"})),
    "verification:sv-action-close": (lambda t: {"pk": t.sv_action.pk}, "post", lambda p: {},
                                     expect(SV_LEADS, 302)),
    # The standards verifier's read-only view: the sampled learner's work, nothing else.
    "verification:sv-samples": (None, "get", None,
                                {p: 200 if p == "sv" else 403 for p in ALL}),
    "verification:sv-learner": (lambda t: {"pk": t.submission.learner_id}, "get", None,
                                expect({"sv"})),
    "verification:sv-work": (submission, "get", None, expect({"sv"})),
    "verification:sv-file": (lambda t: {"pk": t.file.pk}, "get", None, expect({"sv"})),
})


for _part in PARTS:
    ROWS.update(_part.ROWS)


def t_email(persona: str) -> str:
    return "target-own@x.example"


# Patterns that need no centre object: reachable by anyone, or only by superusers.
PUBLIC = {"login", "password_reset", "password_reset_done", "password_reset_complete",
          "password_reset_confirm", "logout", "password_change", "password_change_done",
          "deadlines:feed"}


def _names(resolver: URLResolver, prefix: str = "") -> set[str]:
    names = set()
    for p in resolver.url_patterns:
        if isinstance(p, URLResolver):
            ns = f"{prefix}{p.namespace}:" if p.namespace else prefix
            names |= _names(p, ns)
        elif isinstance(p, URLPattern) and p.name:
            names.add(prefix + p.name)
    return names


def test_every_url_pattern_has_a_row() -> None:
    covered = set(ROWS) | PUBLIC
    missing = {n for n in _names(get_resolver()) if n not in covered
               and not n.startswith("admin:")}
    assert not missing, f"URL patterns with no row in the permission matrix: {sorted(missing)}"


def _statuses(world: Any, name: str, side: str, personas: set[str]) -> dict[str, int]:
    """Request the row's URL once per persona, each with a fresh client."""
    builder, method, data, _ = ROWS[name]
    target = Target(world, side)
    url = reverse(name, kwargs=builder(target) if builder else None)
    statuses = {}
    for persona in sorted(personas):
        client = Client()
        if persona != "anon":
            client.force_login(world[persona])
        payload = data(persona) if data else {}
        payload = {k.replace("{year}", str(target.year.pk)): v for k, v in payload.items()}
        statuses[persona] = getattr(client, method)(url, payload).status_code
    return statuses


@pytest.mark.parametrize("name", sorted(ROWS))
def test_own_centre(world: Any, name: str) -> None:
    assert _statuses(world, name, "own", ALL) == ROWS[name][3]


def test_other_centre_is_404_for_everyone_of_ours(world: Any) -> None:
    """Every URL with an object, on another centre's object, as each of our roles."""
    wrong = {}
    for name in sorted(n for n in ROWS if ROWS[n][0] is not None):
        statuses = _statuses(world, name, "other", set(PERSONAS))
        wrong |= {(name, p): s for p, s in statuses.items() if s != 404}
    assert wrong == {}


def test_anonymous_is_sent_to_login(world: Any) -> None:
    wrong = {}
    for name in sorted(ROWS):
        status = _statuses(world, name, "own", {"anon"})["anon"]
        if status != (200 if name == "healthz" else 302):
            wrong[name] = status
    assert wrong == {}


@pytest.mark.parametrize("name", sorted(PUBLIC - {"password_reset_confirm", "logout",
                                                  "deadlines:feed"}))
def test_public_pages_answer_anonymous(client: Any, name: str) -> None:
    expected = 302 if name.startswith("password_change") else 200
    assert client.get(reverse(name)).status_code == expected


def test_reset_link_with_bad_token_says_so(client: Any) -> None:
    url = reverse("password_reset_confirm", kwargs={"uidb64": "MQ", "token": "bad-token"})
    response = client.get(url, follow=True)
    assert b"already been used or has expired" in response.content


def test_admin_is_for_superusers_only(client: Any, world: Any, admin_user: Any) -> None:
    for persona in ALL:
        client.force_login(world[persona])
        assert client.get(reverse("admin:index")).status_code == 302
    client.force_login(admin_user)
    assert client.get(reverse("admin:qmr_appointment_changelist")).status_code == 200
