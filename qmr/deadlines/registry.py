"""The deadlines each app knows about, registered by the app that owns the records.

A source is a function `collect(centre, today) -> Iterable[Due]` that reads the centre's
records in a fixed number of queries and yields every deadline still to be met (a met one is
simply not yielded; the engine then closes it). The engine (`services.refresh`) keeps one
Deadline row per `Due.key`, so the year plan, the personal pages, the calendar feed and the
reminders all read the same rows. Every kind in `kinds.REQUIRED` must have a source: the
start-up check `deadlines.E001` fails otherwise (fail closed: a rule nobody computes is a
missed reminder nobody notices)."""

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any


@dataclass(frozen=True)
class Due:
    key: str  # stable and unique in the centre, e.g. "assessment.assignment:12"
    title: str  # what must be done, in words, e.g. "Hand-in deadline: Unit 3, Assignment 1"
    due_on: date
    owner_id: int | None  # the person who must act; None: the centre's Quality Nominee
    url: str = ""  # where the owner acts on it
    rule: str = ""  # how the date was worked out, e.g. "Ten term-time working days after…"


Collect = Callable[[Any, date], Iterable[Due]]


@dataclass(frozen=True)
class Source:
    kind: str
    collect: Collect


_sources: dict[str, Source] = {}


def register(kind: str) -> Callable[[Collect], Collect]:
    """Decorator: `collect(centre, today)` yields the deadlines of `kind` (one of
    `kinds.REQUIRED`) for that centre."""
    def decorator(fn: Collect) -> Collect:
        _sources[kind] = Source(kind, fn)
        return fn

    return decorator


def sources() -> list[Source]:
    return list(_sources.values())
