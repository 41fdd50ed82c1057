"""Verification's retention rules (see `qmr.retention.registry`): internal verification
records are kept until three years after the learner's certification
(`registrations.retention.certified_on`), like the assessment records they check.

- The IV's check of a decision, criterion by criterion: disposal blanks the verifier's free
  comments here and in the history, and keeps the checks, the outcome and the signatures.
- The record that a piece of work was sampled: disposal deletes it."""

from typing import Any

from qmr.retention import disposal, registry
from qmr.retention.registry import START, Rule
from registrations.retention import THREE_YEARS, certified_on, not_certified
from verification.models import CriterionCheck, DecisionVerification, IVSample

KEPT = "Internal verification records are kept until three years after certification"
CENTRE = "submission__assignment__plan__programme__centre"


def _dispose_verification(verification: DecisionVerification) -> str:
    disposal.blank(DecisionVerification.objects.filter(pk=verification.pk), ("comments",))
    disposal.blank(CriterionCheck.objects.filter(verification=verification), ("comment",))
    return "The verifier's comments; the checks, the outcome and the signatures are kept."


def _where(record: Any) -> str:
    assignment = record.submission.assignment
    return f"assessment record #{record.submission_id}, {assignment.title}, " \
           f"{assignment.plan.academic_year}"


WHY = ("The awarding body may sample any certificated learner's internal verification "
       "records until three years after certification.")
registry.register(Rule(
    kind="verification.records", label="Internal verification records",
    model=DecisionVerification, guarded=(DecisionVerification, CriterionCheck),
    owner=lambda i: i if isinstance(i, DecisionVerification) else i.verification,
    centre=CENTRE, period=THREE_YEARS, kept=KEPT, not_started=not_certified(KEPT), why=WHY,
    starts=lambda qs: qs.annotate(**{START: certified_on("submission__learner")}),
    dispose=_dispose_verification, related=("submission__assignment__plan__academic_year",),
    describe=lambda v: f"Internal verification record #{v.pk}, {_where(v)}"))
registry.register(Rule(
    kind="verification.samples", label="Internal verification samples", model=IVSample,
    guarded=(IVSample,), centre=CENTRE, period=THREE_YEARS, kept=KEPT,
    not_started=not_certified(KEPT), why=WHY,
    starts=lambda qs: qs.annotate(**{START: certified_on("submission__learner")}),
    dispose=lambda s: disposal.delete_with_files(s, "The record that this work was sampled"),
    related=("submission__assignment__plan__academic_year",),
    describe=lambda s: f"Internal verification sample #{s.pk}, {_where(s)}"))
