"""Internal verification steps."""

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db import transaction
from django.utils import timezone

from assessment.models import Submission
from qmr import permissions
from qmr.audit import acting_as, record_event
from qmr.errors import DomainError, TransitionNotAllowed
from qmr.models import AcademicYear, SubjectArea, User
from qmr.roles import LEAD_VERIFY, MANAGE_PEOPLE, VERIFY
from verification.models import (
    CriterionCheck,
    DecisionVerification,
    IVSample,
    LeadIVRegistration,
    RemedialAction,
    StandardisationMeeting,
)


@transaction.atomic
def choose_for_sample(*, actor: User, submission: Submission, verifier: User,
                      due_on: date) -> IVSample:
    """The IV or Lead IV puts assessed work in the sample, naming who verifies it. An IV never
    verifies their own assessment."""
    # The lock makes two people sampling the same work at once take turns: the second then
    # finds it sampled and is told so.
    submission = Submission.objects.select_for_update(of=("self",)).select_related(
        "assignment__plan__programme").get(pk=submission.pk)
    programme = submission.assignment.plan.programme
    permissions.require(actor, VERIFY, programme)
    if not permissions.can(verifier, VERIFY, programme):
        raise DomainError(f"{verifier} is not an internal verifier on {programme}.")
    if verifier.pk == submission.assignment.assessor_id:
        raise DomainError(f"{verifier} assessed this work, so cannot verify it: choose another "
                          f"verifier.")
    if IVSample.objects.filter(submission=submission).exists():
        raise DomainError("This work is already in the sample.")
    if due_on < timezone.localdate():
        raise DomainError("The date to verify by cannot be in the past.")
    with acting_as(actor):
        sample = IVSample.objects.create(submission=submission, verifier=verifier,
                                         due_on=due_on, chosen_by=actor)
    record_event(sample, "verification.sample.chosen", actor=actor, centre=programme.centre,
                 summary=str(sample))
    return sample


@dataclass
class Feedback:
    """The IV's answers about the assessor's feedback and the work's authenticity."""

    authenticity_confirmed: bool
    links_to_criteria: bool
    justifies_awards: bool
    avoids_improvement_actions: bool
    collusion_or_plagiarism: bool = False


@transaction.atomic
def verify_decision(*, actor: User, submission: Submission,
                    checks: dict[int, tuple[bool, str]], feedback: Feedback, declared: bool,
                    comments: str = "") -> DecisionVerification:
    """An IV verifies the latest decision on a piece of work (a first submission, a
    resubmission or a retake alike), criterion by criterion, and declares they checked it
    against the criteria and the evidence. Nobody verifies their own decision; a disagreement
    needs comments, and any change to the learner's result goes through the assessment app's
    correction. A disagreement needs the Lead IV's countersignature unless a Lead IV made it."""
    # Locked as a correction locks it, so the decision read here is the latest one, and the
    # same IV sending the form twice at once finds the first verification.
    submission = Submission.objects.select_for_update(of=("self",)).select_related(
        "assignment__plan__programme").get(pk=submission.pk)
    programme = submission.assignment.plan.programme
    permissions.require(actor, VERIFY, programme)
    decision = submission.decisions.filter(superseded_by__isnull=True).first()
    if decision is None:
        raise DomainError("The work has not been assessed yet, so there is nothing to verify.")
    if actor.pk == decision.assessor_id:
        raise DomainError("You assessed this work: another internal verifier must verify it.")
    if decision.verifications.filter(verifier=actor).exists():
        raise DomainError("You have already verified this decision.")
    assessed = set(decision.results.values_list("criterion_id", flat=True))
    if set(checks) != assessed:
        raise DomainError("Say for every criterion assessed whether the decision is accurate.")
    agrees = all(accurate for accurate, _ in checks.values())
    if not agrees and not comments.strip():
        raise DomainError("Say why the decisions are not accurate.")
    if feedback.collusion_or_plagiarism and not comments.strip():
        raise DomainError("Describe the signs of collusion or plagiarism.")
    if not declared:
        raise DomainError("Tick the declaration that you checked the decisions against the "
                          "criteria and the learner's evidence.")
    with acting_as(actor):
        verification = DecisionVerification.objects.create(
            submission=submission, decision=decision, verifier=actor,
            authenticity_confirmed=feedback.authenticity_confirmed,
            collusion_or_plagiarism=feedback.collusion_or_plagiarism,
            feedback_links_to_criteria=feedback.links_to_criteria,
            feedback_justifies_awards=feedback.justifies_awards,
            feedback_avoids_improvement_actions=feedback.avoids_improvement_actions,
            agrees=agrees, comments=comments, declared=True,
            countersignature_needed=not agrees and not permissions.can(actor, LEAD_VERIFY,
                                                                       programme))
        CriterionCheck.objects.bulk_create([
            CriterionCheck(verification=verification, criterion_id=pk, accurate=accurate,
                           comment=comment) for pk, (accurate, comment) in checks.items()])
    record_event(verification, "verification.decision.verified", actor=actor,
                 centre=programme.centre,
                 summary=f"{submission}: {'agreed' if agrees else 'not agreed'}")
    return verification


@transaction.atomic
def raise_remedial_action(*, actor: User, verification: DecisionVerification, kind: str,
                          description: str, due_on: date) -> RemedialAction:
    """An IV sets a remedial action on a verification; from then the record needs the Lead
    IV's countersignature, unless a Lead IV verified it or has countersigned it already."""
    verification = DecisionVerification.objects.select_for_update(of=("self",)).select_related(
        "verifier", "submission__assignment__plan__programme__centre").get(pk=verification.pk)
    programme = verification.submission.assignment.plan.programme
    permissions.require(actor, VERIFY, programme)
    if kind not in RemedialAction.Kind.values:
        raise DomainError("Choose re-assessment, assessor training or a wider re-sample.")
    if not description.strip():
        raise DomainError("Describe the action to take.")
    if due_on < timezone.localdate():
        raise DomainError("The target date cannot be in the past.")
    with acting_as(actor):
        action = RemedialAction.objects.create(verification=verification, kind=kind,
                                               description=description, due_on=due_on,
                                               raised_by=actor)
        if not (verification.countersignature_needed or verification.countersigned_at
                or permissions.can(verification.verifier, LEAD_VERIFY, programme)):
            verification.countersignature_needed = True
            verification.save(update_fields=["countersignature_needed"])
    record_event(action, "verification.action.raised", actor=actor, centre=programme.centre,
                 summary=str(action))
    return action


@transaction.atomic
def close_remedial_action(*, actor: User, action: RemedialAction, note: str) -> RemedialAction:
    """The Lead IV closes an action once it has been done, saying how."""
    action = RemedialAction.objects.select_for_update(of=("self",)).get(pk=action.pk)
    programme = action.verification.submission.assignment.plan.programme
    if not permissions.can(actor, LEAD_VERIFY, programme):
        raise permissions.PermissionDenied("The Lead Internal Verifier closes remedial actions.")
    if action.closed_at:
        raise TransitionNotAllowed("This action is already closed.")
    if not note.strip():
        raise DomainError("Say how the action was completed.")
    action.closed_by, action.closed_at, action.closure_note = actor, timezone.now(), note
    with acting_as(actor):
        action.save(update_fields=["closed_by", "closed_at", "closure_note"])
    record_event(action, "verification.action.closed", actor=actor, centre=programme.centre,
                 summary=f"{action} closed")
    return action


@transaction.atomic
def register_lead_iv(*, actor: User, subject_area: SubjectArea, academic_year: AcademicYear,
                     person: User, registered_on: date,
                     cover: User | None = None) -> LeadIVRegistration:
    """The Quality Nominee records the subject area's Lead IV registration for the year."""
    permissions.require(actor, MANAGE_PEOPLE, subject_area.centre)
    if academic_year.centre_id != subject_area.centre_id:
        raise DomainError("That academic year belongs to another centre.")
    if not permissions.can(person, LEAD_VERIFY, subject_area):
        raise DomainError(f"{person} is not appointed Lead IV for {subject_area}.")
    if cover is not None and cover.pk == person.pk:
        raise DomainError("The cover must be someone other than the Lead IV.")
    if LeadIVRegistration.objects.filter(subject_area=subject_area,
                                         academic_year=academic_year).exists():
        raise DomainError(f"{subject_area} already has a Lead IV registered for "
                          f"{academic_year}.")
    with acting_as(actor):
        registration = LeadIVRegistration.objects.create(
            subject_area=subject_area, academic_year=academic_year, person=person,
            registered_on=registered_on, cover=cover)
    record_event(registration, "verification.lead_iv.registered", actor=actor,
                 centre=subject_area.centre, summary=str(registration))
    return registration


@transaction.atomic
def record_standardisation(*, actor: User, registration: LeadIVRegistration, on: date,
                           evidence: str) -> LeadIVRegistration:
    permissions.require(actor, MANAGE_PEOPLE, registration.subject_area.centre)
    if not evidence.strip():
        raise DomainError("Say what shows the standardisation was done.")
    registration.standardised_on, registration.standardisation_evidence = on, evidence
    with acting_as(actor):
        registration.save(update_fields=["standardised_on", "standardisation_evidence"])
    record_event(registration, "verification.lead_iv.standardised", actor=actor,
                 centre=registration.subject_area.centre, summary=f"{registration} standardised")
    return registration


@transaction.atomic
def take_proposed_sample(*, actor: User, programme: Any, submission_ids: list[int],
                         due_on: date) -> list[IVSample]:
    """Put the proposed work in the sample, each with the assignment's IV as verifier (or the
    person taking the sample where the IV assessed it). Work already sampled is skipped."""
    permissions.require(actor, VERIFY, programme)
    chosen = []
    work = Submission.objects.filter(pk__in=submission_ids,
                                     assignment__plan__programme=programme).select_related(
        "assignment__internal_verifier").exclude(iv_sample__isnull=False)
    for submission in work:
        verifier = submission.assignment.internal_verifier
        if verifier.pk == submission.assignment.assessor_id:
            verifier = actor
        chosen.append(choose_for_sample(actor=actor, submission=submission, verifier=verifier,
                                        due_on=due_on))
    return chosen


@transaction.atomic
def record_standardisation_meeting(*, actor: User, subject_area: SubjectArea, held_on: date,
                                   units: list, sample_looked_at: str, outcomes: str,
                                   participants: list[User]) -> StandardisationMeeting:
    """The Lead IV records a standardisation meeting and who took part."""
    permissions.require(actor, LEAD_VERIFY, subject_area)
    if held_on > timezone.localdate():
        raise DomainError("Record a meeting once it has been held.")
    if not participants:
        raise DomainError("Say who took part.")
    if not (sample_looked_at.strip() and outcomes.strip()):
        raise DomainError("Say what sample work was looked at and what was agreed.")
    if any(u.programme.subject_area_id != subject_area.pk for u in units):
        raise DomainError(f"Some units are not from programmes of {subject_area}.")
    with acting_as(actor):
        meeting = StandardisationMeeting.objects.create(
            subject_area=subject_area, held_on=held_on, sample_looked_at=sample_looked_at,
            outcomes=outcomes, recorded_by=actor)
    meeting.units.set(units)
    meeting.participants.set(participants)
    record_event(meeting, "verification.standardisation.recorded", actor=actor,
                 centre=subject_area.centre, summary=str(meeting))
    return meeting
