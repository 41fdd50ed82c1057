"""Staff record steps. The Quality Nominee or the Head of Centre (MANAGE_PEOPLE on the
centre) records everything; a member of staff records their own CPD and standardisation.
Records are kept only for people who hold a staff role at the centre now."""

from datetime import date
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils import timezone

from qmr import permissions
from qmr.audit import acting_as, record_event, save_changes
from qmr.errors import DomainError
from qmr.meetings.actions import is_staff_at
from qmr.models import AcademicYear, Centre, User
from qmr.roles import MANAGE_PEOPLE
from qmr.staff.models import (
    INDUCTION_ITEMS,
    Induction,
    JobDescription,
    Qualification,
    QualificationKind,
    Training,
    TrainingKind,
)


def _manager(actor: User, centre: Centre) -> None:
    if not permissions.can(actor, MANAGE_PEOPLE, centre):
        raise permissions.PermissionDenied(
            "The Quality Nominee or the Head of Centre keeps staff records.")


def _in_post(person: User, centre: Centre) -> None:
    if not is_staff_at(person, centre):
        raise DomainError(f"{person} holds no staff role at {centre.name} now, so has no "
                          f"staff record to add to.")


def _not_future(day: date | None, what: str) -> date:
    if day is None:
        raise DomainError(f"Give the date {what}.")
    if day > timezone.localdate():
        raise DomainError(f"The date {what} is in the future: record it once it has happened.")
    return day


@transaction.atomic
def save_job_description(*, actor: User, centre: Centre, person: User, text: str,
                         file: Any = None) -> JobDescription:
    """Write or replace a person's job description (typed, attached or both)."""
    _manager(actor, centre)
    _in_post(person, centre)
    text = (text or "").strip()
    current = JobDescription.objects.select_for_update(of=("self",)).filter(
        centre=centre, person=person).first()
    if not text and not file and not (current and current.file):
        raise DomainError("Type the job description or attach it as a file.")
    fields: dict[str, Any] = {"text": text, "updated_by": actor, "updated_at": timezone.now()}
    with acting_as(actor):
        if current is None:
            current = JobDescription.objects.create(centre=centre, person=person,
                                                    file=file or "", **fields)
        else:
            if file:
                current.file = file
                current.save(update_fields=["file"])
            save_changes(current, fields, actor)
    record_event(current, "staff.job_description.saved", actor=actor, centre=centre,
                 summary=f"Job description of {person} saved")
    return current


@transaction.atomic
def add_qualification(*, actor: User, centre: Centre, person: User, kind: str, title: str,
                      awarded_on: date | None, evidence: Any = None) -> Qualification:
    """Record a qualification a member of staff holds, with its certificate if there is one."""
    _manager(actor, centre)
    _in_post(person, centre)
    if kind not in QualificationKind.values:
        raise DomainError("Choose the kind of qualification.")
    if not (title or "").strip():
        raise DomainError("Give the qualification's title, for example 'Level 3 Certificate in "
                          "Assessing Vocational Achievement'.")
    _not_future(awarded_on, "it was awarded")
    with acting_as(actor):
        q = Qualification.objects.create(centre=centre, person=person, kind=kind,
                                         title=title.strip(), awarded_on=awarded_on,
                                         evidence=evidence or "", recorded_by=actor)
    record_event(q, "staff.qualification.added", actor=actor, centre=centre,
                 summary=f"{person}: {q} recorded")
    return q


@transaction.atomic
def record_induction(*, actor: User, centre: Centre, person: User, inducted_on: date | None,
                     covered: list[str], completed_by: User | None) -> Induction:
    """Record (or correct) a person's induction: when, what it covered, and who gave it."""
    _manager(actor, centre)
    _in_post(person, centre)
    _not_future(inducted_on, "of the induction")
    unknown = set(covered) - set(INDUCTION_ITEMS)
    if unknown:
        raise DomainError("Tick only the items of the centre's induction checklist.")
    if not covered:
        raise DomainError("Tick what the induction covered.")
    if completed_by is None:
        raise DomainError("Choose who gave the induction.")
    covered = [k for k in INDUCTION_ITEMS if k in covered]
    fields = {"inducted_on": inducted_on, "covered": covered, "completed_by": completed_by}
    with acting_as(actor):
        induction = Induction.objects.select_for_update(of=("self",)).filter(
            centre=centre, person=person).first()
        if induction is None:
            induction = Induction.objects.create(centre=centre, person=person,
                                                 recorded_by=actor, **fields)
        else:
            save_changes(induction, fields, actor)
    record_event(induction, "staff.induction.recorded", actor=actor, centre=centre,
                 summary=f"Induction of {person} on {inducted_on:%d %B %Y} recorded")
    return induction


@transaction.atomic
def add_training(*, actor: User, centre: Centre, person: User, kind: str, title: str,
                 held_on: date | None, hours: Decimal | None, evidence: Any = None) -> Training:
    """Record CPD or standardisation training. A member of staff records their own; the
    Quality Nominee or the Head records anyone's. It counts in the academic year it fell in."""
    if actor.pk != person.pk:
        _manager(actor, centre)
    _in_post(person, centre)
    if kind not in TrainingKind.values:
        raise DomainError("Choose whether it was CPD or standardisation.")
    if not (title or "").strip():
        raise DomainError("Say what the training was.")
    _not_future(held_on, "of the training")
    if hours is None or hours <= 0 or hours > 200:
        raise DomainError("Give the hours it took: more than 0 and at most 200.")
    year = AcademicYear.objects.filter(centre=centre, starts_on__lte=held_on,
                                       ends_on__gte=held_on).first()
    if year is None:
        raise DomainError(f"{held_on:%d %B %Y} falls in none of the centre's academic years: "
                          f"add the year in the centre's settings first.")
    with acting_as(actor):
        training = Training.objects.create(centre=centre, person=person, academic_year=year,
                                           kind=kind, title=title.strip(), held_on=held_on,
                                           hours=hours, evidence=evidence or "",
                                           recorded_by=actor)
    record_event(training, "staff.training.added", actor=actor, centre=centre,
                 summary=f"{person}: {training.get_kind_display()} {training} ({hours} hours)")
    return training
