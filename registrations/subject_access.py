"""Subject access: everything the centre holds about one learner, on request, as a readable
PDF and the same data as JSON, in one zip made as a background job (qmr.jobs).

The record is gathered by following every relation that points at the learner (and at those
records in turn, a few levels down: a submission's decisions, a decision's internal
verification), so records that later apps keep about learners are included without a change
here, and `registrations` imports nothing from the apps above it. Records that merely list the
learner among others (many-to-many) are named but not followed, so no one else's data comes
with them."""

import io
import json
import zipfile
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.db import models
from django.template.loader import render_to_string
from django.utils import dateformat, timezone
from django.utils.text import capfirst, slugify
from weasyprint import HTML

from qmr import permissions
from qmr.history import entries
from qmr.jobs import registry
from qmr.roles import MANAGE_REGISTRATIONS, SIGN_WITHDRAWAL_AS_NOMINEE
from registrations.models import Learner

SUBJECT_ACCESS = "registrations.subject_access"
DEPTH = 4  # learner -> submission -> decision -> verification -> criterion checks


def may_ask(user: Any, learner: Learner) -> bool:
    """The learner themself, or the Quality Nominee or Exams Officer of their centre."""
    if not getattr(user, "is_authenticated", False):
        return False
    if learner.user_id is not None and learner.user_id == user.pk:
        return True
    return (permissions.can_as_staff(user, SIGN_WITHDRAWAL_AS_NOMINEE, learner)
            or permissions.can_as_staff(user, MANAGE_REGISTRATIONS, learner))


def _reader(user: Any, job: Any) -> bool:
    learner = Learner.objects.filter(pk=job.params.get("learner")).first()
    return learner is not None and may_ask(user, learner)


@dataclass
class Record:
    name: str
    model: str
    pk: Any
    data: dict  # field name -> JSON value
    shown: list  # (label, text) for the PDF, empty values left out
    parts: list = field(default_factory=list)


@dataclass
class Part:
    title: str
    model: str
    records: list


def _json(obj: models.Model, f: models.Field) -> Any:
    if f.is_relation:
        related = getattr(obj, f.name)
        return None if related is None else str(related)
    value = getattr(obj, f.attname)
    if f.choices and value not in (None, ""):
        return str(getattr(obj, f"get_{f.name}_display")())
    if isinstance(f, models.FileField):
        return value.name or None
    if isinstance(value, date | datetime):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, str | int | float | bool | list | dict) or value is None:
        return value
    return str(value)


def _text(obj: models.Model, f: models.Field, value: Any) -> str:
    raw = getattr(obj, f.attname)
    if isinstance(raw, datetime):
        return dateformat.format(timezone.localtime(raw), "j F Y, H:i")
    if isinstance(raw, date):
        return dateformat.format(raw, "j F Y")
    if isinstance(raw, bool):
        return "Yes" if raw else "No"
    if isinstance(value, dict | list):
        return json.dumps(value, ensure_ascii=False)
    return str(value)


def _record(obj: models.Model, parent_field: Any, depth: int, seen: set) -> Record:
    data, shown = {}, []
    for f in obj._meta.concrete_fields:
        if f.primary_key or f is parent_field:
            continue
        value = _json(obj, f)
        data[f.name] = value
        if value not in (None, "", [], {}):
            shown.append((capfirst(str(f.verbose_name)), _text(obj, f, value)))
    record = Record(str(obj), obj._meta.label, obj.pk, data, shown)
    if depth > 0:
        record.parts = _parts(obj, depth - 1, seen)
    return record


def _parts(obj: models.Model, depth: int, seen: set) -> list[Part]:
    parts = []
    for rel in obj._meta.related_objects:
        model = rel.related_model
        queryset = model._base_manager.filter(**{rel.field.name: obj}).order_by("pk")
        records = []
        for child in queryset:
            if (model._meta.label, child.pk) in seen:
                continue
            seen.add((model._meta.label, child.pk))
            # Shared records (many-to-many) are named, not followed into others' data.
            followed = depth if not rel.many_to_many else -1
            records.append(_record(child, None if rel.many_to_many else rel.field, followed,
                                   seen))
        if records:
            parts.append(Part(capfirst(str(model._meta.verbose_name_plural)),
                              model._meta.label, records))
    return parts


def _history(learner: Learner) -> list[dict]:
    rows = entries(Learner.history.filter(id=learner.pk),
                   lambda row: row.history_change_reason or "")
    return [{"when": e.when.isoformat(), "who": str(e.who) if e.who else None, "kind": e.kind,
             "reason": e.record or None,
             "changes": [{"field": c.field, "from": _plain(c.old), "to": _plain(c.new)}
                         for c in e.changes]}
            for e in rows]


def _plain(value: Any) -> Any:
    if isinstance(value, date | datetime):
        return value.isoformat()
    return value if isinstance(value, str | int | float | bool) or value is None else str(value)


def gather(learner: Learner) -> dict:
    """Everything held about the learner: their record, the records about them, and the
    history of changes to their record (with the reason where one was given)."""
    seen = {(Learner._meta.label, learner.pk)}
    record = _record(learner, None, DEPTH, seen)
    return {"record": record, "history": _history(learner)}


def _as_json(record: Record) -> dict:
    return {"model": record.model, "id": record.pk, "name": record.name, "fields": record.data,
            "parts": [{"title": p.title, "model": p.model,
                       "records": [_as_json(r) for r in p.records]} for p in record.parts]}


def _flatten(parts: list[Part], level: int) -> list[dict]:
    """Parts and records in reading order, each with its heading level (h2 down to h6)."""
    out = []
    for part in parts:
        out.append({"heading": part.title, "level": min(level, 6), "count": len(part.records)})
        for record in part.records:
            out.append({"heading": record.name, "level": min(level + 1, 6),
                        "shown": record.shown})
            out += _flatten(record.parts, level + 2)
    return out


@registry.register(SUBJECT_ACCESS, may_read=_reader)
def subject_access(job: Any, progress: registry.Progress) -> tuple[str, bytes]:
    learner = Learner.objects.select_related("centre").get(pk=job.params["learner"])
    progress(0, 2, "Gathering the learner's records.")
    held = gather(learner)
    prepared_at = timezone.now()
    data = {"learner": str(learner), "centre": str(learner.centre),
            "prepared_at": prepared_at.isoformat(), "record": _as_json(held["record"]),
            "history": held["history"]}
    progress(1, 2, "Laying out the pages.")
    html = render_to_string("registrations/pdf/subject_access.html", {
        "learner": learner, "centre": learner.centre, "printed_at": prepared_at,
        "identity": held["record"].shown, "items": _flatten(held["record"].parts, 2),
        "history": [{**h, "when": datetime.fromisoformat(h["when"])} for h in held["history"]]})
    pdf = HTML(string=html, base_url=settings.SITE_URL).write_pdf()
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("record.pdf", pdf)
        archive.writestr("record.json", json.dumps(data, indent=2, ensure_ascii=False,
                                                   default=str))
    name = slugify(learner.centre_ref or str(learner.pk))
    return f"subject-access-{name}-{prepared_at:%Y-%m-%d}.zip", buffer.getvalue()
