"""Certification steps, each by its role, as the centre's procedure sets them out:

1. the Lead IV completes the student report once the records support the achievement;
2. the Programme Leader checks it (a different person);
3. the Exams Officer submits a batch claim, which counts only once a second, different person
   confirms it (claim checks are asked again then: a block may have come in between);
4. certificates received are checked against the records within three working days; an anomaly
   is reported to the Quality Nominee and holds the certificate until resolved;
5. the certificate is issued to the learner.

Each step checks permission and rule, changes records in one transaction and refuses with a
message naming the condition; nothing changes on refusal.
"""

from collections.abc import Sequence
from datetime import date
from typing import Any

from django.db import transaction
from django.utils import timezone

from qmr import permissions
from qmr.audit import acting_as, record_event
from qmr.calendar import WorkingDays
from qmr.errors import DomainError, TransitionNotAllowed
from qmr.jobs.services import send_task
from qmr.models import User
from qmr.roles import (
    LEAD_VERIFY,
    MANAGE_REGISTRATIONS,
    PREPARE_REVIEW,
    SIGN_CLASS_LIST,
    SIGN_DECLARATION,
)
from registrations import claim_checks, rules, services, tasks
from registrations.models import (
    CertificateAnomaly,
    Claim,
    ClaimEntry,
    Learner,
    Programme,
    RegistrationFlag,
    ResultCorrectionAfterClaim,
    StudentReport,
)

# Who may be the second person on a claim: another Exams Officer, the Quality Nominee or the
# Head of Centre, never the one who submitted it.
SECOND_PERSON = (MANAGE_REGISTRATIONS, PREPARE_REVIEW, SIGN_DECLARATION)
CERTIFICATE_CHECK_WORKING_DAYS = 3


def _event(obj: Any, code: str, actor: Any, summary: str, centre: Any) -> None:
    record_event(obj, code, actor=actor, summary=summary, centre=centre)


def _scope(programme: Programme, report: StudentReport | None = None,
           unit_ids: frozenset[int] | None = None) -> claim_checks.ClaimScope:
    if report is not None and report.kind == StudentReport.Kind.UNITS:
        unit_ids = frozenset(u["unit_id"] for u in report.units)
    return claim_checks.ClaimScope(programme=programme, unit_ids=unit_ids)


def _refusals(learners: Sequence[Learner], scope: claim_checks.ClaimScope) -> dict[int, list]:
    found = claim_checks.run_claim_checks(learners, scope)
    return {pk: [f.message for f in findings if f.refuses] for pk, findings in found.items()
            if any(f.refuses for f in findings)}


def _refuse(prefix: str, learners: Sequence[Learner], refusals: dict[int, list]) -> None:
    if refusals:
        lines = [f"{learner}: {'; '.join(refusals[learner.pk])}" for learner in learners
                 if learner.pk in refusals]
        raise DomainError(f"{prefix} " + " — ".join(lines))


def may_complete_report(actor: User, learner: Learner) -> bool:
    return permissions.can(actor, LEAD_VERIFY, learner)


# --- 1. Student report ------------------------------------------------------------------------

@transaction.atomic
def complete_student_report(*, actor: User, learner: Learner,
                            unit_ids: frozenset[int] | None = None) -> StudentReport:
    """The Lead IV confirms the records support the achievement and completes the report: the
    full qualification, or (unit_ids) the units a learner who leaves early has achieved. The
    learner's row is locked so two reports completed at once leave one in force."""
    learner = Learner.objects.select_for_update(of=("self",)).select_related(
        "programme", "cohort", "centre").get(pk=learner.pk)
    if not may_complete_report(actor, learner):
        raise permissions.PermissionDenied("Only the programme's Lead IV completes student "
                                           "reports.")
    if unit_ids is not None and not unit_ids:
        raise DomainError("Choose the units to certificate.")
    if ClaimEntry.objects.filter(learner=learner, report__kind=StudentReport.Kind.FULL,
                                 claim__confirmed_at__isnull=False).exists():
        raise DomainError(f"{learner} has already been claimed for the full qualification.")
    scope = _scope(learner.programme, unit_ids=unit_ids)
    _refuse("The records do not support this claim yet.", [learner], _refusals([learner], scope))
    achievement = claim_checks.achievements([learner], learner.programme)[learner.pk]
    units = [u for u in achievement.units if scope.full or u.unit_id in scope.unit_ids]
    points = sum(u.points for u in units) if not scope.full else achievement.points
    grade = achievement.grade if scope.full else "Unit certification"
    now = timezone.now()
    with acting_as(actor):
        StudentReport.objects.filter(learner=learner, withdrawn_at__isnull=True,
                                     claim_entry__isnull=True).update(withdrawn_at=now)
        report = StudentReport.objects.create(
            learner=learner, kind=StudentReport.Kind.FULL if scope.full
            else StudentReport.Kind.UNITS, points=points, grade=grade, completed_by=actor,
            units=[{"unit_id": u.unit_id, "code": u.code, "title": u.title, "grade": u.grade,
                    "points": u.points} for u in units])
    _event(report, "registrations.report.completed", actor, f"{report} completed",
           learner.centre)
    return report


@transaction.atomic
def check_student_report(*, actor: User, report: StudentReport) -> StudentReport:
    """The Programme Leader checks the report is accurate; the Lead IV who wrote it cannot."""
    report = StudentReport.objects.select_for_update(of=("self",)).get(pk=report.pk)
    if not permissions.can(actor, SIGN_CLASS_LIST, report.learner):
        raise permissions.PermissionDenied("Only the Programme Leader checks student reports.")
    if report.withdrawn_at:
        raise TransitionNotAllowed("This report was replaced by a newer one.")
    if report.checked_at:
        raise TransitionNotAllowed("This report has already been checked.")
    if report.completed_by_id == actor.pk:
        raise DomainError("You completed this report, so someone else must check it: the "
                          "Programme Leader checks what the Lead IV wrote.")
    report.checked_by, report.checked_at = actor, timezone.now()
    with acting_as(actor):
        report.save(update_fields=["checked_by", "checked_at"])
    _event(report, "registrations.report.checked", actor, f"{report} checked",
           report.learner.centre)
    return report


# --- 3. The claim -----------------------------------------------------------------------------

def _changed_since_report(reports: Sequence[StudentReport], programme: Programme) -> list[str]:
    learners = [r.learner for r in reports]
    now = claim_checks.achievements(learners, programme)
    changed = []
    for report in reports:
        current = {u.unit_id: u.grade for u in now[report.learner_id].units}
        if any(current.get(u["unit_id"]) != u["grade"] for u in report.units):
            changed.append(str(report.learner))
    return changed


def _check_batch(prefix: str, reports: Sequence[StudentReport], programme: Programme) -> None:
    for kind in StudentReport.Kind.values:
        batch = [r for r in reports if r.kind == kind]
        full = [r.learner for r in batch if r.kind == StudentReport.Kind.FULL]
        _refuse(prefix, full, _refusals(full, _scope(programme)))
        for report in batch:
            if report.kind == StudentReport.Kind.UNITS:
                _refuse(prefix, [report.learner],
                        _refusals([report.learner], _scope(programme, report)))
    changed = _changed_since_report(reports, programme)
    if changed:
        raise DomainError(f"{prefix} The assessment records changed since the student report "
                          f"was completed for {', '.join(changed)}: the Lead IV completes it "
                          f"again.")


@transaction.atomic
def submit_claim(*, actor: User, programme: Programme,
                 reports: Sequence[StudentReport]) -> Claim:
    """The Exams Officer submits a batch of checked student reports. It counts as submitted
    only when a second person confirms it."""
    if not permissions.can(actor, MANAGE_REGISTRATIONS, programme):
        raise permissions.PermissionDenied("Only the Exams Officer submits claims.")
    if not reports:
        raise DomainError("Choose the learners to claim for.")
    reports = list(StudentReport.objects.select_for_update(of=("self",)).filter(
        pk__in=[r.pk for r in reports]).select_related("learner__cohort"))
    for report in reports:
        if report.learner.programme_id != programme.pk:
            raise DomainError(f"{report.learner} is not a learner of {programme}.")
        if report.withdrawn_at or not report.checked_at:
            raise DomainError(f"The student report for {report.learner} has not been checked "
                              f"by the Programme Leader.")
        if ClaimEntry.objects.filter(report=report).exists():
            raise DomainError(f"{report.learner} is already in a claim.")
    _check_batch("This claim cannot be submitted.", reports, programme)
    deadline = min(rules.claim_deadline(r.learner) for r in reports)
    with acting_as(actor):
        claim = Claim.objects.create(programme=programme, submitted_by=actor, deadline=deadline)
        ClaimEntry.objects.bulk_create([ClaimEntry(claim=claim, learner=r.learner, report=r)
                                        for r in reports])
    _event(claim, "registrations.claim.submitted", actor,
           f"{claim} submitted for {len(reports)} learner(s); waiting for a second person",
           programme.centre)
    return claim


def may_confirm(actor: User, claim: Claim) -> bool:
    return actor.pk != claim.submitted_by_id and any(
        permissions.can(actor, codename, claim.programme) for codename in SECOND_PERSON)


@transaction.atomic
def confirm_claim(*, actor: User, claim: Claim) -> Claim:
    """The second person confirms the claim; from now on it counts as submitted. A late or
    early claim is flagged to the Head of Centre."""
    claim = Claim.objects.select_for_update(of=("self",)).select_related("programme").get(
        pk=claim.pk)
    if claim.confirmed_at:
        raise TransitionNotAllowed("This claim has already been confirmed.")
    if actor.pk == claim.submitted_by_id:
        raise DomainError("You submitted this claim, so a second, different person must "
                          "confirm it.")
    if not may_confirm(actor, claim):
        raise permissions.PermissionDenied("Only another Exams Officer, the Quality Nominee or "
                                           "the Head of Centre confirms a claim.")
    entries = list(claim.entries.select_related("report", "learner__cohort"))
    _check_batch("This claim cannot be confirmed.", [e.report for e in entries],
                 claim.programme)
    today = timezone.localdate()
    claim.confirmed_by, claim.confirmed_at = actor, timezone.now()
    claim.late = today > claim.deadline
    early = [e.learner for e in entries if e.report.kind == StudentReport.Kind.FULL
             and rules.expected_completion(e.learner) > today]
    claim.early = bool(early)
    with acting_as(actor):
        claim.save(update_fields=["confirmed_by", "confirmed_at", "late", "early"])
    if claim.late:
        for entry in entries:
            services.flag_registration(
                actor=actor, learner=entry.learner, kind=RegistrationFlag.Kind.LATE,
                concerns=RegistrationFlag.Concerns.CLAIM,
                description=f"Claimed on {today:%d %B %Y}, after the deadline of "
                            f"{claim.deadline:%d %B %Y}.")
    for learner in early:
        services.flag_registration(
            actor=actor, learner=learner, kind=RegistrationFlag.Kind.EARLY,
            concerns=RegistrationFlag.Concerns.CLAIM,
            description=f"Claimed for the full qualification on {today:%d %B %Y}, before "
                        f"the expected completion on "
                        f"{rules.expected_completion(learner):%d %B %Y}.")
    _event(claim, "registrations.claim.confirmed", actor, f"{claim} confirmed by a second "
           f"person", claim.programme.centre)
    return claim


# --- 4. and 5. Certificates -------------------------------------------------------------------

def _require_exams(actor: User, claim: Claim) -> None:
    if not permissions.can(actor, MANAGE_REGISTRATIONS, claim.programme):
        raise permissions.PermissionDenied("Only the Exams Officer records certificates.")


@transaction.atomic
def record_certificates_received(*, actor: User, claim: Claim, entries: Sequence[ClaimEntry],
                                 received_on: date | None) -> list[ClaimEntry]:
    """Certificates arrived: each must be checked against the records within three working
    days."""
    _require_exams(actor, claim)
    if not claim.confirmed_at:
        raise DomainError("This claim has not been confirmed by a second person, so no "
                          "certificates can have come for it.")
    if not entries:
        raise DomainError("Choose the learners whose certificates came.")
    if received_on is None:
        raise DomainError("Give the date the certificates arrived.")
    if received_on > timezone.localdate():
        raise DomainError("The date received cannot be in the future.")
    if received_on < timezone.localtime(claim.confirmed_at).date():
        raise DomainError("Certificates cannot arrive before the claim was confirmed.")
    entries = list(ClaimEntry.objects.select_for_update(of=("self",)).filter(
        claim=claim, pk__in=[e.pk for e in entries]))
    already = [str(e.learner) for e in entries if e.certificate_received_on]
    if already:
        raise DomainError(f"Already recorded as received: {', '.join(already)}.")
    due = WorkingDays(claim.programme.centre, term_time=False).add(
        received_on, CERTIFICATE_CHECK_WORKING_DAYS)
    with acting_as(actor):
        ClaimEntry.objects.filter(pk__in=[e.pk for e in entries]).update(
            certificate_received_on=received_on, received_recorded_by=actor, check_due_on=due)
    _event(claim, "registrations.certificates.received", actor,
           f"{len(entries)} certificate(s) received for {claim}", claim.programme.centre)
    return entries


@transaction.atomic
def check_certificate(*, actor: User, entry: ClaimEntry, matches: bool | None, kind: str = "",
                      description: str = "") -> CertificateAnomaly | None:
    """Check a certificate against the records. If it does not match, record the anomaly: the
    Quality Nominee is told and the certificate is held until it is resolved."""
    entry = ClaimEntry.objects.select_for_update(of=("self",)).select_related(
        "claim__programme__centre", "learner").get(pk=entry.pk)
    _require_exams(actor, entry.claim)
    if not entry.certificate_received_on:
        raise DomainError("The certificate has not been recorded as received yet.")
    if entry.checked_on:
        raise TransitionNotAllowed("This certificate has already been checked.")
    if entry.anomalies.filter(resolved_at__isnull=True).exists():
        raise DomainError("An anomaly on this certificate is still open: resolve it with the "
                          "awarding body first, then check the amended certificate.")
    if matches is None:
        raise DomainError("Say whether the certificate matches the records.")
    if matches:
        entry.checked_on, entry.checked_by = timezone.localdate(), actor
        with acting_as(actor):
            entry.save(update_fields=["checked_on", "checked_by"])
        _event(entry, "registrations.certificate.checked", actor,
               f"Certificate of {entry.learner} checked against the records",
               entry.claim.programme.centre)
        return None
    if kind not in CertificateAnomaly.Kind.values:
        raise DomainError("Say what is wrong with the certificate: name, grade, unit or "
                          "something else.")
    if not description.strip():
        raise DomainError("Describe what does not match the records.")
    with acting_as(actor):
        anomaly = CertificateAnomaly.objects.create(entry=entry, kind=kind,
                                                    description=description, reported_by=actor)
    _event(anomaly, "registrations.certificate.anomaly", actor, str(anomaly),
           entry.claim.programme.centre)
    transaction.on_commit(lambda: send_task(tasks.notify_certificate_anomaly, anomaly.pk))
    return anomaly


@transaction.atomic
def resolve_anomaly(*, actor: User, anomaly: CertificateAnomaly,
                    resolution: str) -> CertificateAnomaly:
    """Record how the awarding body put it right; the amended certificate is then checked
    again before it is issued."""
    anomaly = CertificateAnomaly.objects.select_for_update(of=("self",)).select_related(
        "entry__claim__programme__centre").get(pk=anomaly.pk)
    programme = anomaly.entry.claim.programme
    if not (permissions.can(actor, MANAGE_REGISTRATIONS, programme)
            or permissions.can(actor, PREPARE_REVIEW, programme)):
        raise permissions.PermissionDenied("Only the Exams Officer or the Quality Nominee "
                                           "resolves certificate anomalies.")
    if anomaly.resolved_at:
        raise TransitionNotAllowed("This anomaly has already been resolved.")
    if not resolution.strip():
        raise DomainError("Say how the anomaly was resolved.")
    anomaly.resolved_by, anomaly.resolved_at = actor, timezone.now()
    anomaly.resolution = resolution
    with acting_as(actor):
        anomaly.save(update_fields=["resolved_by", "resolved_at", "resolution"])
    _event(anomaly, "registrations.certificate.anomaly_resolved", actor,
           f"{anomaly} resolved", programme.centre)
    return anomaly


@transaction.atomic
def issue_certificate(*, actor: User, entry: ClaimEntry) -> ClaimEntry:
    """Give the checked certificate to the learner."""
    entry = ClaimEntry.objects.select_for_update(of=("self",)).select_related(
        "claim__programme__centre", "learner").get(pk=entry.pk)
    _require_exams(actor, entry.claim)
    if entry.issued_on:
        raise TransitionNotAllowed("This certificate has already been issued.")
    if not entry.checked_on:
        raise DomainError("Check the certificate against the records before issuing it.")
    entry.issued_on, entry.issued_by = timezone.localdate(), actor
    with acting_as(actor):
        entry.save(update_fields=["issued_on", "issued_by"])
    _event(entry, "registrations.certificate.issued", actor,
           f"Certificate issued to {entry.learner}", entry.claim.programme.centre)
    return entry


# --- Corrections after a claim ----------------------------------------------------------------

def claimed_entry(learner: Learner) -> ClaimEntry | None:
    """The learner's latest confirmed claim, if any: a result changed after it needs a
    recorded reason."""
    return (ClaimEntry.objects.filter(learner=learner, claim__confirmed_at__isnull=False)
            .order_by("-claim__confirmed_at").first())


def record_correction_after_claim(*, actor: User, learner: Learner, what_changed: str,
                                  reason: str) -> ResultCorrectionAfterClaim | None:
    """Called by the assessment app inside its correction: keeps the reason against the
    claim. Does nothing for a learner not yet claimed for."""
    entry = claimed_entry(learner)
    if entry is None:
        return None
    if not reason.strip():
        raise DomainError(f"{learner} has already been claimed for: give the reason for "
                          f"changing the result.")
    with acting_as(actor):
        correction = ResultCorrectionAfterClaim.objects.create(
            learner=learner, entry=entry, what_changed=what_changed, reason=reason,
            made_by=actor)
    _event(correction, "registrations.result.corrected_after_claim", actor, str(correction),
           learner.centre)
    return correction
