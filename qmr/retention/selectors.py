"""What is past its time, read in one query per kind of record, and the centre's past
disposals. Who may read them is decided here too: the centre's senior people who read its
quality records (the Quality Nominee confirms; the others see the list); everyone else 404."""

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db.models import QuerySet

from qmr.models import Centre
from qmr.retention import registry
from qmr.retention.models import DisposalRecord
from qmr.retention.registry import START, Rule
from qmr.review import access
from qmr.roles import PREPARE_REVIEW, VIEW_QUALITY_RECORDS

READERS = (PREPARE_REVIEW, VIEW_QUALITY_RECORDS)


@dataclass(frozen=True)
class Item:
    record: Any
    kept_until: date
    reference: str


@dataclass(frozen=True)
class Group:
    rule: Rule
    items: list[Item]


def get_centre_for_user(user: Any, centre_id: int) -> Centre:
    """The centre, if the person reads its quality records; otherwise 404."""
    return access.get_centre(user, centre_id, READERS)


def first_centre(user: Any) -> Centre | None:
    return access.first_centre(user, READERS)


def due_records(rule: Rule, centre: Centre, today: date,
                pks: list[int] | None = None, lock: bool = False) -> list[Item]:
    """The centre's records of this kind whose time has passed and that are not disposed of
    yet, oldest first. One query (the content type is cached after its first read)."""
    disposed = DisposalRecord.objects.filter(
        record_type=ContentType.objects.get_for_model(rule.model)).values("record_id")
    qs: QuerySet = rule.model._base_manager.filter(**{rule.centre: centre}, **rule.due_filter)
    if pks is not None:
        qs = qs.filter(pk__in=pks)
    if lock:
        qs = qs.select_for_update(of=("self",))
    qs = rule.starts(qs.exclude(pk__in=disposed)).filter(
        **{f"{START}__isnull": False, f"{START}__lte": today - rule.period})
    if rule.related:
        qs = qs.select_related(*rule.related)
    items = []
    for record in qs.order_by(START, "pk"):
        until = rule.until(getattr(record, START))
        if until is not None and until <= today:
            items.append(Item(record, until, rule.describe(record)))
    return items


def due_for_centre(centre: Centre, today: date) -> list[Group]:
    """Every kind with something past its time, in the order the rules were registered."""
    groups = [Group(r, due_records(r, centre, today)) for r in registry.rules()]
    return [g for g in groups if g.items]


def past_disposals(centre: Centre) -> QuerySet[DisposalRecord]:
    return DisposalRecord.objects.filter(centre=centre).select_related("disposed_by")
