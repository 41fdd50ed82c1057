"""Every page, served with the production settings over HTTPS, carries the security headers."""

import json
from typing import Any

import pytest
from django.test import Client, override_settings
from django.urls import reverse

from tests.qmr.test_permission_matrix import ROWS, Target
from tests.qmr.test_settings import PROD_ENV, _manage

pytestmark = pytest.mark.django_db

GET_ROWS = sorted(name for name, row in ROWS.items() if row[1] == "get")
# What production sets (read from qmr.settings with DATABASE_URL set, not copied here).
PRODUCTION = ["DEBUG", "SECURE_SSL_REDIRECT", "SECURE_HSTS_SECONDS",
              "SECURE_HSTS_INCLUDE_SUBDOMAINS", "SECURE_HSTS_PRELOAD",
              "SECURE_CONTENT_TYPE_NOSNIFF", "SECURE_REFERRER_POLICY", "X_FRAME_OPTIONS",
              "SESSION_COOKIE_SECURE", "CSRF_COOKIE_SECURE", "PERMISSIONS_POLICY"]


@pytest.fixture(scope="module")
def production() -> dict[str, Any]:
    code = ("import json; from django.conf import settings as s; "
            f"print(json.dumps({{n: getattr(s, n) for n in {PRODUCTION!r}}}))")
    result = _manage("shell", "-c", code, env=PROD_ENV)
    assert result.returncode == 0, result.stderr
    values = json.loads(result.stdout.strip().splitlines()[-1])
    assert values["DEBUG"] is False and values["SECURE_HSTS_SECONDS"] > 0
    return values


def _problems(response: Any) -> list[str]:
    h = response.headers
    csp = h.get("Content-Security-Policy", "")
    directives = {d.split()[0]: d for d in (p.strip() for p in csp.split(";")) if d}
    script_src = directives.get("script-src", directives.get("default-src", ""))
    problems = []
    if not csp:
        problems.append("no Content-Security-Policy")
    elif not script_src or "'unsafe-inline'" in script_src or "'unsafe-eval'" in script_src:
        problems.append(f"weak script-src: {script_src!r}")
    if "max-age=" not in h.get("Strict-Transport-Security", ""):
        problems.append("no Strict-Transport-Security")
    if h.get("X-Frame-Options") != "DENY" and "frame-ancestors 'none'" not in csp:
        problems.append("may be framed")
    if not h.get("Referrer-Policy"):
        problems.append("no Referrer-Policy")
    if "camera=()" not in h.get("Permissions-Policy", ""):
        problems.append("no Permissions-Policy")
    if h.get("X-Content-Type-Options") != "nosniff":
        problems.append("no X-Content-Type-Options: nosniff")
    return problems


def test_every_page_sends_the_security_headers(world: Any, production: dict) -> None:
    target = Target(world, "own")
    missing = {}
    with override_settings(**production):
        for name in GET_ROWS:
            builder, _, _, expected = ROWS[name]
            persona = next((p for p in sorted(expected) if expected[p] == 200), None)
            if persona is None:  # a page that only redirects: no body to protect
                continue
            client = Client()  # made inside the override: middleware reads settings once
            client.force_login(world[persona])
            url = reverse(name, kwargs=builder(target) if builder else None)
            response = client.get(url, secure=True)
            if response.status_code != 200:
                missing[name] = [f"answered {response.status_code} to {persona}"]
            elif problems := _problems(response):
                missing[name] = problems
    assert missing == {}


def test_the_sign_in_page_sends_them_too(production: dict) -> None:
    with override_settings(**production):
        response = Client().get(reverse("login"), secure=True)
    assert response.status_code == 200
    assert _problems(response) == []
