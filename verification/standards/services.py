"""Standards verification steps. Who does what (MISSION, seeds 001-003: the centre provides
samples and acts on the reports; the verifier records the sample outcome):

- the Quality Nominee or the Lead IV records the control level, the verifier allocated and the
  sampling window the awarding body set;
- the Lead IV records each sample asked for, declares the sampled work authentic, records it
  provided, and raises the actions the report sets;
- the standards verifier (or the Lead IV, when the report comes by post or e-mail) records the
  report and its outcome;
- the Lead IV or the Quality Nominee closes actions once done.
"""

from datetime import date

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import Model
from django.utils import timezone

from assessment.models import Submission
from qmr import permissions
from qmr.audit import acting_as, record_event
from qmr.errors import DomainError, TransitionNotAllowed
from qmr.models import AcademicYear, Appointment, User
from qmr.roles import LEAD_VERIFY, PREPARE_REVIEW, SAMPLE_WORK, Role
from registrations.models import Learner, LearnerStatus, Programme, Unit
from verification.standards.models import (
    ControlLevel,
    Outcome,
    SampleRound,
    StandardsVerification,
    SVAction,
)
from verification.standards.selectors import units_with_work
from verification.standards.sizes import sample_size
from verification.standards.state import state_of


def _lead_or_nominee(actor: User, programme: Programme, doing: str) -> None:
    if not (permissions.can(actor, LEAD_VERIFY, programme)
            or permissions.can(actor, PREPARE_REVIEW, programme)):
        raise permissions.PermissionDenied(f"The Lead IV or the Quality Nominee {doing}.")


def _lead(actor: User, programme: Programme, doing: str) -> None:
    if not permissions.can(actor, LEAD_VERIFY, programme):
        raise permissions.PermissionDenied(f"The programme's Lead Internal Verifier {doing}.")


def _event(subject: Model, code: str, actor: User, programme: Programme, summary: str) -> None:
    record_event(subject, f"verification.sv.{code}", actor=actor, centre=programme.centre,
                 summary=summary)


def holds_sv_appointment(person: User, programme: Programme) -> bool:
    return Appointment.objects.active().filter(
        person=person, role=Role.STANDARDS_VERIFIER, scope_id=programme.pk,
        scope_type=ContentType.objects.get_for_model(Programme)).exists()


@transaction.atomic
def record_standards_verification(*, actor: User, programme: Programme,
                                  academic_year: AcademicYear | None, control_level: str,
                                  verifier: User | None, window_opens: date | None,
                                  window_closes: date | None) -> StandardsVerification:
    """Record (or correct) what the awarding body set for the programme's year: the control
    level, the standards verifier allocated and the sampling window. The verifier needs a
    time-boxed Standards Verifier appointment on the programme first."""
    _lead_or_nominee(actor, programme, "records the standards verification")
    if academic_year is None:
        raise DomainError("The centre has no current academic year: add it in the centre's "
                          "settings first.")
    if verifier is None or window_opens is None or window_closes is None:
        raise DomainError("Choose the standards verifier and give the first and last days of "
                          "the sampling window.")
    if academic_year.centre_id != programme.centre_id:
        raise DomainError("That academic year belongs to another centre.")
    if control_level not in ControlLevel.values:
        raise DomainError("Choose the control level the awarding body set: standard or "
                          "enhanced.")
    if not holds_sv_appointment(verifier, programme):
        raise DomainError(f"{verifier} has no Standards Verifier appointment on {programme} "
                          f"now: appoint them on the People page first, with the last day of "
                          f"their access.")
    if window_closes < window_opens:
        raise DomainError("The sampling window closes before it opens.")
    if not (academic_year.contains(window_opens) and academic_year.contains(window_closes)):
        raise DomainError(f"The sampling window must fall within {academic_year} "
                          f"({academic_year.starts_on:%d %B %Y} to "
                          f"{academic_year.ends_on:%d %B %Y}).")
    fields = {"control_level": control_level, "verifier": verifier,
              "window_opens": window_opens, "window_closes": window_closes}
    with acting_as(actor):
        sv, created = StandardsVerification.objects.select_for_update(of=("self",)).get_or_create(
            programme=programme, academic_year=academic_year,
            defaults={**fields, "recorded_by": actor})
        if not created:
            for name, value in fields.items():
                setattr(sv, name, value)
            sv.save(update_fields=list(fields))
    _event(sv, "recorded" if created else "changed", actor, programme,
           f"{sv}: {sv.get_control_level_display().lower()} control, {verifier}")
    return sv


def _learners_with_work(programme: Programme, units: list[Unit]) -> set[int]:
    """Learners with assessed work in `units`: who a sample of them can be drawn from."""
    return set(Submission.objects.filter(
        assignment__plan__programme=programme, decisions__isnull=False,
        assignment__criteria__unit__in=units).values_list("learner_id", flat=True))


def _require_size(sv: StandardsVerification, units: list[Unit],
                  learners: list[Learner]) -> None:
    """The sample reaches the size the table gives for the control level and the number of
    learners, capped at what has been assessed."""
    programme = sv.programme
    cohort = Learner.objects.filter(programme=programme, status__in=[
        LearnerStatus.ENROLLED, LearnerStatus.REGISTERED]).count()
    size = sample_size(sv.control_level, cohort)
    unit_ids, learner_ids = units_with_work(programme), _learners_with_work(programme, units)
    need_units = min(size.units, len(unit_ids))
    need_learners = min(size.learners, len(learner_ids))
    level = sv.get_control_level_display().lower()
    if len({u.pk for u in units} & unit_ids) < need_units:
        raise DomainError(f"At {level} control the sample covers {need_units} units with "
                          f"assessed work: choose more units.")
    if len({lr.pk for lr in learners} & learner_ids) < need_learners:
        raise DomainError(f"At {level} control, with {cohort} learners on the programme, the "
                          f"sample is {need_learners} learners with assessed work in the "
                          f"chosen units: choose more learners.")


@transaction.atomic
def request_sample(*, actor: User, programme: Programme, units: list[Unit],
                   learners: list[Learner], requested_on: date | None) -> SampleRound:
    """The Lead IV records the sample the verifier asked for, on the programme's standards
    verification for the current year: a first sample, or a further one after a block. Its
    size follows the control level and the number of learners."""
    _lead(actor, programme, "records the sample asked for")
    today = timezone.localdate()
    sv = StandardsVerification.objects.select_for_update(of=("self",)).filter(
        programme=programme, academic_year__starts_on__lte=today,
        academic_year__ends_on__gte=today).first()
    if sv is None:
        raise DomainError("Record what the awarding body set for this year first: the control "
                          "level, the standards verifier and the sampling window.")
    if requested_on is None:
        raise DomainError("Give the date the verifier asked for the sample.")
    state = state_of(sv.rounds.all())
    if state.open_round is not None:
        raise TransitionNotAllowed(f"Sample {state.open_round.number} is still open: record "
                                   f"its report first.")
    if state.released:
        raise TransitionNotAllowed("The standards verification was released: no further "
                                   "sample is needed.")
    if not units or not learners:
        raise DomainError("Choose the units and the learners the verifier asked for.")
    if any(u.programme_id != programme.pk or u.externally_assessed for u in units):
        raise DomainError(f"Choose internally assessed units of {programme}.")
    if any(lr.programme_id != programme.pk for lr in learners):
        raise DomainError(f"Choose learners of {programme}.")
    gone = [lr for lr in learners if lr.status not in (LearnerStatus.ENROLLED,
                                                       LearnerStatus.REGISTERED)]
    if gone:
        raise DomainError(f"{', '.join(map(str, gone))}: no longer on the programme.")
    if requested_on > today:
        raise DomainError("The date the sample was asked for cannot be in the future.")
    _require_size(sv, units, learners)
    with acting_as(actor):
        sample = SampleRound.objects.create(
            standards_verification=sv, number=len(state.rounds) + 1, requested_on=requested_on,
            requested_by=actor)
    sample.units.set(units)
    sample.learners.set(learners)
    _event(sample, "sample_requested", actor, programme,
           f"{sample}: {len(learners)} learners, {len(units)} units")
    return sample


def _undeclared(sample: SampleRound) -> list[str]:
    """Sampled learner and unit pairs without work handed in, or with work whose signed
    declaration is missing (one query for the work)."""
    units = list(sample.units.all())
    learners = list(sample.learners.all())
    signed: set[tuple[int, int]] = set()
    unsigned: set[tuple[int, int]] = set()
    for learner_id, unit_id, signed_at in Submission.objects.filter(
            learner__in=learners, assignment__criteria__unit__in=units).values_list(
            "learner_id", "assignment__criteria__unit_id", "declaration_signed_at"):
        (signed if signed_at else unsigned).add((learner_id, unit_id))
    return [f"{lr} (Unit {u.number})" for lr in learners for u in units
            if (lr.pk, u.pk) not in signed or (lr.pk, u.pk) in unsigned]


@transaction.atomic
def declare_authenticity(*, actor: User, sample: SampleRound) -> SampleRound:
    """The Lead IV declares that every sampled learner declared their work their own; refused
    while any sampled learner's work for a sampled unit lacks the signed declaration."""
    sample = SampleRound.objects.select_for_update(of=("self",)).select_related(
        "standards_verification__programme__centre").get(pk=sample.pk)
    programme = sample.standards_verification.programme
    _lead(actor, programme, "declares the sample authentic")
    if sample.declared_at:
        raise TransitionNotAllowed("The declaration for this sample is already made.")
    missing = _undeclared(sample)
    if missing:
        raise DomainError("Not every sampled learner has signed the declaration that their "
                          "work is their own. No signed work for: " + "; ".join(missing) + ".")
    sample.declared_at, sample.declared_by = timezone.now(), actor
    with acting_as(actor):
        sample.save(update_fields=["declared_at", "declared_by"])
    _event(sample, "sample_declared", actor, programme, f"{sample}: authenticity declared")
    return sample


@transaction.atomic
def record_sample_provided(*, actor: User, sample: SampleRound, provided_on: date | None,
                           assessment_plan: bool, assessment_records: bool, iv_records: bool,
                           adjustment_records: bool = False, notes: str = "") -> SampleRound:
    """The Lead IV records the sample sent, within the sampling window, with the assessment
    plan and the assessment and IV records (and any reasonable-adjustment records)."""
    sample = SampleRound.objects.select_for_update(of=("self",)).select_related(
        "standards_verification__programme__centre").get(pk=sample.pk)
    sv = sample.standards_verification
    _lead(actor, sv.programme, "records the sample provided")
    if sample.provided_on:
        raise TransitionNotAllowed(f"This sample was provided on {sample.provided_on:%d %B %Y}.")
    if not sample.declared_at:
        raise DomainError("Declare first that every sampled learner declared their work "
                          "their own.")
    if provided_on is None:
        raise DomainError("Give the date the sample was provided.")
    if not (assessment_plan and assessment_records and iv_records):
        raise DomainError("A sample goes with the assessment plan, the assessment records "
                          "and the internal verification records: tick each once it is sent.")
    if provided_on > timezone.localdate():
        raise DomainError("The date the sample was provided cannot be in the future.")
    if not sv.window_opens <= provided_on <= sv.window_closes:
        raise DomainError(f"The sampling window runs from {sv.window_opens:%d %B %Y} to "
                          f"{sv.window_closes:%d %B %Y}: a sample provided on "
                          f"{provided_on:%d %B %Y} is outside it. Ask the verifier to agree "
                          f"a new window and record it first.")
    if provided_on < sample.requested_on:
        raise DomainError("The sample cannot be provided before it was asked for.")
    sample.provided_on, sample.provided_by = provided_on, actor
    sample.sent_assessment_plan = assessment_plan
    sample.sent_assessment_records = assessment_records
    sample.sent_iv_records = iv_records
    sample.sent_adjustment_records = adjustment_records
    sample.sent_notes = notes.strip()
    with acting_as(actor):
        sample.save(update_fields=[
            "provided_on", "provided_by", "sent_assessment_plan", "sent_assessment_records",
            "sent_iv_records", "sent_adjustment_records", "sent_notes"])
    _event(sample, "sample_provided", actor, sv.programme,
           f"{sample} provided on {provided_on:%d %b %Y}")
    return sample


@transaction.atomic
def record_report(*, actor: User, sample: SampleRound, received_on: date | None, summary: str,
                  outcome: str) -> SampleRound:
    """The standards verifier allocated (or the Lead IV, transcribing the report) records the
    report on a provided sample and its outcome. Blocked means a further sample is needed."""
    sample = SampleRound.objects.select_for_update(of=("self",)).select_related(
        "standards_verification__programme__centre").get(pk=sample.pk)
    sv = sample.standards_verification
    verifier = actor.pk == sv.verifier_id and permissions.can(actor, SAMPLE_WORK, sv.programme)
    if not (verifier or permissions.can(actor, LEAD_VERIFY, sv.programme)):
        raise permissions.PermissionDenied("The standards verifier allocated, or the Lead IV, "
                                           "records the report.")
    if sample.outcome:
        raise TransitionNotAllowed("The report on this sample is already recorded.")
    if not sample.provided_on:
        raise DomainError("The sample has not been provided yet, so there is no report.")
    if outcome not in Outcome.values:
        raise DomainError("Say whether the sample was released or blocked.")
    if not summary.strip():
        raise DomainError("Summarise the report: what the verifier found.")
    if received_on is None:
        raise DomainError("Give the date of the report.")
    if not sample.provided_on <= received_on <= timezone.localdate():
        raise DomainError(f"The report is received between the day the sample was provided "
                          f"({sample.provided_on:%d %B %Y}) and today.")
    sample.report_received_on, sample.report_summary = received_on, summary.strip()
    sample.outcome, sample.outcome_recorded_by = outcome, actor
    with acting_as(actor):
        sample.save(update_fields=["report_received_on", "report_summary", "outcome",
                                   "outcome_recorded_by"])
    _event(sample, "report_recorded", actor, sv.programme,
           f"{sample}: {sample.get_outcome_display().lower()}")
    return sample


@transaction.atomic
def raise_action(*, actor: User, sample: SampleRound, description: str,
                 due_on: date | None) -> SVAction:
    """The Lead IV records an action the verifier's report sets, with its target date."""
    sample = SampleRound.objects.select_related(
        "standards_verification__programme__centre").get(pk=sample.pk)
    programme = sample.standards_verification.programme
    _lead(actor, programme, "records the report's actions")
    if not sample.outcome:
        raise DomainError("Record the report first: its actions come from it.")
    if not description.strip():
        raise DomainError("Describe the action to take.")
    if due_on is None:
        raise DomainError("Give the action's target date.")
    if due_on < timezone.localdate():
        raise DomainError("The target date cannot be in the past.")
    with acting_as(actor):
        action = SVAction.objects.create(sample=sample, description=description.strip(),
                                         due_on=due_on, raised_by=actor)
    _event(action, "action_raised", actor, programme, str(action))
    return action


@transaction.atomic
def close_action(*, actor: User, action: SVAction, note: str) -> SVAction:
    """The Lead IV or the Quality Nominee closes an action once done, saying how."""
    action = SVAction.objects.select_for_update(of=("self",)).select_related(
        "sample__standards_verification__programme__centre").get(pk=action.pk)
    programme = action.sample.standards_verification.programme
    _lead_or_nominee(actor, programme, "closes the report's actions")
    if action.closed_at:
        raise TransitionNotAllowed("This action is already closed.")
    if not note.strip():
        raise DomainError("Say how the action was completed.")
    action.closed_by, action.closed_at, action.closure_note = actor, timezone.now(), note.strip()
    with acting_as(actor):
        action.save(update_fields=["closed_by", "closed_at", "closure_note"])
    _event(action, "action_closed", actor, programme, f"{action} closed")
    return action
