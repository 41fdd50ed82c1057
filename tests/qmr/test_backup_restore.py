"""The restore drill (docs/backup.md): the demo centre is backed up from one PostgreSQL
database and restored into a fresh one with a fresh media folder; every table's rows and every
stored file come back. Each command runs in its own process, as an operator would run it."""

import json
import os
import subprocess
import sys
import textwrap
import uuid
from pathlib import Path

import environ
import psycopg2
import pytest
from django.core.management import CommandError, call_command
from django.db import connection

ROOT = Path(__file__).resolve().parents[2]
TEST_DATABASE_URL = os.environ.get("QMR_TEST_DATABASE_URL", "")

postgres_only = pytest.mark.skipif(
    not TEST_DATABASE_URL,
    reason="PostgreSQL only (set QMR_TEST_DATABASE_URL, as CI does): backups of the embedded "
           "SQLite default are a copy of var/.")

ADD_FILES = """
from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from assessment.models import EvidenceFile, Submission
from qmr.framework.models import Measure
from qmr.review.models import PackDocument, ReviewCycle

submission = Submission.objects.select_related("learner").first()
EvidenceFile.objects.create(submission=submission, name="hand-in.pdf", size=15,
                            file=ContentFile(b"%PDF-1.4 hand-in", name="hand-in.pdf"))
cycle = ReviewCycle.objects.first()
PackDocument.objects.create(
    cycle=cycle, measure=Measure.objects.first(), title="Assessment policy",
    file=ContentFile(bytes(range(256)) * 40, name="policy.bin"),
    uploaded_by=get_user_model().objects.first())
"""

# Every file named by any FileField of any model, with the SHA-256 of its bytes.
LIST_FILES = """
import hashlib, json
from django.apps import apps
from django.db.models import FileField
out = {}
for model in apps.get_models():
    for field in model._meta.get_fields():
        if isinstance(field, FileField):
            for pk, name in model._base_manager.exclude(**{field.name: ""}).values_list(
                    "pk", field.name):
                with open(field.storage.path(name), "rb") as f:
                    out[f"{model._meta.label}.{field.name}:{pk}:{name}"] = hashlib.sha256(
                        f.read()).hexdigest()
print(json.dumps(out))
"""

SHELL = ("shell", "--no-imports", "-c")
MAIN_TABLES = ["qmr_centre", "registrations_learner", "assessment_decision", "policies_policy",
               "verification_decisionverification", "appeals_appeal", "assessment_evidencefile",
               "review_packdocument"]


def _server() -> dict:
    config = environ.Env.db_url_config(TEST_DATABASE_URL)
    return {"host": config.get("HOST") or "127.0.0.1", "port": config.get("PORT") or 5432,
            "user": config.get("USER") or "postgres", "password": config.get("PASSWORD") or None}


def _admin(sql: str) -> None:
    conn = psycopg2.connect(dbname="postgres", **_server())
    conn.autocommit = True
    with conn.cursor() as cur:
        cur.execute(sql)
    conn.close()


def _counts(name: str) -> dict[str, int]:
    conn = psycopg2.connect(dbname=name, **_server())
    with conn.cursor() as cur:
        cur.execute("SELECT tablename FROM pg_tables WHERE schemaname = 'public'")
        tables = sorted(t for (t,) in cur.fetchall())
        counts = {}
        for table in tables:
            cur.execute(f'SELECT count(*) FROM "{table}"')
            counts[table] = cur.fetchone()[0]
    conn.close()
    return counts


@pytest.fixture
def scratch(tmp_path):
    """Two scratch databases (source and target) and the settings to reach each one."""
    token = uuid.uuid4().hex[:10]
    names = {"source": f"qmr_backup_src_{token}", "target": f"qmr_backup_dst_{token}"}
    for name in names.values():
        _admin(f'CREATE DATABASE "{name}"')
    # The test settings with MEDIA_ROOT taken from the environment, for the child processes.
    (tmp_path / "backup_drill_settings.py").write_text(textwrap.dedent("""
        import os
        from qmr.settings_test import *  # noqa: F403
        MEDIA_ROOT = os.environ["QMR_DRILL_MEDIA_ROOT"]
    """))
    server = _server()
    auth = server["user"] + (f":{server['password']}" if server["password"] else "")

    def manage(db: str, media: Path, *args: str) -> subprocess.CompletedProcess:
        env = {**os.environ, "DJANGO_SETTINGS_MODULE": "backup_drill_settings",
               "PYTHONPATH": os.pathsep.join([str(tmp_path), str(ROOT)]),
               "QMR_TEST_DATABASE_URL":
                   f"postgres://{auth}@{server['host']}:{server['port']}/{names[db]}",
               "QMR_DRILL_MEDIA_ROOT": str(media)}
        env.pop("DATABASE_URL", None)
        return subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=env,
                              capture_output=True, text=True, timeout=600)

    yield names, manage
    for name in names.values():
        _admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _ok(result: subprocess.CompletedProcess) -> str:
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stdout


@postgres_only
def test_the_demo_centre_comes_back_whole_from_a_backup(scratch, tmp_path):
    names, manage = scratch
    media, fresh_media = tmp_path / "media", tmp_path / "restored-media"
    _ok(manage("source", media, "migrate", "--noinput", "-v0"))
    _ok(manage("source", media, "load_demo"))
    _ok(manage("source", media, *SHELL, ADD_FILES))
    archive = tmp_path / "backup.tar.gz"
    out = _ok(manage("source", media, "backup", "--output", str(archive)))
    assert "Backed up database" in out and archive.stat().st_size > 0

    out = _ok(manage("target", fresh_media, "restore", str(archive)))
    assert f"Restored the backup of {names['source']}" in out

    before, after = _counts(names["source"]), _counts(names["target"])
    assert after == before
    for table in MAIN_TABLES:
        assert before[table] > 0, f"the demo has no rows in {table}"
    files_before = json.loads(_ok(manage("source", media, *SHELL, LIST_FILES)))
    files_after = json.loads(_ok(manage("target", fresh_media, *SHELL, LIST_FILES)))
    assert files_after == files_before
    assert any(k.startswith("assessment.EvidenceFile.file") for k in files_after)
    assert any(k.startswith("review.PackDocument.file") for k in files_after)

    again = manage("target", fresh_media, "restore", str(archive))
    assert again.returncode != 0
    assert "already holds" in again.stderr and "--force" in again.stderr


@postgres_only
def test_a_damaged_archive_is_refused_before_anything_changes(scratch, tmp_path):
    names, manage = scratch
    media = tmp_path / "media"
    media.mkdir()
    (media / "note.txt").write_text("kept")
    _ok(manage("source", media, "migrate", "--noinput", "-v0"))
    archive = tmp_path / "backup.tar.gz"
    _ok(manage("source", media, "backup", "--output", str(archive)))
    data = bytearray(archive.read_bytes())
    data[len(data) // 2] ^= 0xFF
    archive.write_bytes(bytes(data))
    result = manage("target", tmp_path / "fresh", "restore", str(archive))
    assert result.returncode != 0
    assert "nothing was restored" in result.stderr or "Could not read" in result.stderr
    assert _counts(names["target"]) == {}


@pytest.mark.django_db
def test_the_commands_refuse_what_they_cannot_back_up(monkeypatch):
    if connection.vendor == "sqlite":
        with pytest.raises(CommandError, match="copy the var/ folder"):
            call_command("backup")
        return
    monkeypatch.setenv("PATH", "/nonexistent")
    with pytest.raises(CommandError, match="pg_dump was not found"):
        call_command("backup")
    with pytest.raises(CommandError, match="pg_restore was not found"):
        call_command("restore", "backup.tar.gz")
