"""Production settings come from the environment; a missing secret stops start-up; the
deploy checks are clean; every page carries a strict Content-Security-Policy."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PROD_ENV = {
    "DATABASE_URL": "postgres://postgres@127.0.0.1:5432/qmr",
    "REDIS_URL": "redis://127.0.0.1:6379/0",
    "SECRET_KEY": "a-long-random-production-secret-" + "k7Qz9" * 10,
    "ALLOWED_HOSTS": "quality.example-college.ac.uk",
    "DJANGO_SETTINGS_MODULE": "qmr.settings",
}


def _manage(*args, env):
    # The browser tests set DJANGO_ALLOW_ASYNC_UNSAFE for their session; production never does.
    clean = {k: v for k, v in os.environ.items()
             if k not in PROD_ENV and not k.startswith("QMR_")
             and k != "DJANGO_ALLOW_ASYNC_UNSAFE"}
    return subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env={**clean, **env},
                          capture_output=True, text=True, timeout=120)


def test_check_deploy_is_clean_in_production():
    result = _manage("check", "--deploy", "--fail-level", "WARNING", env=PROD_ENV)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


@pytest.mark.parametrize("missing", ["SECRET_KEY", "ALLOWED_HOSTS", "REDIS_URL"])
def test_a_missing_production_secret_stops_start_up(missing):
    env = {k: v for k, v in PROD_ENV.items() if k != missing}
    result = _manage("check", env=env)
    assert result.returncode != 0
    assert f"{missing} must be set" in result.stderr


def test_production_keeps_connections_with_health_checks():
    code = ("from django.conf import settings as s; d = s.DATABASES['default'];"
            "print(d['ENGINE'], d['CONN_MAX_AGE'], d['CONN_HEALTH_CHECKS'],"
            " s.CELERY_TASK_ALWAYS_EAGER, s.SESSION_COOKIE_SECURE, s.SECURE_HSTS_SECONDS)")
    result = _manage("shell", "-c", code, env=PROD_ENV)
    last_line = result.stdout.strip().splitlines()[-1]
    assert last_line.split() == ["django.db.backends.postgresql", "600", "True", "False",
                                 "True", "31536000"]


@pytest.mark.django_db
def test_pages_send_a_strict_csp_with_a_nonce(client):
    response = client.get("/accounts/login/")
    csp = response["Content-Security-Policy"]
    assert "script-src 'self' 'nonce-" in csp
    assert "unsafe-inline" not in csp and "unsafe-eval" not in csp
    assert "<script" not in response.content.decode().replace('<script src="', "")
