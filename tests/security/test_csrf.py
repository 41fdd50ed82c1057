"""Every state change refuses a request with no CSRF token, even from a person allowed to
make it; and no view opts out of the check."""

from typing import Any

import pytest
from django.apps import apps
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from tests.qmr.test_permission_matrix import ROWS, Target

pytestmark = pytest.mark.django_db

POST_ROWS = sorted(name for name, row in ROWS.items() if row[1] == "post")

# Views that may skip the CSRF check, each with the reason. None do.
EXEMPT: dict[str, str] = {}


def _allowed(name: str) -> str | None:
    """A persona the matrix lets through (a redirect, or the form shown again with its
    problems)."""
    ok = sorted(p for p, status in ROWS[name][3].items() if status not in (403, 404))
    return ok[0] if ok else None


def _counts() -> dict[str, int]:
    """Rows in every table, history tables included, so an edit shows as a new history row."""
    return {m._meta.label: m._default_manager.count() for m in apps.get_models()}


def test_every_post_row_has_a_persona_allowed_to_make_it() -> None:
    assert [name for name in POST_ROWS if _allowed(name) is None] == []


def test_a_post_without_a_csrf_token_is_refused_and_changes_nothing(world: Any) -> None:
    target = Target(world, "own")
    clients = {}  # signed in before counting: signing in itself writes sessions and logs
    for persona in {_allowed(name) for name in POST_ROWS}:
        clients[persona] = Client(enforce_csrf_checks=True)
        clients[persona].force_login(world[persona])
    before = _counts()
    wrong = {}
    for name in POST_ROWS:
        builder, _, data, _ = ROWS[name]
        persona = _allowed(name)
        client = clients[persona]
        payload = data(persona) if data else {}
        payload = {k.replace("{year}", str(target.year.pk)): v for k, v in payload.items()}
        url = reverse(name, kwargs=builder(target) if builder else None)
        response = client.post(url, payload)
        if response.status_code != 403 or b"CSRF" not in response.content:
            wrong[(name, persona)] = response.status_code
    assert wrong == {}
    assert _counts() == before


def _callbacks(resolver: URLResolver, prefix: str = "") -> dict[str, Any]:
    found = {}
    for p in resolver.url_patterns:
        if isinstance(p, URLResolver):
            found |= _callbacks(p, f"{prefix}{p.namespace}:" if p.namespace else prefix)
        elif isinstance(p, URLPattern):
            found[prefix + (p.name or str(p.pattern))] = p.callback
    return found


def test_no_view_is_csrf_exempt() -> None:
    exempt = {name for name, view in _callbacks(get_resolver()).items()
              if getattr(view, "csrf_exempt", False)}
    assert exempt == set(EXEMPT)
