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


def _label(field: Any) -> str:
    return str(getattr(field, "verbose_name", field.name)).capitalize()


def entries(history: QuerySet, describe: Any = str) -> list[Entry]:
    """Turn historical rows (of one or many objects) into entries, newest first.

    Values read as a person would: choices by their label, links to other records by the
    record's name (one query per kind of record linked, whatever the number of rows).
    """
    fields = list(history.model.tracked_fields)
    rows = list(history.select_related("history_user").order_by("id", "history_date", "pk"))
    previous: dict[Any, Any] = {}
    out: list[Entry] = []
    wanted: dict[Any, set] = {}
    for row in rows:
        before = previous.get(row.id)
        changes = []
        if before is not None:
            for f in fields:
                old, new = getattr(before, f.attname), getattr(row, f.attname)
                if old != new:
                    changes.append(Change(f, old, new))
                    if _links(f):
                        wanted.setdefault(f.related_model, set()).update({old, new} - {None})
        previous[row.id] = row
        if row.history_type == "~" and before is not None and not changes:
            continue
        out.append(Entry(row.history_date, row.history_user, _KINDS.get(row.history_type, "?"),
                         describe(row), changes))
    names = {model: model._default_manager.in_bulk(ids) for model, ids in wanted.items()}
    for entry in out:
        for change in entry.changes:
            f = change.field
            change.field = _label(f)
            change.old, change.new = (_readable(f, v, names) for v in (change.old, change.new))
    out.sort(key=lambda e: e.when, reverse=True)
    return out


def _links(f: Any) -> bool:
    return bool(f.is_relation and (f.many_to_one or f.one_to_one))


def _readable(f: Any, value: Any, names: dict) -> Any:
    if value is None or value == "":
        return value
    if _links(f):
        return str(names.get(f.related_model, {}).get(value, f"#{value}"))
    if f.choices:
        return dict(f.flatchoices).get(value, value)
    return value
