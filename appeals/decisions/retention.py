"""Appeals records are kept at least 18 months after the appeal closes (and while it is open):
nothing deletes them earlier, through the product, the admin or the ORM."""

from datetime import date
from typing import Any

from django.db.models.signals import pre_delete
from django.utils import timezone

from appeals.decisions.models import Appeal, AppealStage, ResultInDoubt
from qmr.errors import DomainError


def _appeal_of(instance: Any) -> Appeal:
    if isinstance(instance, Appeal):
        return instance
    if isinstance(instance, AppealStage):
        return instance.appeal
    return instance.raised_by.appeal


def deletable_from(appeal: Appeal) -> date | None:
    """The first day the appeal's records may be deleted; None while it is open."""
    return appeal.retain_until if appeal.closed_on else None


def refuse_early_deletion(sender: Any, instance: Any, **kwargs: Any) -> None:
    appeal = _appeal_of(instance)
    until = deletable_from(appeal)
    if until is None:
        raise DomainError("This appeal is still open: its records cannot be deleted.")
    if timezone.localdate() < until:
        raise DomainError(f"Appeals records are kept for 18 months after the appeal closes: "
                          f"this one can be deleted from {until:%-d %B %Y}.")


def connect() -> None:
    for model in (Appeal, AppealStage, ResultInDoubt):
        pre_delete.connect(refuse_early_deletion, sender=model,
                           dispatch_uid=f"appeals.retention.{model.__name__}")
