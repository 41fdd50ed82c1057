"""The check runs before there is a database (makemigrations, migrate on a fresh one, a
build's `check`): it falls back to the shipped content and never raises. No database here."""

import sqlite3
import subprocess
import sys
from pathlib import Path

from qmr import evidence
from qmr.evidence import Evidence, Status
from qmr.framework.checks import database_codes, providers_name_known_measures


def test_without_database_access_the_shipped_codes_are_used():
    assert database_codes() == set()
    assert providers_name_known_measures() == []


def test_an_unknown_measure_still_fails_without_a_database():
    evidence.register("tests.no_db", "QO.11.1", "x")(
        lambda centre: Evidence("QO.11.1", "x", Status.IN_PLACE, ""))
    try:
        assert [e.id for e in providers_name_known_measures()] == ["qmr.E002"]
    finally:
        evidence.unregister("tests.no_db")


def test_migrate_on_a_fresh_database_passes_the_checks_and_loads_the_framework(tmp_path):
    """`migrate` runs the system checks first, when no table exists yet."""
    path = tmp_path / "fresh.sqlite3"
    root = Path(__file__).resolve().parents[2]
    env = {"SQLITE_PATH": str(path), "PATH": "/usr/bin:/bin",
           "DJANGO_SETTINGS_MODULE": "qmr.settings"}
    done = subprocess.run([sys.executable, "manage.py", "migrate", "-v0"], cwd=root, env=env,
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    with sqlite3.connect(path) as db:
        # 50 measures in each shipped version: 2016-17 and the current quality assurance.
        assert db.execute("select count(*) from framework_measure").fetchone() == (100,)
