"""The kinds of job, each registered by the app that owns the work: what it is called, who
may ask for it and read its result, and the function that does it. Fails closed: a job whose
kind is not registered fails with a message instead of running anything."""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

Progress = Callable[[int, int, str], None]


@dataclass(frozen=True)
class Kind:
    name: str
    run: Callable[[Any, Progress], tuple[str, bytes]]
    may_read: Callable[[Any, Any], bool]


_kinds: dict[str, Kind] = {}


def register(name: str, *, may_read: Callable[[Any, Any], bool]) -> Callable:
    """Decorator: `run(job, progress) -> (filename, content)` becomes the job kind `name`;
    `may_read(user, job)` says who may see it and download its result (everyone else: 404).
    `progress(done, total, step)` records how far it has got."""
    def decorator(fn: Callable[[Any, Progress], tuple[str, bytes]]) -> Callable:
        _kinds[name] = Kind(name, fn, may_read)
        return fn

    return decorator


def kind(name: str) -> Kind | None:
    return _kinds.get(name)
