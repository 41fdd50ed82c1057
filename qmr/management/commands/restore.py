"""Restore an archive made by `backup` into the configured database and MEDIA_ROOT. Checks
every checksum before touching anything, and refuses a database or media folder that already
holds something unless --force is given. See docs/backup.md."""

import json
import shutil
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import DEFAULT_DB_ALIAS, connections

from qmr.management.commands.backup import (
    DUMP_NAME,
    FORMAT,
    MANIFEST_NAME,
    MEDIA_PREFIX,
    pg_args,
    require_postgresql,
    sha256,
)


class Command(BaseCommand):
    help = ("Restore a backup archive into the configured PostgreSQL database (which must be "
            "empty, or --force) and MEDIA_ROOT. See docs/backup.md.")

    def add_arguments(self, parser):
        parser.add_argument("archive", help="The archive made by backup; '-' reads standard input.")
        parser.add_argument("--database", default=DEFAULT_DB_ALIAS,
                            help="The database alias to restore into (default: default).")
        parser.add_argument(
            "--force", action="store_true",
            help="Replace what the database and media folder already hold.")

    def handle(self, *args, **options):
        alias, force = options["database"], options["force"]
        db = require_postgresql(alias, "pg_restore")
        media_root = Path(settings.MEDIA_ROOT)
        with tempfile.TemporaryDirectory(prefix="qmr-restore-") as work:
            work = Path(work)
            manifest = self._unpack(options["archive"], work)
            tables = connections[alias].introspection.table_names()
            if tables and not force:
                raise CommandError(
                    f"Database {db['NAME']} already holds {len(tables)} tables. Restore into an "
                    "empty database, or pass --force to replace what is there.")
            if media_root.is_dir() and any(media_root.iterdir()) and not force:
                raise CommandError(
                    f"The media folder {media_root} is not empty. Restore into an empty "
                    "folder, or pass --force to write over the files with the same names.")
            connections[alias].close()  # pg_restore --clean must not wait on our own session
            conn_args, env = pg_args(db)
            command = ["pg_restore", "--no-owner", "--no-privileges", "--exit-on-error",
                       "--single-transaction", f"--dbname={db['NAME']}", *conn_args]
            if force:
                command += ["--clean", "--if-exists"]
            result = subprocess.run([*command, str(work / DUMP_NAME)], env=env,
                                    capture_output=True, text=True)
            if result.returncode != 0:
                raise CommandError(f"pg_restore failed: {result.stderr.strip()}")
            media_root.mkdir(parents=True, exist_ok=True)
            unpacked = work / MEDIA_PREFIX
            if unpacked.is_dir():
                shutil.copytree(unpacked, media_root, dirs_exist_ok=True)
        self.stdout.write(self.style.SUCCESS(
            f"Restored the backup of {manifest['database']} made {manifest['created_at']} into "
            f"database {db['NAME']}, with {manifest['media_files']} media files in {media_root}."))

    def _unpack(self, archive: str, work: Path) -> dict:
        """Extract the archive into `work` and check it against its manifest."""
        try:
            source = {"fileobj": sys.stdin.buffer, "mode": "r|gz"} if archive == "-" \
                else {"name": archive, "mode": "r:gz"}
            with tarfile.open(**source) as tar:
                tar.extractall(work, filter="data")  # refuses absolute paths and "..", links out
        except (OSError, tarfile.TarError) as e:
            raise CommandError(f"Could not read the archive {archive}: {e}") from e
        try:
            manifest = json.loads((work / MANIFEST_NAME).read_text())
        except (OSError, ValueError) as e:
            raise CommandError(f"{archive} is not a backup made by this app: no manifest.") from e
        if manifest.get("format") != FORMAT:
            raise CommandError(f"{archive} is a backup of format {manifest.get('format')}; "
                               f"this version restores format {FORMAT}.")
        expected = manifest["sha256"]
        present = {p.relative_to(work).as_posix() for p in work.rglob("*") if p.is_file()}
        present.discard(MANIFEST_NAME)
        problems = sorted(name for name, digest in expected.items()
                          if not (work / name).is_file() or sha256(work / name) != digest)
        problems += sorted(present - set(expected))
        if problems:
            raise CommandError(
                f"{archive} does not match its manifest (damaged or altered); nothing was "
                f"restored. Files that differ: {', '.join(problems[:10])}.")
        return manifest
