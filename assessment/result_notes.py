"""Notes other apps add above a cohort's tracking grids, so `assessment` shows them without
importing those apps (appeals: results in doubt after an appeal, and open appeals).

A provider is fn(cohort, unit_or_None, learner_or_None) -> [str, ...] in a constant number of
queries; a learner reading their own grid gets only the notes about themself."""

from collections.abc import Callable
from typing import Any

Provider = Callable[[Any, Any, Any], list[str]]
_providers: list[Provider] = []


def register(fn: Provider) -> None:
    if fn not in _providers:
        _providers.append(fn)


def notes_for(cohort: Any, unit: Any = None, learner: Any = None) -> list[str]:
    return [note for fn in _providers for note in fn(cohort, unit, learner)]
