"""SQLite: the online backup API copies a consistent database while the portal keeps writing.

The copy in the backup folder is the snapshot: its row counts are read from the copy
itself, so they can never disagree with what a restore brings back.
"""

import sqlite3
from collections.abc import Callable, Iterator
from contextlib import closing, contextmanager
from pathlib import Path

from django.db import connection

from danvan.backup.common import BackupError, applied_migrations, count_rows

DATABASE_FILE = "database.sqlite3"


def _tables(cursor) -> set[str]:
    cursor.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
    return {name for (name,) in cursor.fetchall()}


def _read(path: Path) -> tuple[dict[str, int], list[str]]:
    """Check a database file's integrity and return its row counts and applied migrations."""
    try:
        with closing(sqlite3.connect(f"file:{path}?mode=ro", uri=True)) as database:
            cursor = database.cursor()
            problems = [row[0] for row in cursor.execute("PRAGMA integrity_check").fetchall()]
            if problems != ["ok"]:
                raise BackupError(f"Tệp cơ sở dữ liệu {path.name} bị hỏng: {'; '.join(problems[:3])}")
            existing = _tables(cursor)
            return count_rows(cursor, existing), applied_migrations(cursor, existing)
    except sqlite3.DatabaseError as error:
        raise BackupError(f"Tệp cơ sở dữ liệu {path.name} bị hỏng hoặc không đọc được: {error}") from error


def dump(folder: Path) -> tuple[dict[str, int], list[str]]:
    """Copy the current database into `folder`; return the copy's row counts and applied migrations."""
    connection.ensure_connection()
    copy = folder / DATABASE_FILE
    with closing(sqlite3.connect(copy)) as target:
        connection.connection.backup(target)
    return _read(copy)


def _target() -> Path:
    return Path(connection.settings_dict["NAME"])


def is_empty() -> bool:
    """Whether the current database holds no table at all (a missing or zero-length file is empty)."""
    target = _target()
    if not target.exists() or target.stat().st_size == 0:
        return True
    with closing(sqlite3.connect(target)) as database:
        (objects,) = database.execute("SELECT count(*) FROM sqlite_master WHERE name NOT LIKE 'sqlite_%'").fetchone()
    return objects == 0


@contextmanager
def prepared(folder: Path, counts: dict[str, int]) -> Iterator[Callable[..., None]]:
    """Check the copy in `folder` against `counts`, then yield `load(replace=False)` that copies it into place.

    Without `replace` the database must still be empty. The backup API writes the whole
    file in one transaction, so a load that fails leaves the database as it was.
    """
    source = folder / DATABASE_FILE
    if not source.is_file():
        raise BackupError(f"Thiếu tệp {DATABASE_FILE} trong bản sao lưu.")
    found, _ = _read(source)
    if found != counts:
        raise BackupError("Tệp cơ sở dữ liệu trong bản sao lưu không khớp số dòng ghi trong manifest.json.")

    def load(*, replace: bool = False) -> None:
        if not replace and not is_empty():
            raise BackupError("Cơ sở dữ liệu đích không trống.")
        connection.close()
        try:
            with (
                closing(sqlite3.connect(f"file:{source}?mode=ro", uri=True)) as copy,
                closing(sqlite3.connect(_target())) as target,
            ):
                copy.backup(target)
        except sqlite3.Error as error:
            raise BackupError(f"Không ghi được vào cơ sở dữ liệu đích {_target()}: {error}") from error

    yield load


def clear() -> None:
    """Leave the current database empty again: remove its file and any journal beside it."""
    connection.close()
    target = _target()
    for path in (target, *(target.with_name(target.name + suffix) for suffix in ("-wal", "-shm", "-journal"))):
        path.unlink(missing_ok=True)
