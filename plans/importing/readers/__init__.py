"""Read the text of an uploaded plan file (.txt/.md, .docx, .pdf) without trusting it.

The type is decided from the magic bytes and checked against the extension, so a PDF or an
executable renamed ".docx" is rejected. A DOCX is inspected from its zip directory before
anything is extracted: entry count, declared uncompressed size, zip encryption, macro and
OLE content types, and DTDs in its XML parts. (Python's zipfile never inflates an entry past
its declared size, so checking declared sizes bounds what python-docx can extract.)

One module per format: plain, word (with numbering), pdf; the limits they share in limits.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import BinaryIO

from ..errors import UnreadableDocumentError, UnsafeDocumentError, UnsupportedFormatError
from .limits import (
    CORRUPT_DOCX,
    ENCRYPTED_WORD,
    MACRO_EXTENSIONS,
    MAX_FILE_BYTES,
    MAX_PDF_PAGES,
    MAX_UNZIPPED_BYTES,
    MAX_ZIP_ENTRIES,
    NO_TEXT_LAYER,
    TEXT_EXTENSIONS,
)
from .pdf import _read_pdf
from .plain import _read_plain
from .word import _read_docx

__all__ = [
    "CORRUPT_DOCX",
    "ENCRYPTED_WORD",
    "MACRO_EXTENSIONS",
    "MAX_FILE_BYTES",
    "MAX_PDF_PAGES",
    "MAX_UNZIPPED_BYTES",
    "MAX_ZIP_ENTRIES",
    "NO_TEXT_LAYER",
    "TEXT_EXTENSIONS",
    "read_text",
]


def read_text(path_or_bytes: str | os.PathLike | bytes | bytearray | memoryview | BinaryIO, filename: str = "") -> str:
    """Return the text of a .txt/.md, .docx or .pdf file given as a path, bytes or a binary file object.

    `filename` gives the extension when bytes are passed (and overrides the path's name).
    Raise a DocumentImportError subclass with a Vietnamese message when the file cannot be read.
    """
    data, name = _load(path_or_bytes, filename)
    if not data.strip(b"\x00 \t\r\n"):
        raise UnreadableDocumentError("Tệp rỗng, không có nội dung để nhập.")
    extension = Path(name).suffix.lower()
    if extension in MACRO_EXTENSIONS:
        raise UnsafeDocumentError("Không nhận tệp có macro (.docm); hãy lưu lại thành .docx thông thường.")
    kind = _sniff(data)
    if kind == "executable":
        raise UnsafeDocumentError("Tệp là chương trình chạy được, không phải văn bản; tệp bị từ chối.")
    if kind == "ole":
        raise UnreadableDocumentError(ENCRYPTED_WORD)
    readers = {"zip": (".docx", _read_docx), "pdf": (".pdf", _read_pdf), "text": (TEXT_EXTENSIONS, _read_plain)}
    if kind not in readers:
        raise UnsupportedFormatError()
    expected, reader = readers[kind]
    if extension and extension not in (expected if isinstance(expected, tuple) else (expected,)):
        raise _mismatch(extension, kind)
    return reader(data)


def _load(source, filename: str) -> tuple[bytes, str]:
    if isinstance(source, bytes | bytearray | memoryview):
        data = bytes(source)
    elif isinstance(source, str | os.PathLike):
        path = Path(source)
        filename = filename or path.name
        try:
            if path.stat().st_size > MAX_FILE_BYTES:
                raise UnreadableDocumentError(_too_big())
            data = path.read_bytes()
        except OSError as error:
            raise UnreadableDocumentError("Không mở được tệp.") from error
    elif hasattr(source, "read"):
        data = source.read(MAX_FILE_BYTES + 1)
        filename = filename or Path(getattr(source, "name", "") or "").name
    else:
        raise UnsupportedFormatError()
    if len(data) > MAX_FILE_BYTES:
        raise UnreadableDocumentError(_too_big())
    return data, filename or ""


def _too_big() -> str:
    return f"Tệp quá lớn (hơn {MAX_FILE_BYTES // (1024 * 1024)} MB)."


def _sniff(data: bytes) -> str:
    if data.startswith((b"PK\x03\x04", b"PK\x05\x06")):
        return "zip"
    if data[:1024].lstrip().startswith(b"%PDF-"):
        return "pdf"
    if data.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        return "ole"
    if data.startswith((b"MZ", b"\x7fELF", b"\xca\xfe\xba\xbe", b"\xcf\xfa\xed\xfe", b"#!")):
        return "executable"
    if data.startswith((b"{\\rtf", b"Rar!", b"\x1f\x8b", b"7z\xbc\xaf", b"\x89PNG", b"\xff\xd8\xff", b"GIF8")):
        return "other"
    return "text"


def _mismatch(extension: str, kind: str) -> UnsupportedFormatError:
    actual = {"zip": "tệp nén (Word .docx)", "pdf": "PDF", "text": "văn bản thuần"}[kind]
    return UnsupportedFormatError(
        f"Nội dung tệp ({actual}) không khớp với phần mở rộng “{extension}”; tệp bị từ chối. "
        "Hãy chọn đúng tệp .docx, .pdf, .txt hoặc .md."
    )
