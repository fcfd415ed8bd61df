"""Checking uploaded evidence files by their content, not by the name the user gave them.

A file is accepted when its first bytes say it is a PDF, JPEG or PNG, or when
it is a real Word or Excel (Office Open XML) package: a zip with the right
parts, no macros or embedded objects, no XML entity tricks, and a size that
cannot explode when opened.
"""

import re
import zipfile
from dataclasses import dataclass
from pathlib import PurePath

from django.core.exceptions import ValidationError

from danvan.text import BIDI_CONTROLS, normalize_text
from models_registry.choices import EvidenceKind

MAX_BYTES = 10 * 1024 * 1024
# Limits for the zip inside a .docx/.xlsx: enough for any real report, far below a zip bomb.
MAX_ZIP_ENTRIES = 2000
MAX_ZIP_UNCOMPRESSED = 200 * 1024 * 1024
MAX_ZIP_RATIO = 200
MAX_CONTENT_TYPES_BYTES = 1024 * 1024

EXTENSIONS = {
    ".pdf": EvidenceKind.PDF,
    ".docx": EvidenceKind.DOCX,
    ".xlsx": EvidenceKind.XLSX,
    ".jpg": EvidenceKind.JPEG,
    ".jpeg": EvidenceKind.JPEG,
    ".png": EvidenceKind.PNG,
}
CONTENT_TYPES = {
    EvidenceKind.PDF: "application/pdf",
    EvidenceKind.DOCX: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    EvidenceKind.XLSX: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    EvidenceKind.JPEG: "image/jpeg",
    EvidenceKind.PNG: "image/png",
}
# The part that makes an Office package a document (Word) or a workbook (Excel).
MAIN_PART = {
    EvidenceKind.DOCX: "wordprocessingml.document.main+xml",
    EvidenceKind.XLSX: "spreadsheetml.sheet.main+xml",
}
# Content types of macros and embedded objects: a renamed .docm/.xlsm or an OLE payload.
FORBIDDEN_PARTS = re.compile(rb"macroEnabled|vbaProject|oleObject|activeX", re.IGNORECASE)

UNREADABLE = "Không đọc được tệp “{name}”: tệp hỏng, bị mã hóa hoặc không đúng định dạng."


@dataclass
class CheckedFile:
    kind: str
    original_name: str
    size: int


def clean_filename(name: str) -> str:
    """Return the base name the user gave, NFC, without folders, at most 255 characters.

    A name hiding its real extension with right-to-left characters ("hoso\\u202efdp.exe") is refused.
    """
    if BIDI_CONTROLS.search(name or ""):
        raise ValidationError("Tên tệp chứa ký tự điều khiển hướng chữ: hãy đổi tên tệp rồi tải lên lại.")
    base = PurePath(normalize_text(name or "", single_line=True).replace("\\", "/")).name.strip() or "tai-lieu"
    if len(base) > 255:
        stem, dot, extension = base.rpartition(".")
        base = f"{stem[: 250 - len(extension)]}.{extension}" if dot and len(extension) <= 5 else base[:255]
    return base


def _check_office(upload, kind: str, name: str) -> None:
    try:
        upload.seek(0)
        with zipfile.ZipFile(upload) as package:
            entries = package.infolist()
            if len(entries) > MAX_ZIP_ENTRIES:
                raise ValidationError(f"Tệp “{name}” có quá nhiều thành phần bên trong.")
            total = 0
            for entry in entries:
                total += entry.file_size
                ratio = entry.file_size / max(entry.compress_size, 1)
                if total > MAX_ZIP_UNCOMPRESSED or (entry.file_size > 1024 * 1024 and ratio > MAX_ZIP_RATIO):
                    raise ValidationError(f"Tệp “{name}” giải nén ra quá lớn: không nhận.")
            names = {entry.filename for entry in entries}
            if "[Content_Types].xml" not in names:
                raise ValidationError(UNREADABLE.format(name=name))
            if package.getinfo("[Content_Types].xml").file_size > MAX_CONTENT_TYPES_BYTES:
                raise ValidationError(UNREADABLE.format(name=name))
            content_types = package.read("[Content_Types].xml")
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, OSError, KeyError) as error:
        raise ValidationError(UNREADABLE.format(name=name)) from error
    if b"<!DOCTYPE" in content_types or b"<!ENTITY" in content_types:
        raise ValidationError(UNREADABLE.format(name=name))
    if FORBIDDEN_PARTS.search(content_types) or any(FORBIDDEN_PARTS.search(n.encode()) for n in names):
        raise ValidationError(f"Tệp “{name}” chứa macro hoặc đối tượng nhúng: hãy lưu lại thành .docx/.xlsx thường.")
    if MAIN_PART[kind].encode() not in content_types:
        raise ValidationError(
            f"Nội dung tệp “{name}” không phải {EvidenceKind(kind).label} như phần mở rộng của tên tệp."
        )


def check_upload(upload) -> CheckedFile:
    """Return what the uploaded file is, or raise ValidationError saying why it is refused."""
    name = clean_filename(getattr(upload, "name", ""))
    size = upload.size
    if size == 0:
        raise ValidationError(f"Tệp “{name}” rỗng.")
    if size > MAX_BYTES:
        raise ValidationError(f"Tệp “{name}” lớn hơn 10 MB: hãy nén hoặc chia nhỏ.")
    extension = PurePath(name).suffix.lower()
    kind = EXTENSIONS.get(extension)
    if kind is None:
        raise ValidationError(
            f"Chỉ nhận tệp PDF, Word (.docx), Excel (.xlsx), ảnh JPG hoặc PNG; “{name}” không được nhận."
        )
    upload.seek(0)
    head = upload.read(8)
    upload.seek(0)
    signatures = {
        EvidenceKind.PDF: head.startswith(b"%PDF-"),
        EvidenceKind.PNG: head.startswith(b"\x89PNG\r\n\x1a\n"),
        EvidenceKind.JPEG: head.startswith(b"\xff\xd8\xff"),
        EvidenceKind.DOCX: head.startswith(b"PK\x03\x04"),
        EvidenceKind.XLSX: head.startswith(b"PK\x03\x04"),
    }
    if not signatures[kind]:
        raise ValidationError(
            f"Nội dung tệp “{name}” không phải {EvidenceKind(kind).label} như phần mở rộng của tên tệp."
        )
    if kind in MAIN_PART:
        _check_office(upload, kind, name)
    upload.seek(0)
    return CheckedFile(kind=kind, original_name=name, size=size)
