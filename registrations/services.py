"""Workflow steps of registration: each checks the actor's permission and the rule, changes
records in one transaction, keeps history and records a named event. Refusals raise
DomainError (or PermissionDenied) and change nothing."""

import csv
import io
import re
from datetime import date
from typing import Any

from django.db import transaction
from django.utils import timezone

from qmr import permissions
from qmr.audit import acting_as, record_event, save_changes
from qmr.calendar import WorkingDays
from qmr.errors import DomainError, TransitionNotAllowed
from qmr.jobs.services import send_task
from qmr.models import User
from qmr.roles import (
    ASSESS,
    MANAGE_REGISTRATIONS,
    RECEIVE_ESCALATIONS,
    SIGN_CLASS_LIST,
    SIGN_WITHDRAWAL_AS_EXAMS,
    SIGN_WITHDRAWAL_AS_NOMINEE,
    VIEW_RECORDS,
)
from registrations import reconciliation, rules, signals, tasks
from registrations.models import (
    AttendanceMark,
    AttendanceSession,
    ClassListSignOff,
    Cohort,
    ExternalEntry,
    Learner,
    LearnerStatus,
    Programme,
    RegistrationCheck,
    RegistrationFlag,
    Transfer,
    Unit,
    Withdrawal,
)

REGISTRATION_NUMBER = re.compile(r"^[A-Z0-9]{4,20}$")
ACTIVE = (LearnerStatus.ENROLLED, LearnerStatus.REGISTERED)


def _event(obj: Any, code: str, actor: Any, summary: str, centre: Any, **data: Any) -> None:
    record_event(obj, code, actor=actor, summary=summary, centre=centre, data=data)


# --- Cohorts and enrolment -------------------------------------------------------------------

@transaction.atomic
def create_cohort(*, actor: User, programme: Programme, academic_year: Any, name: str,
                  starts_on: date, expected_end_on: date) -> Cohort:
    """Open a cohort of a programme in an academic year. Exams Officer or Programme Leader."""
    if not (permissions.can(actor, MANAGE_REGISTRATIONS, programme)
            or permissions.can(actor, SIGN_CLASS_LIST, programme)):
        permissions.require(actor, MANAGE_REGISTRATIONS, programme)
    if academic_year.centre_id != programme.centre_id:
        raise DomainError("That academic year belongs to another centre.")
    if expected_end_on <= starts_on:
        raise DomainError("The cohort must end after it starts.")
    if programme.cohorts.filter(name=name).exists():
        raise DomainError(f"{programme} already has a cohort called {name}.")
    with acting_as(actor):
        cohort = Cohort.objects.create(programme=programme, academic_year=academic_year,
                                       name=name, starts_on=starts_on,
                                       expected_end_on=expected_end_on)
    _event(cohort, "registrations.cohort.created", actor, f"Cohort {name} opened",
           programme.centre)
    return cohort


@transaction.atomic
def enrol_learner(*, actor: User, cohort: Cohort, centre_ref: str, first_name: str,
                  last_name: str, date_of_birth: date, enrolled_on: date | None = None,
                  identity_document: str = "", **details: Any) -> Learner:
    """Enrol a learner on a cohort, recording the identity check if one was made."""
    programme = cohort.programme
    permissions.require(actor, MANAGE_REGISTRATIONS, programme)
    if Learner.objects.filter(centre_id=programme.centre_id, centre_ref=centre_ref).exists():
        raise DomainError(f"A learner with the reference {centre_ref} is already enrolled.")
    now = timezone.now()
    with acting_as(actor):
        learner = Learner.objects.create(
            centre_id=programme.centre_id, programme=programme, cohort=cohort,
            centre_ref=centre_ref, first_name=first_name, last_name=last_name,
            date_of_birth=date_of_birth, enrolled_on=enrolled_on or timezone.localdate(),
            identity_document=identity_document,
            identity_checked_by=actor if identity_document else None,
            identity_checked_at=now if identity_document else None, **details,
        )
    _event(learner, "registrations.learner.enrolled", actor, f"{learner} enrolled on {cohort}",
           programme.centre)
    return learner


@transaction.atomic
def record_identity_check(*, actor: User, learner: Learner, document: str) -> Learner:
    permissions.require(actor, MANAGE_REGISTRATIONS, learner)
    learner.identity_document = document
    learner.identity_checked_by = actor
    learner.identity_checked_at = timezone.now()
    with acting_as(actor):
        learner.save(update_fields=["identity_document", "identity_checked_by",
                                    "identity_checked_at"])
    _event(learner, "registrations.identity.checked", actor,
           f"Identity of {learner} checked", learner.centre)
    return learner


# --- Step 1: class list ----------------------------------------------------------------------

@transaction.atomic
def sign_class_list(*, actor: User, cohort: Cohort) -> ClassListSignOff:
    """The cohort's Programme Leader signs its class list as accurate."""
    if not permissions.can(actor, SIGN_CLASS_LIST, cohort):
        raise permissions.PermissionDenied(
            f"Only the Programme Leader of {cohort.programme} can sign this class list."
        )
    learners = list(cohort.learners.filter(status__in=ACTIVE))
    if not learners:
        raise DomainError("The class list is empty: enrol the learners first.")
    with acting_as(actor):
        sign_off = ClassListSignOff.objects.create(cohort=cohort, signed_by=actor)
    sign_off.learners.set(learners)
    _event(sign_off, "registrations.class_list.signed", actor,
           f"Class list of {cohort} signed as accurate ({len(learners)} learners)",
           cohort.programme.centre, learners=len(learners))
    return sign_off


# --- Step 2: registration --------------------------------------------------------------------

@transaction.atomic
def register_learners(*, actor: User, cohort: Cohort, numbers: dict[int, str],
                      on: date | None = None) -> list[Learner]:
    """The Exams Officer records the awarding body's registration numbers. All or none.

    Each learner must be on a signed class list. A registration after the learner's deadline
    is still made, but recorded as late with the fee band it falls in.
    """
    permissions.require(actor, MANAGE_REGISTRATIONS, cohort)
    on = on or timezone.localdate()
    learners = {lr.pk: lr for lr in Learner.objects.select_for_update(of=("self",))
                .filter(cohort=cohort, pk__in=numbers)}
    signed = set(ClassListSignOff.learners.through.objects.filter(
        classlistsignoff__cohort=cohort, learner_id__in=numbers).values_list("learner_id",
                                                                             flat=True))
    taken = set(Learner.objects.filter(centre_id=cohort.programme.centre_id,
                                       registration_number__in=numbers.values())
                .exclude(pk__in=numbers).values_list("registration_number", flat=True))
    problems = []
    seen: set[str] = set()
    for pk, raw in numbers.items():
        number = raw.strip().upper()
        learner = learners.get(pk)
        if learner is None:
            problems.append("One of the learners is not in this cohort.")
        elif learner.status != LearnerStatus.ENROLLED:
            problems.append(f"{learner} is already {learner.get_status_display().lower()}.")
        elif pk not in signed:
            problems.append(f"{learner} is not on a signed class list: the Programme Leader "
                            f"must sign the class list first.")
        elif not REGISTRATION_NUMBER.match(number):
            problems.append(f"{learner}: '{raw}' is not a registration number (4 to 20 "
                            f"letters and digits).")
        elif number in taken or number in seen:
            problems.append(f"{learner}: registration number {number} is already used.")
        seen.add(number)
    if problems:
        raise DomainError(" ".join(problems))
    year = rules.awarding_body_years({cohort.academic_year.name})[cohort.academic_year.name]
    for pk, raw in numbers.items():
        learner = learners[pk]
        w = rules.window(learner, cohort, year, on)
        learner.registration_number = raw.strip().upper()
        learner.status = LearnerStatus.REGISTERED
        learner.registered_on = on
        learner.registered_by = actor
        learner.registered_late = on > w.deadline
        learner.registration_fee_multiplier = w.fee_multiplier_today
    with acting_as(actor):
        Learner.objects.bulk_update(
            learners.values(), ["registration_number", "status", "registered_on",
                                "registered_by", "registered_late",
                                "registration_fee_multiplier"])
    late = [lr for lr in learners.values() if lr.registered_late]
    _event(cohort, "registrations.learners.registered", actor,
           f"{len(learners)} learners of {cohort} registered ({len(late)} late)",
           cohort.programme.centre, learners=sorted(learners), late=[lr.pk for lr in late])
    return list(learners.values())


def numbers_from_csv(cohort: Cohort, text: str) -> dict[int, str]:
    """Read registration numbers from a CSV (centre_ref, registration_number) for the
    learners of this cohort. Every unknown reference is reported; nothing is registered."""
    reader = csv.DictReader(io.StringIO(text.lstrip("\ufeff")))
    headers = {(h or "").strip().lower().replace(" ", "_"): h for h in reader.fieldnames or []}
    if not {"centre_ref", "registration_number"} <= set(headers):
        raise DomainError("The file needs the columns centre_ref and registration_number.")
    refs = dict(cohort.learners.values_list("centre_ref", "pk"))
    numbers, problems = {}, []
    for n, row in enumerate(reader, start=2):
        ref = (row.get(headers["centre_ref"]) or "").strip()
        number = (row.get(headers["registration_number"]) or "").strip()
        if ref not in refs:
            problems.append(f"Row {n}, centre_ref: {ref or '(empty)'} is not in {cohort}.")
        elif number:
            numbers[refs[ref]] = number
    if problems:
        raise DomainError(" ".join(problems))
    if not numbers:
        raise DomainError("The file has no registration numbers.")
    return numbers


# --- Step 3: checking the awarding body's list -----------------------------------------------

@transaction.atomic
def upload_registration_check(*, actor: User, cohort: Cohort, text: str,
                              file_name: str) -> RegistrationCheck:
    """The Programme Leader uploads the awarding body's list; every difference is listed."""
    if not permissions.can(actor, SIGN_CLASS_LIST, cohort):
        raise permissions.PermissionDenied(
            f"Only the Programme Leader of {cohort.programme} checks its registrations."
        )
    rows = reconciliation.parse(text)
    mismatches = reconciliation.compare(cohort, rows)
    with acting_as(actor):
        check = RegistrationCheck.objects.create(cohort=cohort, uploaded_by=actor,
                                                 file_name=file_name[:200],
                                                 mismatches=mismatches)
    _event(check, "registrations.check.uploaded", actor,
           f"Awarding body list for {cohort} compared: {len(mismatches)} differences",
           cohort.programme.centre)
    return check


def _decide(actor: User, check: RegistrationCheck, status: str, note: str, code: str,
            summary: str, perm: str, allowed_from: tuple) -> RegistrationCheck:
    check = RegistrationCheck.objects.select_for_update(of=("self",)).get(pk=check.pk)
    permissions.require(actor, perm, check.cohort)
    if check.status not in allowed_from:
        raise TransitionNotAllowed(f"This check is already: {check.get_status_display()}.")
    check.status = status
    check.changes_note = note
    check.decided_by = actor
    check.decided_at = timezone.now()
    with acting_as(actor):
        check.save(update_fields=["status", "changes_note", "decided_by", "decided_at"])
    _event(check, code, actor, summary, check.cohort.programme.centre, note=note)
    return check


@transaction.atomic
def confirm_registrations(*, actor: User, check: RegistrationCheck) -> RegistrationCheck:
    """The Programme Leader confirms the awarding body's list is accurate: only a list with
    no differences can be confirmed."""
    if check.mismatches:
        raise DomainError(
            f"The list has {len(check.mismatches)} differences from our records. Ask the "
            f"Exams Officer for changes, then upload the corrected list and confirm that."
        )
    return _decide(actor, check, RegistrationCheck.Status.CONFIRMED, "",
                   "registrations.check.confirmed", f"Registrations of {check.cohort} "
                   "confirmed accurate", SIGN_CLASS_LIST, (RegistrationCheck.Status.OPEN,))


@transaction.atomic
def request_registration_changes(*, actor: User, check: RegistrationCheck,
                                 note: str) -> RegistrationCheck:
    if not note.strip():
        raise DomainError("Say what the Exams Officer needs to change.")
    return _decide(actor, check, RegistrationCheck.Status.CHANGES_REQUESTED, note,
                   "registrations.check.changes_requested",
                   f"Changes to registrations of {check.cohort} requested", SIGN_CLASS_LIST,
                   (RegistrationCheck.Status.OPEN,))


@transaction.atomic
def record_changes_made(*, actor: User, check: RegistrationCheck,
                        note: str = "") -> RegistrationCheck:
    """The Exams Officer has made the changes with the awarding body; the Programme Leader
    then checks a fresh list. The leader's request stays as they wrote it."""
    check = RegistrationCheck.objects.select_for_update(of=("self",)).get(pk=check.pk)
    permissions.require(actor, MANAGE_REGISTRATIONS, check.cohort)
    if check.status != RegistrationCheck.Status.CHANGES_REQUESTED:
        raise TransitionNotAllowed(f"This check is already: {check.get_status_display()}.")
    check.status = RegistrationCheck.Status.CHANGES_MADE
    check.changes_made_note, check.changes_made_by = note, actor
    check.changes_made_at = timezone.now()
    with acting_as(actor):
        check.save(update_fields=["status", "changes_made_note", "changes_made_by",
                                  "changes_made_at"])
    _event(check, "registrations.check.changes_made", actor,
           f"Registration changes for {check.cohort} made", check.cohort.programme.centre,
           note=note)
    return check


# --- Step 4: external assessment entries -----------------------------------------------------

@transaction.atomic
def request_entry(*, actor: User, learner: Learner, unit: Unit, series: str) -> ExternalEntry:
    if not permissions.can(actor, SIGN_CLASS_LIST, learner):
        raise permissions.PermissionDenied("Entries are requested by the Programme Leader.")
    if not unit.externally_assessed or unit.programme_id != learner.programme_id:
        raise DomainError(f"{unit} is not an externally assessed unit of {learner.programme}.")
    if learner.status != LearnerStatus.REGISTERED:
        raise DomainError(f"{learner} must be registered before being entered for {unit}.")
    if ExternalEntry.objects.filter(learner=learner, unit=unit, series=series).exists():
        raise DomainError(f"{learner} is already entered for {unit} in {series}.")
    with acting_as(actor):
        entry = ExternalEntry.objects.create(learner=learner, unit=unit, series=series,
                                             requested_by=actor)
    _event(entry, "registrations.entry.requested", actor,
           f"Entry of {learner} for {unit} ({series}) requested", learner.centre)
    return entry


def _move_entry(actor: User, entry: ExternalEntry, perm: str, status_from: str,
                status_to: str, who: str, message: str) -> ExternalEntry:
    entry = ExternalEntry.objects.select_for_update(of=("self",)).get(pk=entry.pk)
    permissions.require(actor, perm, entry.learner)
    if entry.status != status_from:
        raise TransitionNotAllowed(f"This entry is {entry.get_status_display().lower()}.")
    entry.status = status_to
    setattr(entry, f"{who}_by", actor)
    setattr(entry, f"{who}_at", timezone.now())
    with acting_as(actor):
        entry.save(update_fields=["status", f"{who}_by", f"{who}_at"])
    _event(entry, f"registrations.entry.{status_to}", actor, message, entry.learner.centre)
    return entry


@transaction.atomic
def enter_entry(*, actor: User, entry: ExternalEntry) -> ExternalEntry:
    return _move_entry(actor, entry, MANAGE_REGISTRATIONS, ExternalEntry.Status.REQUESTED,
                       ExternalEntry.Status.ENTERED, "entered", "Entry made with the awarding body")


@transaction.atomic
def check_entry(*, actor: User, entry: ExternalEntry) -> ExternalEntry:
    return _move_entry(actor, entry, SIGN_CLASS_LIST, ExternalEntry.Status.ENTERED,
                       ExternalEntry.Status.CHECKED, "checked", "Entry checked as accurate")


# --- Changes: withdrawals, transfers, details ------------------------------------------------

def may_request_withdrawal(actor: User, learner: Learner) -> bool:
    """The Programme Leader, the Exams Officer or the Quality Nominee may start one."""
    return any(permissions.can(actor, p, learner) for p in
               (SIGN_CLASS_LIST, MANAGE_REGISTRATIONS, SIGN_WITHDRAWAL_AS_NOMINEE))


@transaction.atomic
def request_withdrawal(*, actor: User, learner: Learner, reason: str,
                       last_day: date) -> Withdrawal:
    """Start a withdrawal; it waits for the two sign-offs."""
    if not may_request_withdrawal(actor, learner):
        raise permissions.PermissionDenied("You cannot withdraw this learner.")
    if learner.status not in ACTIVE:
        raise DomainError(f"{learner} is {learner.get_status_display().lower()} already.")
    if learner.withdrawals.filter(took_effect_at__isnull=True).exists():
        raise DomainError(f"A withdrawal of {learner} is already waiting for sign-off.")
    if not reason.strip():
        raise DomainError("Give the reason for the withdrawal.")
    with acting_as(actor):
        withdrawal = Withdrawal.objects.create(learner=learner, reason=reason,
                                               last_day=last_day, requested_by=actor)
    _event(withdrawal, "registrations.withdrawal.requested", actor,
           f"Withdrawal of {learner} requested", learner.centre)
    return withdrawal


@transaction.atomic
def sign_withdrawal(*, actor: User, withdrawal: Withdrawal, capacity: str) -> Withdrawal:
    """Sign off a withdrawal as "nominee" or "exams". It takes effect when both have signed,
    and the two sign-offs must come from two different people."""
    withdrawal = Withdrawal.objects.select_for_update(of=("self",)).get(pk=withdrawal.pk)
    learner = withdrawal.learner
    perm = {"nominee": SIGN_WITHDRAWAL_AS_NOMINEE, "exams": SIGN_WITHDRAWAL_AS_EXAMS}[capacity]
    role = "Quality Nominee" if capacity == "nominee" else "Exams Officer"
    if not permissions.can(actor, perm, learner):
        raise permissions.PermissionDenied(f"Only the {role} can sign this off as {role}.")
    if withdrawal.took_effect_at:
        raise TransitionNotAllowed("This withdrawal has already taken effect.")
    if getattr(withdrawal, f"{capacity}_signed_by_id"):
        raise TransitionNotAllowed(f"The {role} has already signed this withdrawal.")
    other = withdrawal.exams_signed_by_id if capacity == "nominee" else \
        withdrawal.nominee_signed_by_id
    if other == actor.pk:
        raise DomainError("You have signed this withdrawal already: the second sign-off must "
                          "come from a different person.")
    now = timezone.now()
    setattr(withdrawal, f"{capacity}_signed_by", actor)
    setattr(withdrawal, f"{capacity}_signed_at", now)
    fields = [f"{capacity}_signed_by", f"{capacity}_signed_at"]
    if withdrawal.nominee_signed_by_id and withdrawal.exams_signed_by_id:
        withdrawal.took_effect_at = now
        fields.append("took_effect_at")
        learner.status = LearnerStatus.WITHDRAWN
    with acting_as(actor):
        withdrawal.save(update_fields=fields)
        if withdrawal.took_effect_at:
            learner.save(update_fields=["status"])
    _event(withdrawal, f"registrations.withdrawal.signed_{capacity}", actor,
           f"Withdrawal of {learner} signed by the {role}"
           + (": it has taken effect" if withdrawal.took_effect_at else ""), learner.centre)
    return withdrawal


@transaction.atomic
def transfer_learner(*, actor: User, learner: Learner, to_cohort: Cohort | None = None,
                     to_other_centre: str = "", prior_learning: str = "") -> Transfer:
    """Move a learner to another programme's cohort here, or record a move to another centre.
    Recognition of prior learning goes with them."""
    permissions.require(actor, MANAGE_REGISTRATIONS, learner)
    if bool(to_cohort) == bool(to_other_centre.strip()):
        raise DomainError("Choose either a cohort here or name the other centre.")
    if learner.status not in ACTIVE:
        raise DomainError(f"{learner} is {learner.get_status_display().lower()}.")
    if to_cohort and to_cohort.programme.centre_id != learner.centre_id:
        raise DomainError("That cohort belongs to another centre: name the centre instead.")
    transfer = Transfer(learner=learner, from_programme=learner.programme,
                        to_programme=to_cohort.programme if to_cohort else None,
                        to_other_centre=to_other_centre, prior_learning=prior_learning,
                        transferred_by=actor)
    if prior_learning:
        learner.prior_learning = "\n".join(filter(None, [learner.prior_learning, prior_learning]))
    if to_cohort:
        learner.programme, learner.cohort = to_cohort.programme, to_cohort
    else:
        learner.status = LearnerStatus.TRANSFERRED
    with acting_as(actor):
        transfer.save()
        learner.save(update_fields=["programme", "cohort", "status", "prior_learning"])
    _event(transfer, "registrations.learner.transferred", actor,
           f"{learner} transferred to {to_cohort or to_other_centre}", learner.centre)
    return transfer


CORRECTION_REASON = "Corrects an error the learner reported"
DETAIL_FIELDS = {"first_name", "last_name", "date_of_birth", "email", "phone",
                 "estimated_completion_on", "support_needs", "learning_plan", "prior_learning"}


@transaction.atomic
def change_details(*, actor: User, learner: Learner, corrects_error: bool = False,
                   **fields: Any) -> Learner:
    """Change a learner's details; the history keeps what they were and, for a correction the
    learner asked for (their right to rectification), says so."""
    permissions.require(actor, MANAGE_REGISTRATIONS, learner)
    unknown = set(fields) - DETAIL_FIELDS
    if unknown:
        raise DomainError(f"These details cannot be changed here: {', '.join(sorted(unknown))}.")
    if corrects_error:
        learner._change_reason = CORRECTION_REASON  # simple-history stores it on the row
    changed = save_changes(learner, fields, actor)
    if changed:
        _event(learner, "registrations.learner.details_changed", actor,
               f"Details of {learner} {'corrected' if corrects_error else 'changed'}: "
               f"{', '.join(changed)}", learner.centre, correction=corrects_error)
    return learner


# --- Flags -----------------------------------------------------------------------------------

def may_flag(actor: User, learner: Learner) -> bool:
    """Any of the centre's staff who read the learner's record; never an external reviewer."""
    return permissions.can_as_staff(actor, VIEW_RECORDS, learner)


@transaction.atomic
def flag_registration(*, actor: User, learner: Learner, kind: str, description: str,
                      concerns: str = RegistrationFlag.Concerns.REGISTRATION
                      ) -> RegistrationFlag:
    """Flag an inaccurate, early, late or fraudulent registration (or claim): the Head of
    Centre is told at once and must acknowledge it within two working days. Staff who read
    the learner's record may; an external reviewer reads it only (PermissionDenied)."""
    permissions.require_staff(actor, VIEW_RECORDS, learner)
    if not description.strip():
        raise DomainError("Describe what is wrong with the registration.")
    due = WorkingDays(learner.centre, term_time=False).add(timezone.localdate(), 2)
    with acting_as(actor):
        flag = RegistrationFlag.objects.create(learner=learner, kind=kind,
                                               description=description, raised_by=actor,
                                               acknowledge_by=due, concerns=concerns)
    _event(flag, "registrations.flag.raised", actor, f"{flag} flagged", learner.centre)
    transaction.on_commit(lambda: send_task(tasks.notify_flag_raised, flag.pk))
    signals.registration_flagged.send(sender=RegistrationFlag, flag=flag)
    return flag


@transaction.atomic
def acknowledge_flag(*, actor: User, flag: RegistrationFlag) -> RegistrationFlag:
    flag = RegistrationFlag.objects.select_for_update(of=("self",)).get(pk=flag.pk)
    permissions.require(actor, RECEIVE_ESCALATIONS, flag.learner)
    if flag.acknowledged_at:
        raise TransitionNotAllowed("This flag has already been acknowledged.")
    flag.acknowledged_by, flag.acknowledged_at = actor, timezone.now()
    with acting_as(actor):
        flag.save(update_fields=["acknowledged_by", "acknowledged_at"])
    _event(flag, "registrations.flag.acknowledged", actor,
           f"Flag on {flag.learner} acknowledged by the Head of Centre", flag.learner.centre)
    return flag


# --- Attendance ------------------------------------------------------------------------------

@transaction.atomic
def record_attendance(*, actor: User, cohort: Cohort, held_on: date, title: str,
                      marks: dict[int, str]) -> AttendanceSession:
    """Take the register for a session. Anyone teaching the programme may; a register taken
    after the day is kept but shows as not recorded on the same day."""
    if not (permissions.can(actor, SIGN_CLASS_LIST, cohort) or permissions.can(
            actor, ASSESS, cohort)):
        raise permissions.PermissionDenied("Only the programme's teachers take its register.")
    if held_on > timezone.localdate():
        raise DomainError("A register cannot be taken for a day that has not come yet.")
    learners = set(cohort.learners.filter(status__in=ACTIVE).values_list("pk", flat=True))
    unknown = set(marks) - learners
    if unknown:
        raise DomainError("Some marks are for learners who are not in this cohort.")
    if set(marks.values()) - set(AttendanceMark.Mark.values):
        raise DomainError("Use present, late, absent or authorised for each learner.")
    if not marks:
        raise DomainError("Mark at least one learner.")
    with acting_as(actor):
        session, _ = AttendanceSession.objects.get_or_create(cohort=cohort, held_on=held_on,
                                                             title=title)
        AttendanceMark.objects.bulk_create([
            AttendanceMark(session=session, learner_id=pk, mark=mark, recorded_by=actor)
            for pk, mark in marks.items()], ignore_conflicts=True)
    _event(session, "registrations.attendance.recorded", actor,
           f"Register for {cohort} on {held_on:%d %b %Y} taken ({len(marks)} learners)",
           cohort.programme.centre)
    return session
