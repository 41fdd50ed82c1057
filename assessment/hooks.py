"""Places on assessment's pages where apps above it add what they know, registered from their
AppConfig.ready(), so `assessment` shows it without importing them.

- `work_links`: fn(user, submission, latest_decision) -> [(text, url), ...] on a piece of
  work's page (url "" for plain text, where the person may not open the page behind it);
  appeals adds "Appeal against this result" and the adjustments that applied.
- `result_notes`: fn(cohort, unit_or_None, learner_or_None) -> [str, ...] above the tracking
  grids (a learner reading their own grid gets only the notes about themself); appeals adds
  results in doubt and open appeals.

Each provider costs a constant number of queries."""

from collections.abc import Callable
from typing import Any


class Hook:
    """The providers registered for one place; `gather` asks each and joins what they say."""

    def __init__(self) -> None:
        self._providers: list[Callable[..., list]] = []

    def register(self, fn: Callable[..., list]) -> None:
        if fn not in self._providers:
            self._providers.append(fn)

    def gather(self, *args: Any) -> list:
        return [item for fn in self._providers for item in fn(*args)]


work_links = Hook()
result_notes = Hook()
