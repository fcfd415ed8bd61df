"""Backup and restore of the database and the uploaded files, checked against a manifest.

A backup is a folder holding:
- `database.sqlite3` (SQLite's online backup API) or `database.dump` (`pg_dump --format=custom`
  reading an exported snapshot), consistent while the portal keeps writing;
- `media.tar.gz`, every file under MEDIA_ROOT;
- `manifest.json`, written last: when, which engine, the applied migrations, the row count of
  every table read in the dumped snapshot itself, and the SHA-256 of every media file.

A restore refuses a target that holds data unless forced, keeps a copy of what it
replaces, and undoes itself when any check fails (see `danvan.backup.restore`).
"""

from danvan.backup.common import MANIFEST, BackupError
from danvan.backup.restore import Restored, read_manifest, restore, verify
from danvan.backup.take import backup

__all__ = ["MANIFEST", "BackupError", "Restored", "backup", "read_manifest", "restore", "verify"]
