"""Nothing is deleted before its time: a pre_delete receiver on every guarded model refuses,
through the product, the Django admin and the ORM alike, with the day it becomes possible
("Assessment records are kept until three years after certification: this one can be deleted
from 3 March 2029.") or, while the time has not started, why not."""

from typing import Any

from django.db.models.signals import pre_delete
from django.utils import timezone

from qmr.errors import DomainError


def refusal(rule: Any, record: Any) -> str:
    """Why `record` may not be deleted today, or "" when it may."""
    until = rule.keep_until(record)
    if until is None:
        return rule.not_started
    if timezone.localdate() < until:
        return f"{rule.kept}: this one can be deleted from {until:%-d %B %Y}."
    return ""


def connect(rule: Any) -> None:
    from qmr.retention import admin

    def refuse(sender: Any, instance: Any, **kwargs: Any) -> None:
        message = refusal(rule, rule.owner(instance))
        if message:
            raise DomainError(message)

    for model in rule.guarded:
        pre_delete.connect(refuse, sender=model, weak=False,
                           dispatch_uid=f"retention.{rule.kind}.{model.__name__}")
    admin.cover(rule)
