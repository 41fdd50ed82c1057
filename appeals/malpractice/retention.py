"""Malpractice cases are kept at least three years after they close (and while they are open)."""

from appeals import retention
from appeals.malpractice.models import RETAIN_YEARS, CaseEvidence, MalpracticeCase


def connect() -> None:
    retention.guard(
        (MalpracticeCase, CaseEvidence),
        owner=lambda i: i if isinstance(i, MalpracticeCase) else i.case,
        open_refusal="This malpractice case is still open: its records cannot be deleted.",
        kept=f"Malpractice records are kept for {RETAIN_YEARS} years after the case closes",
        uid="appeals.malpractice.retention")
