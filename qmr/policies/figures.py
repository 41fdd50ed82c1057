"""The figures the product enforces, shown beside the policy that states them, so a policy
that says one thing while the product does another is visible on the policy's page.

Apps register from their AppConfig.ready() (qmr imports no app):

    register_figure(PolicyKind.ASSESSMENT, "Resubmission window", lambda centre: "10 ...")

A figure the product does not enforce yet is registered with `enforced=False`, and its page
says so in words rather than pretending.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class FigureSource:
    kind: str
    label: str
    compute: Callable[[Any], str]
    enforced: bool = True


@dataclass(frozen=True)
class Figure:
    label: str
    value: str
    enforced: bool


_figures: list[FigureSource] = []


def register_figure(policy_kind: str, label: str, fn: Callable[[Any], str], *,
                    enforced: bool = True) -> None:
    """Show `fn(centre)` beside the centre's policy of `policy_kind` (idempotent by label)."""
    _figures[:] = [f for f in _figures if (f.kind, f.label) != (str(policy_kind), label)]
    _figures.append(FigureSource(str(policy_kind), label, fn, enforced))


def figures_for(centre: Any, kind: str) -> list[Figure]:
    return [Figure(f.label, f.compute(centre), f.enforced) for f in _figures if f.kind == kind]

