"""The steps of a malpractice or maladministration case. Each checks who and the rule, changes
the record in one transaction, records who did it, and raises an error a person can act on
(changing nothing).

- The Quality Nominee or the Head of Centre raises a case against a learner or a member of
  staff; the Head of Centre appoints the investigator, who for a staff case has no part in
  the accused's programme team or subject area, and is never the accused.
- The person is told of the allegation and its possible consequences, may respond, and only
  then does the investigator record a finding. A proven finding carries a sanction (the Head
  of Centre's); the person is told how to appeal.
- A staff case, and a learner case proven on work the learner had declared their own, is
  reported to the awarding body (by the Head of Centre) before it can close.
"""

from datetime import date
from typing import Any

from dateutil.relativedelta import relativedelta
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from appeals.malpractice.models import (
    LEARNER_CATEGORIES,
    LEARNER_SANCTIONS,
    RETAIN_YEARS,
    STAFF_CATEGORIES,
    STAFF_SANCTIONS,
    CaseEvidence,
    Category,
    Finding,
    Kind,
    MalpracticeCase,
    Sanction,
    Status,
)
from assessment import services as assessment
from qmr import permissions
from qmr.audit import acting_as, record_event
from qmr.errors import DomainError, TransitionNotAllowed
from qmr.models import Appointment, Centre, SubjectArea, User
from qmr.roles import PREPARE_REVIEW, RECEIVE_ESCALATIONS, REVIEW_EVIDENCE, Role
from registrations.models import Learner, Programme, RegistrationFlag, Unit

# Roles that make someone a learner or an external visitor, not staff of the centre.
NOT_STAFF = (Role.LEARNER, Role.QUALITY_REVIEWER, Role.STANDARDS_VERIFIER)


def _event(case: MalpracticeCase, code: str, actor: User | None, summary: str) -> None:
    record_event(case, f"malpractice.{code}", actor=actor, centre=case.centre, summary=summary)


def is_head(actor: User, case_or_centre: Any) -> bool:
    return permissions.can(actor, RECEIVE_ESCALATIONS, case_or_centre)


def is_nominee(actor: User, case_or_centre: Any) -> bool:
    return permissions.can(actor, PREPARE_REVIEW, case_or_centre)


def is_accused(actor: User, case: MalpracticeCase) -> bool:
    if case.kind == Kind.STAFF:
        return case.staff_member_id == actor.pk
    return case.learner is not None and case.learner.user_id == actor.pk


def is_investigator(actor: User, case: MalpracticeCase) -> bool:
    return case.investigator_id is not None and case.investigator_id == actor.pk


def may_read(actor: User, case: MalpracticeCase) -> bool:
    """The Head of Centre, the Quality Nominee, the investigator and the external reviewer
    (who reads only); never the accused."""
    if is_accused(actor, case):
        return False
    return is_investigator(actor, case) or is_head(actor, case) or is_nominee(actor, case) \
        or permissions.can(actor, REVIEW_EVIDENCE, case)


def may_record_stage(actor: User, case: MalpracticeCase) -> bool:
    """Telling the person, their response, evidence, telling them how to appeal."""
    return not is_accused(actor, case) and (is_investigator(actor, case) or is_head(actor, case))


def may_act_as_head(actor: User, case: MalpracticeCase) -> bool:
    return not is_accused(actor, case) and is_head(actor, case)


def _require(allowed: bool, message: str) -> None:
    if not allowed:
        raise PermissionDenied(message)


def _locked(case: MalpracticeCase) -> MalpracticeCase:
    return MalpracticeCase.objects.select_for_update(of=("self",)).select_related(
        "centre", "learner", "staff_member", "programme").get(pk=case.pk)


def _require_open(case: MalpracticeCase) -> None:
    if not case.is_open:
        raise TransitionNotAllowed("This case is closed: its record can no longer change.")


def _check_date(day: date | None, case: MalpracticeCase, what: str) -> date:
    day = day or timezone.localdate()
    opened = timezone.localdate(case.raised_at)
    if day > timezone.localdate() or day < opened:
        raise DomainError(f"The day {what} must be between the day the case was raised "
                          f"({opened:%-d %B %Y}) and today.")
    return day


def _save(case: MalpracticeCase, actor: User, fields: list[str]) -> None:
    with acting_as(actor):
        case.save(update_fields=fields)


def staff_at(centre: Centre, person: User) -> list[Appointment]:
    return list(Appointment.objects.active().filter(centre=centre, person=person)
                .exclude(role__in=NOT_STAFF))


def check_category(kind: str, category: str) -> None:
    if category not in Category.values:
        raise DomainError("Choose the kind of malpractice alleged.")
    if kind == Kind.LEARNER and category not in LEARNER_CATEGORIES:
        raise DomainError(f"“{Category(category).label}” is malpractice by staff: choose a "
                          f"learner category for a case against a learner.")
    if kind == Kind.STAFF and category not in STAFF_CATEGORIES:
        raise DomainError(f"“{Category(category).label}” is malpractice by a learner: choose a "
                          f"staff category for a case against a member of staff.")


@transaction.atomic
def raise_case(*, actor: User, centre: Centre, category: str, allegation: str,
               learner: Learner | None = None, staff_member: User | None = None,
               programme: Programme | None = None, unit: Unit | None = None,
               **details: Any) -> MalpracticeCase:
    """Open a case against one learner or one member of staff. `details`: how_discovered,
    witnesses, candidates_informed, effect_on_candidates, investigation_plan,
    declaration_signed."""
    _require(is_head(actor, centre) or is_nominee(actor, centre),
             "The Quality Nominee or the Head of Centre raises a malpractice case.")
    if (learner is None) == (staff_member is None):
        raise DomainError("Name either the learner or the member of staff the allegation is "
                          "against (one, not both).")
    kind = Kind.LEARNER if learner is not None else Kind.STAFF
    check_category(kind, category)
    if not allegation.strip():
        raise DomainError("Say what is alleged: what happened, when, and in which work.")
    if learner is not None:
        if learner.centre_id != centre.pk:
            raise DomainError("That learner is not at this centre.")
        if learner.user_id == actor.pk:
            raise PermissionDenied("You cannot raise a case against yourself.")
        programme = programme or learner.programme
    else:
        if staff_member.pk == actor.pk:
            raise DomainError("You cannot raise a case against yourself: ask the Head of "
                              "Centre or the Quality Nominee to raise it.")
        if not staff_at(centre, staff_member):
            raise DomainError(f"{staff_member} holds no role at this centre now.")
    if programme is not None and programme.centre_id != centre.pk:
        raise DomainError("That programme is not at this centre.")
    if unit is not None and (programme is None or unit.programme_id != programme.pk):
        raise DomainError("The unit must belong to the case's programme.")
    allowed = {"how_discovered", "witnesses", "candidates_informed", "effect_on_candidates",
               "investigation_plan", "declaration_signed"}
    unknown = set(details) - allowed
    if unknown:
        raise DomainError(f"Unknown details: {', '.join(sorted(unknown))}.")
    clean = {k: (v.strip() if isinstance(v, str) else bool(v)) for k, v in details.items()}
    with acting_as(actor):
        case = MalpracticeCase.objects.create(
            centre=centre, kind=kind, learner=learner, staff_member=staff_member,
            programme=programme, unit=unit, category=category, allegation=allegation.strip(),
            raised_by=actor, **clean)
    _event(case, "raised", actor, f"{case}: raised")
    return case


@transaction.atomic
def open_from_flag(flag: RegistrationFlag) -> MalpracticeCase | None:
    """A registration or claim flagged as fraudulent opens a maladministration case for the
    Head of Centre (the member of staff responsible is named once known)."""
    if flag.kind != RegistrationFlag.Kind.FRAUDULENT or \
            MalpracticeCase.objects.filter(flag=flag).exists():
        return None
    learner = flag.learner
    category = (Category.FALSE_CLAIMS if flag.concerns == RegistrationFlag.Concerns.CLAIM
                else Category.STAFF_OTHER)
    with acting_as(flag.raised_by):
        case = MalpracticeCase.objects.create(
            centre=learner.centre, kind=Kind.STAFF, programme=learner.programme, flag=flag,
            category=category, allegation=flag.description,
            how_discovered=f"The {flag.get_concerns_display()} of {learner} was flagged as "
                           f"fraudulent by {flag.raised_by}.",
            raised_by=flag.raised_by)
    _event(case, "raised_from_flag", flag.raised_by, f"{case}: opened from a {flag}")
    return case


@transaction.atomic
def name_staff_member(*, actor: User, case: MalpracticeCase, staff_member: User
                      ) -> MalpracticeCase:
    """A case opened from a flag: the Head of Centre names the member of staff."""
    case = _locked(case)
    _require(may_act_as_head(actor, case), "The Head of Centre names who the case is against.")
    _require_open(case)
    if case.kind != Kind.STAFF or case.staff_member_id:
        raise TransitionNotAllowed("This case already names who it is against.")
    if staff_member.pk == actor.pk:
        raise DomainError("You cannot name yourself: the case goes to another senior person.")
    if not staff_at(case.centre, staff_member):
        raise DomainError(f"{staff_member} holds no role at this centre now.")
    if staff_member.pk == case.investigator_id:
        raise DomainError("The investigator cannot be the person the case is against.")
    case.staff_member = staff_member
    _save(case, actor, ["staff_member"])
    _event(case, "staff_named", actor, f"{case}: member of staff named")
    return case


def _scopes(appointments: list[Appointment]) -> tuple[set[int], set[int]]:
    """The programmes and subject areas a set of appointments is held on."""
    programme_ct = ContentType.objects.get_for_model(Programme).pk
    area_ct = ContentType.objects.get_for_model(SubjectArea).pk
    programmes = {a.scope_id for a in appointments if a.scope_type_id == programme_ct}
    areas = {a.scope_id for a in appointments if a.scope_type_id == area_ct}
    return programmes, areas


def connection_to_accused(case: MalpracticeCase, candidate: User) -> str:
    """Why `candidate` is connected to the accused member of staff's department ('' if not):
    an appointment on a programme, or the subject area of one, the accused works on."""
    if case.kind != Kind.STAFF or not case.staff_member_id:
        return ""
    theirs = staff_at(case.centre, case.staff_member)
    programmes, areas = _scopes(theirs)
    if case.programme_id:
        programmes.add(case.programme_id)
    areas |= set(Programme.objects.filter(pk__in=programmes).values_list("subject_area_id",
                                                                         flat=True))
    mine = staff_at(case.centre, candidate)
    my_programmes, my_areas = _scopes(mine)
    my_areas |= set(Programme.objects.filter(pk__in=my_programmes).values_list(
        "subject_area_id", flat=True))
    shared = (my_programmes & programmes) or (my_areas & areas)
    if shared:
        return (f"{candidate} works in the same programme team or subject area as "
                f"{case.staff_member}: appoint someone with no part in that department.")
    return ""


@transaction.atomic
def appoint_investigator(*, actor: User, case: MalpracticeCase, investigator: User
                         ) -> MalpracticeCase:
    case = _locked(case)
    _require(may_act_as_head(actor, case), "The Head of Centre appoints the investigator.")
    _require_open(case)
    if case.finding:
        raise TransitionNotAllowed("The finding is recorded: the investigation is over.")
    if is_accused(investigator, case):
        raise DomainError("The person the allegation is against cannot investigate it.")
    if not staff_at(case.centre, investigator):
        raise DomainError(f"{investigator} holds no staff role at this centre now.")
    reason = connection_to_accused(case, investigator)
    if reason:
        raise DomainError(reason)
    if case.investigator_id == investigator.pk:
        raise TransitionNotAllowed(f"{investigator} is already the investigator.")
    case.investigator = investigator
    _save(case, actor, ["investigator"])
    _event(case, "investigator_appointed", actor, f"{case}: {investigator} investigates")
    return case


def _stage(actor: User, case: MalpracticeCase, doing: str) -> MalpracticeCase:
    case = _locked(case)
    _require(may_record_stage(actor, case),
             f"The investigator or the Head of Centre {doing}.")
    _require_open(case)
    return case


def _require_named(case: MalpracticeCase) -> None:
    if case.kind == Kind.STAFF and not case.staff_member_id:
        raise TransitionNotAllowed("Name the member of staff the case is against first.")


@transaction.atomic
def record_notification(*, actor: User, case: MalpracticeCase, told_on: date | None = None
                        ) -> MalpracticeCase:
    """The person was told of the allegation and the consequences if it is proven."""
    case = _stage(actor, case, "records that the person was told of the allegation")
    _require_named(case)
    if case.told_of_allegation_on:
        raise TransitionNotAllowed("It is recorded already that the person was told.")
    case.told_of_allegation_on = _check_date(told_on, case, "they were told")
    _save(case, actor, ["told_of_allegation_on"])
    _event(case, "told", actor, f"{case}: told of the allegation")
    return case


@transaction.atomic
def record_response(*, actor: User, case: MalpracticeCase, response: str,
                    response_on: date | None = None) -> MalpracticeCase:
    case = _stage(actor, case, "records the person's response")
    if not case.told_of_allegation_on:
        raise TransitionNotAllowed("Record that the person was told of the allegation first: "
                                   "they respond to what they were told.")
    if case.response_on:
        raise TransitionNotAllowed("Their response is recorded already.")
    if not response.strip():
        raise DomainError("Write down what the person said (or that they chose not to "
                          "respond).")
    case.response = response.strip()
    case.response_on = _check_date(response_on, case, "they responded")
    _save(case, actor, ["response", "response_on"])
    _event(case, "response", actor, f"{case}: response recorded")
    return case


@transaction.atomic
def add_evidence(*, actor: User, case: MalpracticeCase, file: Any, name: str = ""
                 ) -> CaseEvidence:
    case = _locked(case)
    _require(may_add_evidence(actor, case),
             "The investigator, the Head of Centre or the Quality Nominee adds evidence.")
    _require_open(case)
    if file is None:
        raise DomainError("Choose the file to add.")
    name = (name or getattr(file, "name", "") or "evidence").strip()[:200]
    with acting_as(actor):
        evidence = CaseEvidence.objects.create(case=case, file=file, name=name,
                                               uploaded_by=actor)
    _event(case, "evidence_added", actor, f"{case}: evidence “{name}” added")
    return evidence


@transaction.atomic
def record_finding(*, actor: User, case: MalpracticeCase, finding: str, reasons: str
                   ) -> MalpracticeCase:
    case = _locked(case)
    _require(may_find(actor, case), "Only the case's investigator records the finding.")
    _require_open(case)
    if case.finding:
        raise TransitionNotAllowed("The finding is recorded already.")
    if not case.told_of_allegation_on:
        raise TransitionNotAllowed("The person must be told of the allegation, and given the "
                                   "chance to respond, before a finding is made.")
    if finding not in Finding.values:
        raise DomainError("Say whether the allegation is proven or not.")
    if not reasons.strip():
        raise DomainError("Give the reasons for the finding.")
    case.finding, case.finding_reasons = finding, reasons.strip()
    case.found_on = timezone.localdate()
    _save(case, actor, ["finding", "finding_reasons", "found_on"])
    _event(case, "finding", actor, f"{case}: {case.get_finding_display().lower()}")
    return case


@transaction.atomic
def record_sanction(*, actor: User, case: MalpracticeCase, sanction: str) -> MalpracticeCase:
    case = _locked(case)
    _require(may_act_as_head(actor, case), "The Head of Centre decides the sanction.")
    _require_open(case)
    if case.finding != Finding.PROVEN:
        raise TransitionNotAllowed("A sanction follows only a proven finding.")
    if case.sanction:
        raise TransitionNotAllowed("The sanction is recorded already.")
    allowed = LEARNER_SANCTIONS if case.kind == Kind.LEARNER else STAFF_SANCTIONS
    if sanction not in allowed:
        raise DomainError("That sanction does not apply to a case against "
                          f"{'a learner' if case.kind == Kind.LEARNER else 'a member of staff'}.")
    takes_credit = sanction in (Sanction.REPEAT_ASSIGNMENT, Sanction.CANCEL_ASSIGNMENT)
    if takes_credit and case.unit_id is None:
        raise DomainError("Name the unit the case concerns first: this sanction withdraws the "
                          "learner's results on it.")
    case.sanction = sanction
    _save(case, actor, ["sanction"])
    if takes_credit:  # the results go through the assessment record's own corrections
        assessment.withdraw_credit(
            actor=actor, learner=case.learner, unit=case.unit,
            reason=f"Malpractice case {case.pk}: {case.get_sanction_display().lower()}")
    _event(case, "sanction", actor, f"{case}: sanction {case.get_sanction_display().lower()}")
    return case


@transaction.atomic
def record_told_how_to_appeal(*, actor: User, case: MalpracticeCase,
                              told_on: date | None = None) -> MalpracticeCase:
    case = _stage(actor, case, "records that the person was told how to appeal")
    if not case.finding:
        raise TransitionNotAllowed("There is no finding to appeal yet.")
    if case.told_how_to_appeal_on:
        raise TransitionNotAllowed("It is recorded already that they were told how to appeal.")
    case.told_how_to_appeal_on = _check_date(told_on, case, "they were told how to appeal")
    _save(case, actor, ["told_how_to_appeal_on"])
    _event(case, "told_how_to_appeal", actor, f"{case}: told how to appeal")
    return case


@transaction.atomic
def record_report_to_awarding_body(*, actor: User, case: MalpracticeCase,
                                   reported_on: date | None = None, reference: str = ""
                                   ) -> MalpracticeCase:
    case = _locked(case)
    _require(may_act_as_head(actor, case), "The Head of Centre reports a case to the awarding "
                                           "body.")
    _require_open(case)
    if case.reported_to_awarding_body_on:
        raise TransitionNotAllowed("The report to the awarding body is recorded already.")
    case.reported_to_awarding_body_on = _check_date(reported_on, case, "it was reported")
    case.report_reference = reference.strip()
    _save(case, actor, ["reported_to_awarding_body_on", "report_reference"])
    _event(case, "reported", actor, f"{case}: reported to the awarding body")
    return case


@transaction.atomic
def close_case(*, actor: User, case: MalpracticeCase) -> MalpracticeCase:
    case = _locked(case)
    _require(may_close(actor, case), "The Head of Centre or the investigator closes a case.")
    _require_open(case)
    if not case.finding:
        raise TransitionNotAllowed("Record the finding before closing the case.")
    if case.finding == Finding.PROVEN and not case.sanction:
        raise TransitionNotAllowed("The allegation is proven: record the sanction before "
                                   "closing the case.")
    if case.must_be_reported and not case.reported_to_awarding_body_on:
        why = ("it is a case against a member of staff" if case.kind == Kind.STAFF else
               "it is proven against work the learner declared their own")
        raise TransitionNotAllowed(f"This case must be reported to the awarding body before "
                                   f"it closes, because {why}: record the report first.")
    today = timezone.localdate()
    case.status, case.closed_on = Status.CLOSED, today
    case.retain_until = today + relativedelta(years=RETAIN_YEARS)
    _save(case, actor, ["status", "closed_on", "retain_until"])
    _event(case, "closed", actor, f"{case}: closed")
    return case


def may_add_evidence(actor: User, case: MalpracticeCase) -> bool:
    return not is_accused(actor, case) and (
        is_investigator(actor, case) or is_head(actor, case) or is_nominee(actor, case))


def may_find(actor: User, case: MalpracticeCase) -> bool:
    return is_investigator(actor, case) and not is_accused(actor, case)


def may_close(actor: User, case: MalpracticeCase) -> bool:
    return may_act_as_head(actor, case) or may_find(actor, case)
