"""Links other apps add to a piece of work's page, so `assessment` shows them without
importing those apps (appeals registers "Appeal against this result" from its ready()).

A provider is fn(user, submission, latest_decision) -> [(text, url), ...] (url "" for plain
text, where the person may not open the page behind it) and costs at most one query."""

from collections.abc import Callable
from typing import Any

Provider = Callable[[Any, Any, Any], list[tuple[str, str]]]
_providers: list[Provider] = []


def register(fn: Provider) -> None:
    if fn not in _providers:
        _providers.append(fn)


def links_for(user: Any, submission: Any, latest: Any) -> list[tuple[str, str]]:
    return [link for fn in _providers for link in fn(user, submission, latest)]
