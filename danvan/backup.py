"""Backup and restore of the database and the uploaded files, with a manifest to check a restore against.

A backup is a folder holding:
- `database.sqlite3` (SQLite's online backup, safe while the portal runs) or `database.dump`
  (`pg_dump --format=custom` for PostgreSQL);
- `media.tar.gz`, every file under MEDIA_ROOT;
- `manifest.json`: when, which database engine, the applied migrations, and the row count of
  every table, so a restore can be verified.
"""

import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
from datetime import datetime
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.db import connection
from django.db.migrations.recorder import MigrationRecorder

MANIFEST = "manifest.json"


def row_counts() -> dict[str, int]:
    """Return the number of rows of every model's table, keyed by table name."""
    counts = {}
    for model in apps.get_models(include_auto_created=True):
        if model._meta.managed and not model._meta.proxy:
            counts[model._meta.db_table] = model._base_manager.using(connection.alias).count()
    return dict(sorted(counts.items()))


def _pg_environment(database: dict) -> dict[str, str]:
    env = {**os.environ, "PGPASSWORD": str(database.get("PASSWORD") or "")}
    return env


def _pg_args(database: dict) -> list[str]:
    args = []
    if database.get("HOST"):
        args += ["--host", str(database["HOST"])]
    if database.get("PORT"):
        args += ["--port", str(database["PORT"])]
    if database.get("USER"):
        args += ["--username", str(database["USER"])]
    return args


def backup(output: Path) -> dict:
    """Write a backup of the current database and MEDIA_ROOT into the folder `output`; return its manifest."""
    output.mkdir(parents=True, exist_ok=True)
    database = connection.settings_dict
    if connection.vendor == "sqlite":
        connection.ensure_connection()
        target = sqlite3.connect(output / "database.sqlite3")
        with target:
            connection.connection.backup(target)
        target.close()
    elif connection.vendor == "postgresql":
        subprocess.run(
            [
                "pg_dump",
                "--format=custom",
                "--no-owner",
                "--file",
                str(output / "database.dump"),
                *_pg_args(database),
                database["NAME"],
            ],
            check=True,
            env=_pg_environment(database),
            capture_output=True,
        )
    else:  # pragma: no cover - the portal supports SQLite and PostgreSQL only
        raise RuntimeError(f"Không hỗ trợ sao lưu cơ sở dữ liệu {connection.vendor}.")
    with tarfile.open(output / "media.tar.gz", "w:gz") as archive:
        media = Path(settings.MEDIA_ROOT)
        if media.exists():
            archive.add(media, arcname="media")
    manifest = {
        "created_at": datetime.now().astimezone().isoformat(timespec="seconds"),
        "engine": connection.vendor,
        "migrations": sorted(f"{app}.{name}" for app, name in MigrationRecorder(connection).applied_migrations()),
        "row_counts": row_counts(),
    }
    (output / MANIFEST).write_text(json.dumps(manifest, ensure_ascii=False, indent=2), encoding="utf-8")
    return manifest


def restore(source: Path, *, database: dict | None = None, media_root: Path | None = None) -> dict:
    """Restore the backup in `source` into `database` (default: the current one) and `media_root`; return the manifest.

    The target database should be empty (a new database); for SQLite the file is replaced.
    """
    manifest = json.loads((source / MANIFEST).read_text(encoding="utf-8"))
    database = database or connection.settings_dict
    engine = "sqlite" if "sqlite" in database["ENGINE"] else "postgresql"
    if engine != manifest["engine"]:
        raise RuntimeError(f"Bản sao lưu là của {manifest['engine']}, không khôi phục vào {engine} được.")
    if engine == "sqlite":
        connection.close()
        shutil.copyfile(source / "database.sqlite3", database["NAME"])
    else:
        subprocess.run(
            [
                "pg_restore",
                "--no-owner",
                "--exit-on-error",
                "--dbname",
                database["NAME"],
                *_pg_args(database),
                str(source / "database.dump"),
            ],
            check=True,
            env=_pg_environment(database),
            capture_output=True,
        )
    media_root = Path(media_root or settings.MEDIA_ROOT)
    with tarfile.open(source / "media.tar.gz", "r:gz") as archive:
        members = [m for m in archive.getmembers() if m.name == "media" or m.name.startswith("media/")]
        media_root.mkdir(parents=True, exist_ok=True)
        for member in members:
            member.name = member.name.removeprefix("media").lstrip("/")
            if member.name:
                archive.extract(member, media_root, filter="data")
    return manifest
