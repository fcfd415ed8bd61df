"""Checks of uploaded evidence files shared by every app: size, type by content, Office packages, safe names.

Evidence attached to a progress report may be a PDF, a Word or Excel file
(Office Open XML), or a JPEG or PNG photo, at most 10 MB. The first bytes
decide what a file is; a Word or Excel package is also opened as a zip to
refuse macros, embedded objects, zip bombs and any DOCTYPE or entity declaration
(in any XML part, read whole) before anything parses it. Task progress evidence, the progress spreadsheet and "Dân vận khéo"
registration evidence all pass through these checks.
"""

import hashlib
import re
import zipfile
from dataclasses import dataclass
from pathlib import PurePath

from django.core.exceptions import ValidationError

from danvan.text import BIDI_CONTROLS, normalize_text

MAX_BYTES = 10 * 1024 * 1024
MAX_FILES_PER_UPDATE = 10
# Limits for the zip inside a .docx/.xlsx: enough for any real report, far below a zip bomb.
MAX_ZIP_ENTRIES = 2000
MAX_ZIP_UNCOMPRESSED = 200 * 1024 * 1024
MAX_ZIP_RATIO = 200
MAX_CONTENT_TYPES_BYTES = 1024 * 1024

PDF, DOCX, XLSX, JPEG, PNG = "pdf", "docx", "xlsx", "jpg", "png"
LABELS = {PDF: "PDF", DOCX: "Word (.docx)", XLSX: "Excel (.xlsx)", JPEG: "ảnh JPG", PNG: "ảnh PNG"}
EXTENSIONS = {".pdf": PDF, ".docx": DOCX, ".xlsx": XLSX, ".jpg": JPEG, ".jpeg": JPEG, ".png": PNG}
CONTENT_TYPES = {
    PDF: "application/pdf",
    DOCX: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    XLSX: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    JPEG: "image/jpeg",
    PNG: "image/png",
}
SIGNATURES = {
    PDF: (b"%PDF-",),
    PNG: (b"\x89PNG\r\n\x1a\n",),
    JPEG: (b"\xff\xd8\xff",),
    DOCX: (b"PK\x03\x04",),
    XLSX: (b"PK\x03\x04",),
}
# Word and Excel save a password-protected .docx/.xlsx (and the old .doc/.xls) as an OLE container, not a zip.
OLE_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
# The part that makes an Office package a document (Word) or a workbook (Excel).
MAIN_PART = {DOCX: b"wordprocessingml.document.main+xml", XLSX: b"spreadsheetml.sheet.main+xml"}
# Macros and embedded objects: a renamed .docm/.xlsm or an OLE payload.
FORBIDDEN_PARTS = re.compile(rb"macroEnabled|vbaProject|oleObject|activeX", re.IGNORECASE)

UNREADABLE = "Không đọc được tệp “{name}”: tệp hỏng, bị mã hóa hoặc không đúng định dạng."
UNSAFE_XML = (
    "Tệp “{name}” chứa khai báo XML DOCTYPE/ENTITY không được phép (Word và Excel không bao giờ tạo khai báo này): "
    "hãy mở tệp bằng Word hoặc Excel, lưu lại rồi tải lên."
)
MISMATCH = "Nội dung tệp “{name}” không phải {label} như phần mở rộng của tên tệp."


@dataclass
class CheckedFile:
    """An upload that passed the checks: what it is, its name as given, size and hash."""

    upload: object
    kind: str
    original_name: str
    size: int
    sha256: str

    @property
    def content_type(self) -> str:
        return CONTENT_TYPES[self.kind]


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


# A DOCTYPE opens the door to entity expansion and external entities; no Office part needs one.
# The markers are also looked for as UTF-16 (an XML part may be saved so), case aside.
_DTD_MARKERS = tuple(
    marker.encode(encoding) for marker in ("<!doctype", "<!entity") for encoding in ("ascii", "utf-16-le", "utf-16-be")
)
_DTD_OVERLAP = max(len(marker) for marker in _DTD_MARKERS) - 1
_XML_CHUNK = 64 * 1024


def declares_dtd(package: zipfile.ZipFile) -> bool:
    """Whether any XML part of `package` declares a DOCTYPE or an entity, anywhere in the part.

    Each part is read whole, streamed in chunks that overlap by a marker's length, so a
    declaration hidden after a long comment is found without holding the part in memory.
    """
    for entry in package.infolist():
        if not entry.filename.lower().endswith((".xml", ".rels", ".vml")):
            continue
        tail = b""
        with package.open(entry) as part:
            while chunk := part.read(_XML_CHUNK):
                window = (tail + chunk).lower()
                if any(marker in window for marker in _DTD_MARKERS):
                    return True
                tail = window[-_DTD_OVERLAP:]
    return False


def check_office_package(upload, kind: str, name: str) -> None:
    """Refuse a .docx/.xlsx that is not a plain Word or Excel file, reading only the zip directory."""
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
            if declares_dtd(package):
                raise ValidationError(UNSAFE_XML.format(name=name))
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, OSError, KeyError, RuntimeError, ValueError) as error:
        raise ValidationError(UNREADABLE.format(name=name)) from error
    finally:
        upload.seek(0)
    if FORBIDDEN_PARTS.search(content_types) or any(FORBIDDEN_PARTS.search(n.encode()) for n in names):
        raise ValidationError(f"Tệp “{name}” chứa macro hoặc đối tượng nhúng: hãy lưu lại thành .docx/.xlsx thường.")
    if MAIN_PART[kind] not in content_types:
        raise ValidationError(MISMATCH.format(name=name, label=LABELS[kind]))


def check_upload(upload, *, allowed: tuple[str, ...] = (PDF, DOCX, XLSX, JPEG, PNG)) -> CheckedFile:
    """Return what the uploaded file is, or raise ValidationError saying, in Vietnamese, why it is refused."""
    name = clean_filename(getattr(upload, "name", ""))
    size = upload.size
    if not size:
        raise ValidationError(f"Tệp “{name}” rỗng.")
    if size > MAX_BYTES:
        raise ValidationError(f"Tệp “{name}” lớn hơn 10 MB: hãy nén hoặc chia nhỏ.")
    kind = EXTENSIONS.get(PurePath(name).suffix.lower())
    if kind not in allowed:
        names = ", ".join(LABELS[k] for k in allowed)
        raise ValidationError(f"Chỉ nhận tệp {names}; “{name}” không được nhận.")
    upload.seek(0)
    head = upload.read(8)
    upload.seek(0)
    if kind in MAIN_PART and head.startswith(OLE_SIGNATURE):
        raise ValidationError(UNREADABLE.format(name=name))
    if not head.startswith(SIGNATURES[kind]):
        raise ValidationError(MISMATCH.format(name=name, label=LABELS[kind]))
    if kind in MAIN_PART:
        check_office_package(upload, kind, name)
    digest = hashlib.sha256()
    for chunk in upload.chunks():
        digest.update(chunk)
    upload.seek(0)
    return CheckedFile(upload=upload, kind=kind, original_name=name, size=size, sha256=digest.hexdigest())
