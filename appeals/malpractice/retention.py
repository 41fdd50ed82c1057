"""Malpractice cases are kept at least three years after they close (and while they are
open): nothing deletes them earlier, through the product, the admin or the ORM."""

from datetime import date
from typing import Any

from django.db.models.signals import pre_delete
from django.utils import timezone

from appeals.malpractice.models import RETAIN_YEARS, CaseEvidence, MalpracticeCase
from qmr.errors import DomainError


def deletable_from(case: MalpracticeCase) -> date | None:
    """The first day the case's records may be deleted; None while it is open."""
    return case.retain_until if case.closed_on else None


def refuse_early_deletion(sender: Any, instance: Any, **kwargs: Any) -> None:
    case = instance if isinstance(instance, MalpracticeCase) else instance.case
    until = deletable_from(case)
    if until is None:
        raise DomainError("This malpractice case is still open: its records cannot be "
                          "deleted.")
    if timezone.localdate() < until:
        raise DomainError(f"Malpractice records are kept for {RETAIN_YEARS} years after the "
                          f"case closes: this one can be deleted from {until:%-d %B %Y}.")


def connect() -> None:
    for model in (MalpracticeCase, CaseEvidence):
        pre_delete.connect(refuse_early_deletion, sender=model,
                           dispatch_uid=f"appeals.malpractice.retention.{model.__name__}")
