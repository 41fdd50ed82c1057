"""Back up the centre's records: one tar.gz holding a pg_dump of the database (custom format)
and every file under MEDIA_ROOT, with a manifest of checksums that `restore` verifies.
See docs/backup.md."""

import hashlib
import io
import json
import os
import shutil
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import DEFAULT_DB_ALIAS, connections
from django.utils import timezone

FORMAT = 1
DUMP_NAME = "database.dump"
MANIFEST_NAME = "manifest.json"
MEDIA_PREFIX = "media/"


def require_postgresql(alias: str, tool: str) -> dict:
    """The connection settings of `alias`, refusing what these commands cannot handle."""
    connection = connections[alias]
    if connection.vendor != "postgresql":
        raise CommandError(
            "This database is the embedded SQLite default. To back it up, stop the app and "
            "copy the var/ folder (the database file and media/); to restore, copy it back. "
            "The backup and restore commands are for PostgreSQL.")
    if shutil.which(tool) is None:
        raise CommandError(
            f"{tool} was not found on the PATH. Install the PostgreSQL client tools "
            "(the same major version as the server, or newer) and try again.")
    return connection.settings_dict


def pg_args(db: dict) -> tuple[list[str], dict]:
    """Command-line connection options and environment (the password) for pg_dump/pg_restore."""
    args = []
    for flag, key in (("--host", "HOST"), ("--port", "PORT"), ("--username", "USER")):
        if db.get(key):
            args.append(f"{flag}={db[key]}")
    env = {**os.environ}
    if db.get("PASSWORD"):
        env["PGPASSWORD"] = str(db["PASSWORD"])
    return args, env


def sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


class Command(BaseCommand):
    help = ("Write one archive (tar.gz) holding a dump of the PostgreSQL database and the "
            "media files, with a manifest of checksums. See docs/backup.md.")

    def add_arguments(self, parser):
        parser.add_argument(
            "--output", "-o",
            help="Where to write the archive; '-' writes it to standard output. "
                 "Default: qmr-backup-<date>-<time>.tar.gz in the current folder.")
        parser.add_argument("--database", default=DEFAULT_DB_ALIAS,
                            help="The database alias to back up (default: default).")

    def handle(self, *args, **options):
        db = require_postgresql(options["database"], "pg_dump")
        created_at = timezone.now()
        output = options["output"] or f"qmr-backup-{created_at:%Y%m%d-%H%M%S}.tar.gz"
        media_root = Path(settings.MEDIA_ROOT)
        with tempfile.TemporaryDirectory(prefix="qmr-backup-") as work:
            dump = Path(work) / DUMP_NAME
            conn_args, env = pg_args(db)
            result = subprocess.run(
                ["pg_dump", "--format=custom", f"--file={dump}", *conn_args, db["NAME"]],
                env=env, capture_output=True, text=True)
            if result.returncode != 0:
                raise CommandError(f"pg_dump failed: {result.stderr.strip()}")
            media = sorted(p for p in media_root.rglob("*") if p.is_file()) \
                if media_root.is_dir() else []
            checksums = {DUMP_NAME: sha256(dump)}
            for path in media:
                checksums[MEDIA_PREFIX + path.relative_to(media_root).as_posix()] = sha256(path)
            manifest = {
                "format": FORMAT,
                "created_at": created_at.isoformat(),
                "database": db["NAME"],
                "media_files": len(media),
                "sha256": checksums,
            }
            self._write(output, manifest, dump, media, media_root)
        if output != "-":
            self.stdout.write(self.style.SUCCESS(
                f"Backed up database {db['NAME']} and {len(media)} media files to {output}."))

    def _write(self, output, manifest, dump, media, media_root):
        fileobj = sys.stdout.buffer if output == "-" else None
        name = None if output == "-" else output
        mode = "w|gz" if output == "-" else "w:gz"
        with tarfile.open(name=name, fileobj=fileobj, mode=mode) as tar:
            data = json.dumps(manifest, indent=2).encode()
            info = tarfile.TarInfo(MANIFEST_NAME)
            info.size = len(data)
            info.mtime = int(timezone.now().timestamp())
            tar.addfile(info, io.BytesIO(data))  # first, so a reader sees it before the rest
            tar.add(dump, arcname=DUMP_NAME)
            for path in media:
                tar.add(path, arcname=MEDIA_PREFIX + path.relative_to(media_root).as_posix())
