"""Restoring a backup: only into an empty database, unless --force, which keeps a copy of what it replaces.

Every file is checked against its SHA-256 before anything is touched; the database is
loaded (on PostgreSQL in one transaction, row counts included); the files are moved into
MEDIA_ROOT; then the row counts and every issued PDF's SHA-256 are checked again. A
failure at any step puts the target back as it was (empty, or the replaced data), so
the same command can simply be run again.
"""

import hashlib
import json
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.core.cache import cache
from django.db import connection

from danvan.backup import media
from danvan.backup.common import MANIFEST, BackupError, count_rows
from danvan.backup.take import FORMAT, backup, engine


@dataclass(frozen=True)
class Restored:
    manifest: dict
    rows: int
    files: int
    issued_pdfs: int
    kept: Path | None  # the backup of what --force replaced


def read_manifest(source: Path) -> dict:
    """Return the manifest of the backup in `source`, refusing a folder that is not a complete, current backup."""
    path = source / MANIFEST
    if not path.is_file():
        raise BackupError(
            f"Không thấy {MANIFEST} trong {source}: đây không phải bản sao lưu, hoặc bản sao lưu chưa xong."
        )
    try:
        manifest = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        raise BackupError(f"Tệp {MANIFEST} trong {source} bị hỏng: {error}") from error
    if manifest.get("format") != FORMAT:
        raise BackupError(
            "Bản sao lưu này theo định dạng cũ (số dòng không đếm cùng lúc với bản sao, không có mã SHA-256 "
            "của các tệp) nên không kiểm tra được khi khôi phục. Hãy sao lưu lại bằng phiên bản hiện tại."
        )
    return manifest


def issued_pdf_problems() -> tuple[int, list[str]]:
    """Check every stored issued PDF against the SHA-256 kept with it; return how many were checked and problems."""
    checked, problems = 0, []
    for model in apps.get_models():
        names = {field.name for field in model._meta.get_fields()}
        if not {"issued_pdf", "issued_pdf_sha256"} <= names:
            continue
        storage = model._meta.get_field("issued_pdf").storage
        issued = model._base_manager.exclude(issued_pdf_sha256="").values_list("pk", "issued_pdf", "issued_pdf_sha256")
        for pk, name, expected in issued:
            checked += 1
            try:
                with storage.open(name, "rb") as stored:
                    found = hashlib.file_digest(stored, "sha256").hexdigest()
            except OSError:
                problems.append(f"{model._meta.verbose_name} #{pk}: thiếu tệp {name}")
                continue
            if found != expected:
                problems.append(f"{model._meta.verbose_name} #{pk}: tệp {name} không khớp SHA-256")
    return checked, problems


def verify(manifest: dict) -> tuple[int, int]:
    """Check the current database against the manifest's row counts and every issued PDF's SHA-256.

    Return the number of rows and of issued PDFs checked; raise BackupError listing every difference.
    """
    with connection.cursor() as cursor:
        counts = count_rows(cursor, set(connection.introspection.table_names(cursor)))
    differences = [
        f"{table}: sao lưu {expected}, hiện có {counts.get(table)}"
        for table, expected in manifest["row_counts"].items()
        if counts.get(table) != expected
    ]
    checked, problems = issued_pdf_problems()
    if differences:
        problems.insert(0, "Số dòng không khớp với bản sao lưu: " + "; ".join(differences))
    if problems:
        raise BackupError(" ".join(f"{problem}." for problem in problems))
    return sum(counts.values()), checked


def restore(source: Path, *, force: bool = False, keep: Path | None = None) -> Restored:
    """Restore the backup in `source` into the current database and MEDIA_ROOT, then verify it.

    The database must be empty and MEDIA_ROOT must hold no file the backup would change;
    with `force`, both are replaced after a backup of them is written to `keep`.
    """
    manifest = read_manifest(source)
    if manifest["engine"] != connection.vendor:
        raise BackupError(f"Bản sao lưu là của {manifest['engine']}, không khôi phục vào {connection.vendor} được.")
    database = engine()
    occupied = not database.is_empty()
    if occupied and not force:
        raise BackupError(
            f"Cơ sở dữ liệu đích ({connection.settings_dict['NAME']}) không trống: khôi phục sẽ ghi đè dữ liệu đang có. "
            "Hãy khôi phục vào một cơ sở dữ liệu mới, trống; hoặc thêm --force để thay thế "
            "(một bản sao lưu của dữ liệu cũ sẽ được giữ lại trước)."
        )
    media_root = Path(settings.MEDIA_ROOT)
    kept = kept_manifest = None
    # The backup is checked whole (database and files) before the target is touched.
    with database.prepared(source, manifest["row_counts"]) as load:
        staging = media.stage(source, manifest["media"], media_root)
        try:
            clashing = media.conflicts(staging, media_root)
            if clashing and not force:
                raise BackupError(
                    f"Thư mục media ({media_root}) đã có {len(clashing)} tệp khác với bản sao lưu "
                    f"(ví dụ {clashing[0]}). Hãy khôi phục vào thư mục media trống, hoặc thêm --force để thay thế "
                    "(một bản sao lưu của các tệp cũ sẽ được giữ lại trước)."
                )
            if occupied or clashing:
                kept = keep or Path(settings.BASE_DIR) / "backups" / datetime.now().strftime(
                    "before-restore-%Y%m%d-%H%M%S"
                )
                kept_manifest = backup(kept)
            load(replace=occupied)
        except BaseException:
            shutil.rmtree(staging, ignore_errors=True)
            raise

    placed = None

    def undo() -> None:
        if placed:
            placed.undo()
        if occupied:
            with database.prepared(kept, kept_manifest["row_counts"]) as load_kept:
                load_kept(replace=True)
        else:
            database.clear()

    try:
        placed = media.place(staging, media_root)
        rows, issued = verify(manifest)
    except BackupError as error:
        _undo(undo, error, kept)
        copy = f" Bản sao lưu của dữ liệu cũ vẫn ở {kept}." if kept else ""
        raise BackupError(
            f"{error} Đã trả lại cơ sở dữ liệu và thư mục media như trước; có thể chạy lại lệnh.{copy}"
        ) from error
    except BaseException as error:
        _undo(undo, error, kept)
        raise
    placed.done()
    # The cached figures, list options and counts describe the data before the restore, and the restore writes its
    # rows without the signals that would drop them.
    cache.clear()
    return Restored(manifest, rows, len(manifest["media"]), issued, kept)


def _undo(undo: Callable[[], None], error: BaseException, kept: Path | None) -> None:
    """Undo a failed restore; if that fails too, say where the kept copy of the old data is."""
    try:
        undo()
    except Exception as undo_error:
        where = f" Bản sao của dữ liệu cũ ở {kept}." if kept else ""
        raise BackupError(f"{error} Không trả lại được như trước: {undo_error}.{where}") from undo_error
