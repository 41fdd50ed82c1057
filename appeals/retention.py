"""What the appeals app keeps, it keeps until `retain_until` (set when a record closes, or
when it is agreed): each part registers its records with the retention registry
(`qmr.retention.registry`) through `guard`, so its guard refuses deleting them earlier
(through the product, the admin or the ORM) with the date it becomes possible, the monthly
list offers them for disposal once that date has passed, and disposing of one deletes it with
what belongs to it and its files. Each part guards its own models from its wiring."""

from collections.abc import Callable, Iterable
from datetime import date
from typing import Any

from dateutil.relativedelta import relativedelta
from django.db.models import Case, F, When

from qmr.retention import disposal, registry
from qmr.retention.registry import START, Rule


def deletable_from(record: Any) -> date | None:
    """The first day the record may be deleted; None while it is still open (a record with
    no `closed_on` is never open)."""
    if hasattr(record, "closed_on") and record.closed_on is None:
        return None
    return record.retain_until


def _starts(model: type) -> Callable[[Any], Any]:
    """`retain_until` is the date itself (the period is nought); None while still open."""
    if any(f.name == "closed_on" for f in model._meta.fields):
        return lambda qs: qs.annotate(**{START: Case(When(closed_on__isnull=True, then=None),
                                                     default=F("retain_until"))})
    return lambda qs: qs.annotate(**{START: F("retain_until")})


def _describe(record: Any) -> str:
    return f"{type(record)._meta.verbose_name.capitalize()} #{record.pk}, kept until " \
           f"{record.retain_until:%-d %B %Y}"


def guard(models: Iterable[type], *, owner: Callable[[Any], Any], kept: str, uid: str,
          open_refusal: str = "", listed: Iterable[type] = ()) -> None:
    """Refuse deleting any of `models` while `owner(instance)` is open ("open_refusal") or
    before its retention date ("<kept>: this one can be deleted from <date>."). `listed` are
    the records offered for disposal (each its own owner); by default the first model, whose
    rule also guards the rest."""
    models = tuple(models)
    listed = tuple(listed) or models[:1]
    rest = tuple(m for m in models if m not in listed)
    for n, model in enumerate(listed):
        registry.register(Rule(
            kind=f"{uid}.{model._meta.model_name}",
            label=str(model._meta.verbose_name_plural).capitalize(),
            model=model, guarded=(model, *(rest if n == 0 else ())),
            owner=owner if n == 0 else (lambda i: i), centre="centre",
            starts=_starts(model), period=relativedelta(), kept=kept,
            not_started=open_refusal,
            why=f"{kept}, as the awarding body's rules require.",
            dispose=lambda r: disposal.delete_with_files(
                r, f"The {r._meta.verbose_name} and everything recorded with it"),
            describe=_describe))
