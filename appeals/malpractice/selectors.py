"""Who reads which malpractice cases, and the pages' reads.

A case is read by the Head of Centre (RECEIVE_ESCALATIONS), the Quality Nominee
(PREPARE_REVIEW), the case's investigator and the external Centre Quality Reviewer
(REVIEW_EVIDENCE: the evidence pack links to each case; they read it and change nothing):
nobody else learns that it exists, least of all the person it is against. Everyone else, and
everyone at another centre, gets a 404. The register is for the Head of Centre and the
Quality Nominee.
"""

from dataclasses import dataclass
from typing import Any

from django.db.models import QuerySet
from django.http import Http404

from appeals.malpractice.models import CaseEvidence, Kind, MalpracticeCase, Status
from appeals.malpractice.services import NOT_STAFF
from qmr import permissions
from qmr.history import Entry, entries
from qmr.models import Appointment, Centre
from qmr.roles import PREPARE_REVIEW, RECEIVE_ESCALATIONS, REVIEW_EVIDENCE, Role

CASE_READERS = (RECEIVE_ESCALATIONS, PREPARE_REVIEW, REVIEW_EVIDENCE)


def _not_accused(user: Any, qs: QuerySet) -> QuerySet:
    return qs.exclude(staff_member_id=user.pk).exclude(learner__user_id=user.pk)


def visible_cases(user: Any) -> QuerySet[MalpracticeCase]:
    qs = MalpracticeCase.objects.all()
    result = qs.filter(investigator_id=user.pk)
    for perm in CASE_READERS:
        result = result | permissions.visible(user, perm, qs)
    return _not_accused(user, result)


def get_case_for_user(user: Any, pk: int) -> MalpracticeCase:
    case = visible_cases(user).select_related(
        "centre", "learner__user", "learner__programme", "staff_member", "programme", "unit",
        "investigator", "raised_by", "flag").filter(pk=pk).first()
    if case is None:
        raise Http404("No such case.")
    return case


def get_evidence_for_user(user: Any, pk: int) -> CaseEvidence:
    evidence = CaseEvidence.objects.filter(pk=pk).first()
    if evidence is None:
        raise Http404("No such file.")
    get_case_for_user(user, evidence.case_id)  # 404 unless the case is readable
    return evidence


def register_centres(user: Any) -> list[Centre]:
    centres = Centre.objects.all()
    return list((permissions.visible(user, RECEIVE_ESCALATIONS, centres)
                 | permissions.visible(user, PREPARE_REVIEW, centres)).distinct()
                .order_by("name"))


def register(user: Any, centre: Centre, status: str = "", kind: str = ""
             ) -> list[MalpracticeCase]:
    """The centre's cases, newest first, filtered by status and kind (one query)."""
    qs = _not_accused(user, MalpracticeCase.objects.filter(centre=centre))
    if status in Status.values:
        qs = qs.filter(status=status)
    if kind in Kind.values:
        qs = qs.filter(kind=kind)
    return list(qs.select_related("learner", "staff_member", "investigator", "programme"))


def case_history(case: MalpracticeCase) -> list[Entry]:
    rows = entries(case.history.all(), lambda row: "The case") + entries(
        CaseEvidence.history.filter(case_id=case.pk), lambda row: f"Evidence: {row.name}")
    return sorted(rows, key=lambda e: e.when, reverse=True)


def cases_investigated_by(user: Any) -> list[MalpracticeCase]:
    return list(_not_accused(user, MalpracticeCase.objects.filter(
        investigator_id=user.pk, status=Status.OPEN)).select_related("learner",
                                                                    "staff_member"))


def open_cases_for(user: Any, centre_ids: set[int]) -> list[MalpracticeCase]:
    return list(_not_accused(user, MalpracticeCase.objects.filter(
        centre_id__in=centre_ids, status=Status.OPEN)).select_related(
        "learner", "staff_member").order_by("raised_at")[:50])


@dataclass
class Field:
    label: str
    value: str


def _roles(case: MalpracticeCase) -> str:
    rows = Appointment.objects.active().filter(centre=case.centre,
                                               person=case.staff_member)
    return "; ".join(f"{a.get_role_display()} ({a.scope})" for a in rows) or "none now"


def head_of_centre(centre: Centre) -> str:
    heads = Appointment.objects.active().filter(centre=centre, role=Role.HEAD_OF_CENTRE)
    return ", ".join(str(a.person) for a in heads.select_related("person")) or "not appointed"


def _text(value: str) -> str:
    return value or "not recorded"


def awarding_body_report(case: MalpracticeCase) -> list[Field]:
    """The fields the awarding body's malpractice forms ask for, from the case's record."""
    centre = case.centre
    rows = [Field("Centre", f"{centre.name} ({centre.number})"),
            Field("Head of Centre", head_of_centre(centre))]
    if case.kind == Kind.LEARNER:
        learner = case.learner
        rows += [
            Field("Candidate", f"{learner.first_name} {learner.last_name}, registration "
                               f"number {learner.registration_number or 'not yet registered'}"),
            Field("Qualification", str(case.programme) if case.programme else "not recorded"),
            Field("Unit", str(case.unit) if case.unit else "not recorded"),
            Field("Kind of malpractice", case.get_category_display()),
            Field("What happened", case.allegation),
            Field("How it was found", _text(case.how_discovered)),
            Field("Witnesses", case.witnesses or "none named"),
            Field("How candidates were told the rules", _text(case.candidates_informed)),
            Field("Declaration of authenticity signed", "Yes" if case.declaration_signed
                  else "No"),
        ]
    else:
        rows += [
            Field("Member of staff", str(case.staff_member) if case.staff_member_id
                  else "not yet named"),
            Field("Their position at the centre", _roles(case) if case.staff_member_id
                  else "not known"),
            Field("Qualification", str(case.programme) if case.programme else "centre-wide"),
            Field("What is suspected", f"{case.get_category_display()}: {case.allegation}"),
            Field("How it was discovered", _text(case.how_discovered)),
            Field("Whether candidates were advantaged or disadvantaged",
                  _text(case.effect_on_candidates)),
            Field("The planned investigation", _text(case.investigation_plan)),
            Field("Investigator", str(case.investigator) if case.investigator_id
                  else "not yet appointed"),
        ]
    rows += [Field("Finding", f"{case.get_finding_display()}: {case.finding_reasons}"
                   if case.finding else "not yet found")]
    if case.sanction:
        rows.append(Field("Sanction", case.get_sanction_display()))
    return rows


def investigator_choices(case: MalpracticeCase) -> QuerySet:
    """Staff of the centre who may be appointed (the connection rule is the service's)."""
    from qmr.models import User

    return User.objects.filter(
        appointments__in=Appointment.objects.active().filter(centre=case.centre).exclude(
            role__in=NOT_STAFF)
    ).exclude(pk=case.staff_member_id or 0).distinct().order_by("full_name")


def staff_choices(centre: Centre) -> QuerySet:
    from qmr.models import User

    return User.objects.filter(
        appointments__in=Appointment.objects.active().filter(centre=centre).exclude(
            role__in=NOT_STAFF)
    ).distinct().order_by("full_name")

