"""Taking a backup: the database in one snapshot, its row counts from that snapshot, then the files."""

import json
from datetime import datetime
from pathlib import Path
from types import ModuleType

from django.conf import settings
from django.db import connection

from danvan.backup import media, postgres, sqlite
from danvan.backup.common import MANIFEST, BackupError

FORMAT = 2  # 2: counts from the dump's own snapshot, and the SHA-256 of every media file


def engine() -> ModuleType:
    """The module that dumps and loads the current database's engine."""
    if connection.vendor == "sqlite":
        return sqlite
    if connection.vendor == "postgresql":
        return postgres
    raise BackupError(f"Không hỗ trợ sao lưu cơ sở dữ liệu {connection.vendor}.")


def backup(output: Path) -> dict:
    """Write a backup of the current database and MEDIA_ROOT into the new folder `output`; return its manifest.

    Safe while the portal runs: the row counts come from the very snapshot that was dumped.
    Files uploaded after that snapshot may be archived too; they are harmless extras. The
    manifest is written last, so a folder without one is an interrupted backup, never restored.
    """
    if output.exists() and any(output.iterdir()):
        raise BackupError(f"Thư mục {output} đã có dữ liệu; hãy chọn một thư mục mới cho bản sao lưu.")
    output.mkdir(parents=True, exist_ok=True)
    counts, migrations = engine().dump(output)
    files = media.archive(Path(settings.MEDIA_ROOT), output / media.ARCHIVE)
    manifest = {
        "format": FORMAT,
        "created_at": datetime.now().astimezone().isoformat(timespec="seconds"),
        "engine": connection.vendor,
        "migrations": migrations,
        "row_counts": counts,
        "media": files,
    }
    (output / MANIFEST).write_text(json.dumps(manifest, ensure_ascii=False, indent=2), encoding="utf-8")
    return manifest
