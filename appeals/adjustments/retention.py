"""Adjustment and special consideration records are kept three years: nothing deletes them
earlier, through the product, the admin or the ORM."""

from typing import Any

from django.db.models.signals import pre_delete
from django.utils import timezone

from appeals.adjustments.models import ReasonableAdjustment, SpecialConsideration
from qmr.errors import DomainError


def refuse_early_deletion(sender: Any, instance: Any, **kwargs: Any) -> None:
    if timezone.localdate() < instance.retain_until:
        raise DomainError(f"These records are kept for three years: this one can be deleted "
                          f"from {instance.retain_until:%-d %B %Y}.")


def connect() -> None:
    for model in (ReasonableAdjustment, SpecialConsideration):
        pre_delete.connect(refuse_early_deletion, sender=model,
                           dispatch_uid=f"appeals.retention.{model.__name__}")
