"""Workflow steps of the annual review. Each checks the actor's permission and the rule,
changes the records in one transaction, keeps history with the actor, records a named event,
and refuses with a message a person can act on.

`actor=None` means the system itself (the demo loader)."""

from datetime import date
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from qmr import blocks, permissions
from qmr.audit import acting_as, record_event, save_changes
from qmr.calendar import WorkingDays
from qmr.errors import DomainError, TransitionNotAllowed
from qmr.framework.models import FrameworkVersion, Measure, Objective
from qmr.meetings.actions import is_staff_at
from qmr.models import AcademicYear, Appointment, Centre, User
from qmr.review import approvals, document_rules
from qmr.review.models import (
    ActionProgress,
    ApprovalDeclaration,
    BlockRecommendation,
    CycleDefinition,
    EngagementDocument,
    Judgement,
    MeasureNote,
    ObjectiveStatement,
    PackDocument,
    ProgressUpdate,
    ReviewAction,
    ReviewCycle,
    ReviewVisit,
    VisitMode,
    month_day,
)
from qmr.review.stages import add_months
from qmr.roles import PREPARE_REVIEW, REVIEW_EVIDENCE, SIGN_DECLARATION, Role


def _check(actor: User | None, perm: str, obj: Any) -> None:
    if actor is not None:
        permissions.require(actor, perm, obj)


def _event(obj: Any, name: str, actor: User | None, centre: Centre, summary: str) -> None:
    record_event(obj, name, actor=actor, centre=centre, summary=summary)


# --- The cycle and the visit -----------------------------------------------------------------

@transaction.atomic
def open_cycle(*, actor: User | None, centre: Centre, academic_year: AcademicYear,
               version: FrameworkVersion) -> ReviewCycle:
    """Start the year's review on a published framework version's cycle (Quality Nominee)."""
    _check(actor, PREPARE_REVIEW, centre)
    if academic_year.centre_id != centre.pk:
        raise DomainError("That academic year belongs to another centre.")
    definition = CycleDefinition.objects.filter(
        version=version, version__status=FrameworkVersion.Status.PUBLISHED).first()
    if definition is None:
        raise DomainError(f"{version} has no annual cycle the centre can follow.")
    if ReviewCycle.objects.filter(centre=centre, academic_year=academic_year).exists():
        raise TransitionNotAllowed(f"The {academic_year} review is already open.")
    with acting_as(actor):
        cycle = ReviewCycle.objects.create(centre=centre, academic_year=academic_year,
                                           definition=definition, opened_by=actor)
    _event(cycle, "review.cycle.opened", actor, centre,
           f"The {academic_year} review opened on {version}")
    return cycle


def _reviewer_window(cycle: ReviewCycle) -> tuple[date, date]:
    year = cycle.academic_year.starts_on.year
    definition = cycle.definition
    return month_day(definition.visit_from, year), month_day(definition.visit_to, year)


@transaction.atomic
def allocate_reviewer(*, actor: User | None, cycle: ReviewCycle, reviewer: Appointment,
                      mode: str = VisitMode.VISIT) -> ReviewVisit:
    """Record the reviewer the awarding body allocated: their time-boxed appointment at the
    centre, which is what gives them access (and takes it away after their last day)."""
    _check(actor, PREPARE_REVIEW, cycle)
    if (reviewer.role != Role.QUALITY_REVIEWER or reviewer.centre_id != cycle.centre_id
            or not reviewer.is_active):
        raise DomainError("Choose the reviewer's appointment at this centre that is in force "
                          "now (appoint them on the People page first, with their last day).")
    if not cycle.definition.has_visit:
        mode = VisitMode.CHECK_IN
    visit = ReviewVisit.objects.filter(cycle=cycle).first()
    with acting_as(actor):
        if visit is None:
            visit = ReviewVisit.objects.create(cycle=cycle, reviewer=reviewer, mode=mode,
                                               allocated_by=actor)
        else:
            if visit.report_submitted:
                raise TransitionNotAllowed("The report is in: the reviewer can no longer change.")
            save_changes(visit, {"reviewer": reviewer, "mode": mode}, actor)
    _event(visit, "review.reviewer.allocated", actor, cycle.centre,
           f"{reviewer.person} allocated to the {cycle.academic_year} review")
    return visit


def may_arrange_visit(user: Any, visit: ReviewVisit) -> bool:
    """The Quality Nominee, or the allocated reviewer themself, agree the date and agenda."""
    return permissions.can(user, PREPARE_REVIEW, visit) or (
        user.pk == visit.reviewer.person_id and permissions.can(user, REVIEW_EVIDENCE, visit))


@transaction.atomic
def arrange_visit(*, actor: User | None, visit: ReviewVisit, held_on: date | None, mode: str,
                  agenda: str = "", wants_to_meet: str = "") -> ReviewVisit:
    """Agree the visit (or desk-top review, or check-in) date, agenda and who the reviewer
    wants to meet. The date must fall in the cycle's window (1 October to 30 April) and on or
    before the reviewer's last day; the report's due date follows from it."""
    visit = ReviewVisit.objects.select_for_update(of=("self",)).select_related(
        "cycle__definition", "cycle__academic_year", "cycle__centre", "reviewer__person").get(
        pk=visit.pk)
    if actor is not None and not may_arrange_visit(actor, visit):
        raise PermissionDenied("Only the Quality Nominee or the allocated reviewer "
                                           "arranges the visit.")
    if visit.report_submitted:
        raise TransitionNotAllowed("The report has been submitted: the visit is over.")
    cycle = visit.cycle
    if mode not in VisitMode.values or (cycle.definition.has_visit == (mode == VisitMode.CHECK_IN)):
        raise DomainError("Choose a visit or a desk-top review." if cycle.definition.has_visit
                          else "This cycle has a centre check-in, not a visit.")
    due = None
    if held_on is not None:
        first, last = _reviewer_window(cycle)
        if not first <= held_on <= last:
            raise DomainError(f"The date must fall between {first:%d %B %Y} and "
                              f"{last:%d %B %Y}: reviews are held from 1 October to 30 April.")
        last_day = visit.reviewer.last_day
        if last_day is not None and held_on > last_day:
            raise DomainError(f"{visit.reviewer.person}'s access ends on {last_day:%d %B %Y}, "
                              "before that date. Extend their appointment first.")
        due = WorkingDays(cycle.centre, term_time=False).add(
            held_on, cycle.definition.report_working_days)
    save_changes(visit, {"held_on": held_on, "mode": mode, "agenda": agenda.strip(),
                         "wants_to_meet": wants_to_meet.strip(), "report_due_on": due}, actor)
    _event(visit, "review.visit.arranged", actor, cycle.centre,
           f"{visit} for the {cycle.academic_year} review")
    return visit


# --- The Centre Engagement Document ----------------------------------------------------------

def previous_actions(cycle: ReviewCycle) -> list[ReviewAction]:
    """Last year's Essential Actions and Recommendations: those of the centre's latest earlier
    cycle whose report was submitted."""
    before = ReviewCycle.objects.filter(
        centre_id=cycle.centre_id, academic_year__starts_on__lt=cycle.academic_year.starts_on,
        visit__report_submitted_at__isnull=False).order_by("-academic_year__starts_on").first()
    if before is None:
        return []
    return list(before.actions.select_related("objective").order_by("kind", "pk"))


def _locked_check(document: EngagementDocument) -> None:
    if document.is_locked:
        raise TransitionNotAllowed(
            f"Version {document.number} was submitted on {document.submitted_at:%d %B %Y} and "
            "is locked. Start a new version to change it; this one stays as it was sent.")


@transaction.atomic
def start_document(*, actor: User | None, cycle: ReviewCycle) -> EngagementDocument:
    """The first draft: a progress entry for each of last year's actions, a statement for each
    objective, and each of the centre's qualification approvals to re-declare."""
    _check(actor, PREPARE_REVIEW, cycle)
    if cycle.documents.exists():
        raise TransitionNotAllowed("The document is already started: open it to carry on.")
    creator = actor or _nominee(cycle.centre)
    with acting_as(actor):
        document = EngagementDocument.objects.create(cycle=cycle, created_by=creator,
                                                     reason="First version")
        ActionProgress.objects.bulk_create([ActionProgress(document=document, action=a)
                                            for a in previous_actions(cycle)])
        ObjectiveStatement.objects.bulk_create([
            ObjectiveStatement(document=document, objective=o)
            for o in Objective.objects.filter(version=cycle.definition.version_id)])
        ApprovalDeclaration.objects.bulk_create([
            ApprovalDeclaration(document=document, code=a.code, title=a.title)
            for a in approvals.for_centre(cycle.centre)])
    _event(document, "review.document.started", actor, cycle.centre,
           f"Centre Engagement Document for {cycle.academic_year} started")
    return document


def _nominee(centre: Centre) -> User:
    appointment = Appointment.objects.active().filter(
        centre=centre, role=Role.QUALITY_NOMINEE).select_related("person").first()
    if appointment is None:
        raise DomainError("The centre has no Quality Nominee to prepare the document.")
    return appointment.person


def _lock_document(document: EngagementDocument) -> EngagementDocument:
    return EngagementDocument.objects.select_for_update(of=("self",)).select_related(
        "cycle__centre", "cycle__definition").get(pk=document.pk)


@transaction.atomic
def save_document(*, actor: User | None, document: EngagementDocument, changes: str,
                  terms_accepted: bool, recognition_notes: str = "",
                  progress: dict[int, str] | None = None,
                  statements: dict[int, tuple[str, str]] | None = None,
                  declared: dict[str, tuple[str, str]] | None = None) -> EngagementDocument:
    """Save the draft's sections (the Quality Nominee). Changing the re-declaration after the
    Head of Centre signed it takes the signature away: they signed what they read."""
    document = _lock_document(document)
    _check(actor, PREPARE_REVIEW, document)
    _locked_check(document)
    declaration_before = _declaration_state(document)
    with acting_as(actor):
        for row in document.progress.all():
            if progress and row.action_id in progress:
                save_changes(row, {"text": progress[row.action_id].strip()}, actor)
        for row in document.statements.all():
            if statements and row.objective_id in statements:
                strengths, weaknesses = statements[row.objective_id]
                save_changes(row, {"strengths": strengths.strip(),
                                   "weaknesses": weaknesses.strip()}, actor)
        for row in document.approvals.all():
            if declared and row.code in declared:
                status, notes = declared[row.code]
                if status and status not in ApprovalDeclaration.Status.values:
                    raise DomainError(f"Choose what is true of {row.code} from the list.")
                save_changes(row, {"status": status, "notes": notes.strip()}, actor)
        save_changes(document, {"changes": changes.strip(), "terms_accepted": terms_accepted,
                                "recognition_notes": recognition_notes.strip()}, actor)
        if document.signed_at and _declaration_state(document) != declaration_before:
            save_changes(document, {"signed_by": None, "signed_at": None}, actor)
    _event(document, "review.document.saved", actor, document.cycle.centre,
           f"{document} of the Centre Engagement Document saved")
    return document


def _declaration_state(document: EngagementDocument) -> tuple:
    rows = ApprovalDeclaration.objects.filter(document=document).order_by("code")
    return (document.terms_accepted, document.recognition_notes,
            tuple(rows.values_list("code", "status", "notes")))


@transaction.atomic
def sign_declaration(*, actor: User, document: EngagementDocument) -> EngagementDocument:
    """The Head of Centre alone signs the re-declaration, once it is complete."""
    document = _lock_document(document)
    if not permissions.can(actor, SIGN_DECLARATION, document):
        raise PermissionDenied("Only the Head of Centre signs the re-declaration.")
    _locked_check(document)
    if not document_rules.declaration_complete(document):
        raise DomainError("The re-declaration is not complete yet: "
                          + " ".join(document_rules.gaps(document)["declaration"]))
    save_changes(document, {"signed_by": actor, "signed_at": timezone.now()}, actor)
    _event(document, "review.document.signed", actor, document.cycle.centre,
           f"Re-declaration in {document} signed by {actor}")
    return document


@transaction.atomic
def submit_document(*, actor: User | None, document: EngagementDocument) -> EngagementDocument:
    """Submit to the reviewer: only when every section is complete and the Head of Centre has
    signed. From then on this version is locked."""
    document = _lock_document(document)
    _check(actor, PREPARE_REVIEW, document)
    _locked_check(document)
    missing = document_rules.unfinished(document)
    if missing:
        raise DomainError("It cannot be submitted yet. Still to do: " + " ".join(missing))
    save_changes(document, {"state": EngagementDocument.State.SUBMITTED,
                            "submitted_by": actor or document.created_by,
                            "submitted_at": timezone.now()}, actor)
    _event(document, "review.document.submitted", actor, document.cycle.centre,
           f"{document.cycle.academic_year} Centre Engagement Document version "
           f"{document.number} submitted")
    return document


@transaction.atomic
def revise_document(*, actor: User, document: EngagementDocument,
                    reason: str) -> EngagementDocument:
    """A change after submission: a new draft version copied from the latest submitted one,
    attributed to the actor with their reason; the submitted one stays readable as sent."""
    document = _lock_document(document)
    _check(actor, PREPARE_REVIEW, document)
    if not document.is_locked:
        raise TransitionNotAllowed("This version is still a draft: change it directly.")
    if document.cycle.documents.filter(number__gt=document.number).exists():
        raise TransitionNotAllowed("A later version exists: start from that one.")
    if not reason.strip():
        raise DomainError("Say why a new version is needed: the reviewer will read it.")
    with acting_as(actor):
        new = EngagementDocument.objects.create(
            cycle=document.cycle, number=document.number + 1, created_by=actor,
            reason=reason.strip(), changes=document.changes,
            terms_accepted=document.terms_accepted,
            recognition_notes=document.recognition_notes)
        ActionProgress.objects.bulk_create([
            ActionProgress(document=new, action_id=p.action_id, text=p.text)
            for p in document.progress.all()])
        ObjectiveStatement.objects.bulk_create([
            ObjectiveStatement(document=new, objective_id=s.objective_id,
                               strengths=s.strengths, weaknesses=s.weaknesses)
            for s in document.statements.all()])
        ApprovalDeclaration.objects.bulk_create([
            ApprovalDeclaration(document=new, code=a.code, title=a.title, status=a.status,
                                notes=a.notes) for a in document.approvals.all()])
    _event(new, "review.document.revised", actor, document.cycle.centre,
           f"Version {new.number} started from version {document.number}: {new.reason}")
    return new


# --- The evidence pack -----------------------------------------------------------------------

def _measure_of(cycle: ReviewCycle, measure: Measure) -> None:
    if measure.objective.version_id != cycle.definition.version_id:
        raise DomainError(f"{measure.code} is not a measure of this cycle's framework.")


@transaction.atomic
def save_note(*, actor: User, cycle: ReviewCycle, measure: Measure, commentary: str) -> None:
    """The Quality Nominee's commentary on a measure; an empty one removes it."""
    _check(actor, PREPARE_REVIEW, cycle)
    _measure_of(cycle, measure)
    commentary = commentary.strip()
    note = MeasureNote.objects.filter(cycle=cycle, measure=measure).first()
    with acting_as(actor):
        if not commentary:
            if note is not None:
                note.delete()
        elif note is None:
            MeasureNote.objects.create(cycle=cycle, measure=measure, commentary=commentary,
                                       updated_by=actor)
        else:
            save_changes(note, {"commentary": commentary, "updated_by": actor}, actor)
    _event(cycle, "review.pack.commentary", actor, cycle.centre,
           f"Commentary on {measure.code} {'removed' if not commentary else 'saved'}")


@transaction.atomic
def attach_document(*, actor: User, cycle: ReviewCycle, measure: Measure, title: str,
                    file: Any) -> PackDocument:
    """Attach a document to a measure of the pack (the Quality Nominee)."""
    _check(actor, PREPARE_REVIEW, cycle)
    _measure_of(cycle, measure)
    if not title.strip() or file is None:
        raise DomainError("Give the document a title and choose the file.")
    with acting_as(actor):
        attached = PackDocument.objects.create(cycle=cycle, measure=measure, title=title.strip(),
                                               file=file, uploaded_by=actor)
    _event(attached, "review.pack.attached", actor, cycle.centre,
           f"{attached.title} attached to {measure.code}")
    return attached


# --- The reviewer's report -------------------------------------------------------------------

def is_allocated_reviewer(user: Any, cycle: ReviewCycle) -> bool:
    """The cycle's reviewer, while their appointment grants them the centre."""
    visit = ReviewVisit.objects.select_related("reviewer").filter(cycle=cycle).first()
    return (visit is not None and user.pk == visit.reviewer.person_id
            and permissions.can(user, REVIEW_EVIDENCE, cycle))


def _require_reviewer(actor: User | None, cycle: ReviewCycle) -> ReviewVisit:
    """The allocated reviewer, while their appointment lasts, before the report is in."""
    visit = ReviewVisit.objects.select_related("reviewer").filter(cycle=cycle).first()
    if visit is None:
        raise DomainError("No reviewer is allocated to this review yet.")
    if actor is not None and (actor.pk != visit.reviewer.person_id
                              or not permissions.can(actor, REVIEW_EVIDENCE, cycle)):
        raise PermissionDenied("Only the allocated reviewer records judgements and "
                                           "actions.")
    if visit.report_submitted:
        raise TransitionNotAllowed(f"The report was submitted on "
                                   f"{visit.report_submitted_at:%d %B %Y} and cannot change.")
    return visit


@transaction.atomic
def record_judgement(*, actor: User, cycle: ReviewCycle, objective: Objective, verdict: str,
                     comments: str = "") -> Judgement:
    _require_reviewer(actor, cycle)
    if objective.version_id != cycle.definition.version_id:
        raise DomainError(f"{objective.code} is not an objective of this cycle's framework.")
    if verdict not in Judgement.Verdict.values:
        raise DomainError(f"Choose a judgement for {objective.code}.")
    judgement = Judgement.objects.filter(cycle=cycle, objective=objective).first()
    with acting_as(actor):
        if judgement is None:
            judgement = Judgement.objects.create(cycle=cycle, objective=objective,
                                                 verdict=verdict, comments=comments.strip(),
                                                 recorded_by=actor)
        else:
            save_changes(judgement, {"verdict": verdict, "comments": comments.strip(),
                                     "recorded_by": actor}, actor)
    _event(judgement, "review.judgement.recorded", actor, cycle.centre, str(judgement))
    return judgement


@transaction.atomic
def add_review_action(*, actor: User, cycle: ReviewCycle, kind: str, objective: Objective,
                      description: str, due_on: date | None = None) -> ReviewAction:
    """An Essential Action, due within the cycle's months of the visit (three), or a
    Recommendation, which has no due date and is looked at again at the next review."""
    visit = _require_reviewer(actor, cycle)
    if objective.version_id != cycle.definition.version_id:
        raise DomainError(f"{objective.code} is not an objective of this cycle's framework.")
    if not description.strip():
        raise DomainError("Say what the centre has to do.")
    if kind == ReviewAction.Kind.ESSENTIAL:
        if due_on is None:
            raise DomainError("An Essential Action needs the date it is due by.")
        start = visit.held_on or timezone.localdate()
        latest = add_months(start, cycle.definition.action_months)
        if due_on > latest:
            raise DomainError(f"An Essential Action must be due within "
                              f"{cycle.definition.action_months} months of the visit: by "
                              f"{latest:%d %B %Y} at the latest.")
        if due_on < timezone.localdate():
            raise DomainError("The due date has already passed.")
    elif kind == ReviewAction.Kind.RECOMMENDATION:
        due_on = None
    else:
        raise DomainError("Choose an Essential Action or a Recommendation.")
    with acting_as(actor):
        action = ReviewAction.objects.create(cycle=cycle, kind=kind, objective=objective,
                                             description=description.strip(), due_on=due_on,
                                             set_by=actor)
    _event(action, "review.action.set", actor, cycle.centre, str(action))
    return action


@transaction.atomic
def remove_review_action(*, actor: User, action: ReviewAction) -> None:
    """The reviewer takes back an action before the report is submitted."""
    _require_reviewer(actor, action.cycle)
    _event(action.cycle, "review.action.removed", actor, action.cycle.centre,
           f"Removed before the report: {action}")
    with acting_as(actor):
        action.delete()


@transaction.atomic
def submit_report(*, actor: User, cycle: ReviewCycle) -> ReviewVisit:
    """Submit the report: the visit has been held and every objective has a judgement. An
    insufficient-evidence judgement on an objective linked to certification (QO.3, QO.4,
    QO.9) becomes a block recommendation, which blocks nothing until it is confirmed."""
    visit = _require_reviewer(actor, cycle)
    visit = ReviewVisit.objects.select_for_update(of=("self",)).get(pk=visit.pk)
    if visit.held_on is None or visit.held_on > timezone.localdate():
        raise DomainError("The report follows the visit: agree and hold the visit first.")
    objectives = list(Objective.objects.filter(version=cycle.definition.version_id))
    judged = {j.objective_id: j for j in cycle.judgements.all()}
    missing = [o.code for o in objectives if o.pk not in judged]
    if missing:
        raise DomainError("Record a judgement for every objective before submitting: "
                          f"{', '.join(missing)} still to do.")
    save_changes(visit, {"report_submitted_at": timezone.now(), "report_submitted_by": actor},
                 actor)
    with acting_as(actor):
        BlockRecommendation.objects.bulk_create([
            BlockRecommendation(cycle=cycle, objective=o) for o in objectives
            if o.blocks_certification
            and judged[o.pk].verdict == Judgement.Verdict.INSUFFICIENT])
    late = visit.report_due_on and timezone.localdate() > visit.report_due_on
    _event(visit, "review.report.submitted", actor, cycle.centre,
           f"Report on the {cycle.academic_year} review submitted" + (" late" if late else ""))
    return visit


# --- Actions to closure ----------------------------------------------------------------------

def _lock_action(action: ReviewAction) -> ReviewAction:
    return ReviewAction.objects.select_for_update(of=("self",)).select_related(
        "cycle__centre", "cycle__visit").get(pk=action.pk)


@transaction.atomic
def assign_owner(*, actor: User, action: ReviewAction, owner: User) -> ReviewAction:
    """The Quality Nominee names who resolves an action: one of the centre's staff."""
    action = _lock_action(action)
    _check(actor, PREPARE_REVIEW, action)
    if not action.is_open:
        raise TransitionNotAllowed("This action is closed.")
    if not action.cycle.visit.report_submitted:
        raise TransitionNotAllowed("Owners are named once the report is submitted.")
    if not is_staff_at(owner, action.cycle.centre):
        raise DomainError(f"{owner} holds no staff role at the centre now: choose someone who "
                          "works there.")
    save_changes(action, {"owner": owner}, actor)
    _event(action, "review.action.owner", actor, action.cycle.centre,
           f"{owner} owns {action}")
    return action


def may_close(user: Any, action: ReviewAction) -> bool:
    return user.pk == action.owner_id or permissions.can(user, PREPARE_REVIEW, action)


@transaction.atomic
def close_review_action(*, actor: User, action: ReviewAction, evidence: str,
                        file: Any = None) -> ReviewAction:
    """The owner or the Quality Nominee closes an action with what shows it was done."""
    action = _lock_action(action)
    if not may_close(actor, action):
        raise PermissionDenied("Only the action's owner or the Quality Nominee "
                                           "closes it.")
    if not action.is_open:
        raise TransitionNotAllowed("This action is already closed.")
    if not evidence.strip():
        raise DomainError("Say what shows the action was done: it cannot be closed without "
                          "evidence.")
    changes = {"closed_by": actor, "closed_at": timezone.now(),
               "closure_evidence": evidence.strip()}
    if file is not None:
        changes["closure_file"] = file
    save_changes(action, changes, actor)
    _event(action, "review.action.closed", actor, action.cycle.centre, f"Closed: {action}")
    return action


@transaction.atomic
def send_progress_update(*, actor: User, cycle: ReviewCycle, text: str) -> ProgressUpdate:
    """The centre's update to the reviewer on its Essential Actions, after the report."""
    _check(actor, PREPARE_REVIEW, cycle)
    visit = ReviewVisit.objects.filter(cycle=cycle).first()
    if visit is None or not visit.report_submitted:
        raise TransitionNotAllowed("The progress update follows the reviewer's report.")
    if not text.strip():
        raise DomainError("Write the update: what has been done on each Essential Action.")
    with acting_as(actor):
        update = ProgressUpdate.objects.create(cycle=cycle, text=text.strip(), sent_by=actor)
    _event(update, "review.progress.sent", actor, cycle.centre,
           f"Progress update on the {cycle.academic_year} review sent to the reviewer")
    return update


# --- Certification blocks --------------------------------------------------------------------

def _undecided(actor: User, rec: BlockRecommendation) -> BlockRecommendation:
    """The recommendation, locked, for the Head of Centre to decide while it is undecided."""
    rec = BlockRecommendation.objects.select_for_update(of=("self",)).select_related(
        "cycle__centre", "cycle__academic_year", "objective").get(pk=rec.pk)
    if not permissions.can(actor, SIGN_DECLARATION, rec):
        raise PermissionDenied("The Head of Centre records the awarding body's decision on a "
                               "certification block.")
    if rec.state != BlockRecommendation.State.RECOMMENDED:
        raise TransitionNotAllowed(f"This recommendation is already "
                                   f"{rec.get_state_display().lower()}.")
    return rec


@transaction.atomic
def confirm_block(*, actor: User, recommendation: BlockRecommendation) -> BlockRecommendation:
    """Record that the awarding body confirmed the recommended block: from now every claim of
    the centre is refused until the release is recorded. The Head of Centre records it."""
    rec = _undecided(actor, recommendation)
    block = blocks.open_block(rec.cycle.centre_id)
    if block is None:
        block = blocks.set_certification_block(
            actor=actor, centre=rec.cycle.centre,
            reason=f"Insufficient evidence on {rec.objective} at the "
                   f"{rec.cycle.academic_year} Quality Management Review.")
    save_changes(rec, {"state": BlockRecommendation.State.CONFIRMED, "decided_by": actor,
                       "decided_at": timezone.now(), "block": block}, actor)
    _event(rec, "review.block.confirmed", actor, rec.cycle.centre,
           f"Certification block confirmed for {rec.objective.code}")
    return rec


@transaction.atomic
def decline_block(*, actor: User, recommendation: BlockRecommendation,
                  notes: str) -> BlockRecommendation:
    """Record that the awarding body did not confirm the block (it amended the judgement)."""
    rec = _undecided(actor, recommendation)
    if not notes.strip():
        raise DomainError("Say what the awarding body decided instead.")
    save_changes(rec, {"state": BlockRecommendation.State.DECLINED, "decided_by": actor,
                       "decided_at": timezone.now(), "decision_notes": notes.strip()}, actor)
    _event(rec, "review.block.declined", actor, rec.cycle.centre,
           f"Certification block for {rec.objective.code} not confirmed")
    return rec
