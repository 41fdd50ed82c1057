"""The centre's qualification approvals, as the re-declaration lists them. They are the
programmes `registrations` keeps, so that app registers the one lookup from its ready();
qmr never imports it. Fails closed: with nothing registered, the system check `review.E002`
stops start-up (a declaration that silently listed no approvals would be worse than none)."""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.core.checks import Error
from django.core.checks import register as register_check


@dataclass(frozen=True)
class Approval:
    code: str
    title: str


_lookup: list[Callable[[Any], list[Approval]]] = []


def register(fn: Callable[[Any], list[Approval]]) -> Callable:
    """`fn(centre) -> [Approval]` in one query: what the centre is approved to deliver."""
    _lookup[:] = [fn]
    return fn


def for_centre(centre: Any) -> list[Approval]:
    if not _lookup:
        raise LookupError("No lookup of qualification approvals is registered.")
    return _lookup[0](centre)


@register_check()
def approvals_registered(app_configs: Any = None, **kwargs: Any) -> list[Error]:
    if _lookup:
        return []
    return [Error("Nothing tells the review which qualifications the centre is approved for.",
                  id="review.E002", hint="registrations registers it from its ready().")]
