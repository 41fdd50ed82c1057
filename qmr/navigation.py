"""The main navigation: each app registers its links with a test on the person's grants
(read from the per-request grant cache, so the menu costs no query of its own)."""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.urls import reverse

from qmr import permissions


@dataclass(frozen=True)
class Link:
    label: str
    url_name: str
    shown_to: Callable[[Any], bool]


_links: list[Link] = []


def register(label: str, url_name: str, shown_to: Callable[[Any], bool]) -> None:
    _links.append(Link(label, url_name, shown_to))


def holding(*perms: str) -> Callable[[Any], bool]:
    """Shown to whoever holds any of `perms` on anything."""
    return lambda user: any(code in perms for _, _, code in permissions.grants_for(user))


def navigation(request: Any) -> dict:
    """Context processor: the links this person may follow."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"nav_links": []}
    current = request.path
    links = []
    for link in _links:
        if link.shown_to(user):
            url = reverse(link.url_name)
            links.append({"label": link.label, "url": url, "current": current == url})
    return {"nav_links": links}
