"""What the appeals app keeps, it keeps until `retain_until`: a pre_delete guard refuses to
delete such records earlier (through the product, the admin or the ORM) with the date it
becomes possible. Each part guards its own models from its wiring."""

from collections.abc import Callable, Iterable
from datetime import date
from typing import Any

from django.db.models.signals import pre_delete
from django.utils import timezone

from qmr.errors import DomainError


def deletable_from(record: Any) -> date | None:
    """The first day the record may be deleted; None while it is still open (a record with
    no `closed_on` is never open)."""
    if hasattr(record, "closed_on") and record.closed_on is None:
        return None
    return record.retain_until


def guard(models: Iterable[type], *, owner: Callable[[Any], Any], kept: str, uid: str,
          open_refusal: str = "") -> None:
    """Refuse deleting any of `models` while `owner(instance)` is open ("open_refusal") or
    before its retention date ("<kept>: this one can be deleted from <date>.")."""

    def refuse(sender: Any, instance: Any, **kwargs: Any) -> None:
        until = deletable_from(owner(instance))
        if until is None:
            raise DomainError(open_refusal)
        if timezone.localdate() < until:
            raise DomainError(f"{kept}: this one can be deleted from {until:%-d %B %Y}.")

    for model in models:
        pre_delete.connect(refuse, sender=model, weak=False,
                           dispatch_uid=f"{uid}.{model.__name__}")
