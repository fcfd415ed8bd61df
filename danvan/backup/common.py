"""What both database engines share: the manifest's name, the error every step raises, and row counting."""

import os
import subprocess

from django.apps import apps

MANIFEST = "manifest.json"


class BackupError(Exception):
    """A backup or restore that cannot go on; the message (in Vietnamese) says why and what to do."""


def model_tables() -> list[str]:
    """Return the table of every model the portal manages, sorted."""
    return sorted(
        {
            model._meta.db_table
            for model in apps.get_models(include_auto_created=True)
            if model._meta.managed and not model._meta.proxy
        }
    )


def quote(name: str) -> str:
    """Quote an identifier for SQLite and PostgreSQL alike."""
    return '"' + name.replace('"', '""') + '"'


def count_rows(cursor, existing: set[str]) -> dict[str, int]:
    """Count the rows of every model table in `existing`, through `cursor` (so inside its transaction)."""
    counts = {}
    for table in model_tables():
        if table in existing:
            cursor.execute(f"SELECT count(*) FROM {quote(table)}")
            counts[table] = cursor.fetchone()[0]
    return counts


def applied_migrations(cursor, existing: set[str]) -> list[str]:
    """Return the applied migrations as `app.name`, read through `cursor`."""
    if "django_migrations" not in existing:
        return []
    cursor.execute("SELECT app, name FROM django_migrations")
    return sorted(f"{app}.{name}" for app, name in cursor.fetchall())


def run(command: list[str], *, what: str, env: dict[str, str] | None = None) -> None:
    """Run a database tool; on failure raise BackupError naming `what` failed, with the tool's last words."""
    try:
        subprocess.run(command, check=True, capture_output=True, text=True, env={**os.environ, **(env or {})})
    except FileNotFoundError as error:
        raise BackupError(f"Không tìm thấy chương trình {command[0]} (cần cài gói postgresql-client).") from error
    except subprocess.CalledProcessError as error:
        detail = " ".join((error.stderr or error.stdout or "").strip().splitlines()[-3:])
        raise BackupError(f"{what} không thành công: {detail}") from error
