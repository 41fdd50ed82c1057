"""Readable change history from django-simple-history rows: who, when, what changed from what."""

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from django.db.models import QuerySet

_KINDS = {"+": "Created", "~": "Changed", "-": "Deleted"}


@dataclass
class Change:
    field: str
    old: Any
    new: Any


@dataclass
class Entry:
    when: datetime
    who: Any
    kind: str
    record: str
    changes: list[Change] = field(default_factory=list)


def _label(model: Any, name: str) -> str:
    try:
        return str(model._meta.get_field(name).verbose_name).capitalize()
    except Exception:
        return name


def entries(history: QuerySet, describe: Any = str) -> list[Entry]:
    """Turn historical rows (of one or many objects) into entries, newest first. One query."""
    model = history.model.instance_type
    names = [f.attname for f in history.model.tracked_fields]
    rows = list(history.select_related("history_user").order_by("id", "history_date", "pk"))
    previous: dict[Any, Any] = {}
    out: list[Entry] = []
    for row in rows:
        before = previous.get(row.id)
        changes = []
        if before is not None:
            changes = [
                Change(_label(model, n), getattr(before, n), getattr(row, n))
                for n in names
                if getattr(before, n) != getattr(row, n)
            ]
        previous[row.id] = row
        if row.history_type == "~" and before is not None and not changes:
            continue
        out.append(
            Entry(row.history_date, row.history_user, _KINDS.get(row.history_type, "?"),
                  describe(row), changes)
        )
    out.sort(key=lambda e: e.when, reverse=True)
    return out
