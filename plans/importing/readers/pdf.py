"""PDF: read the text layer; refuse encrypted, overlong or scanned files."""

from __future__ import annotations

import io
import re
import unicodedata

from ..errors import DocumentImportError, UnreadableDocumentError, UnsafeDocumentError, UnsupportedFormatError
from .limits import MAX_PDF_PAGES, NO_TEXT_LAYER


def _read_pdf(data: bytes) -> str:
    try:
        from pypdf import PdfReader
    except ImportError as error:  # pragma: no cover - pypdf is a pinned dependency
        raise UnsupportedFormatError("Máy chủ chưa cài thư viện đọc PDF (pypdf); chưa nhập được tệp PDF.") from error
    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted and not _decrypt_without_password(reader):
            raise UnreadableDocumentError("Tệp PDF được đặt mật khẩu; hãy bỏ mật khẩu rồi nhập lại.")
        if len(reader.pages) > MAX_PDF_PAGES:
            raise UnsafeDocumentError(
                f"Tệp PDF có hơn {MAX_PDF_PAGES} trang, quá dài cho một kế hoạch; tệp bị từ chối."
            )
        pages = [page.extract_text() or "" for page in reader.pages]
    except DocumentImportError:
        raise
    except Exception as error:  # pypdf raises many types on damaged files
        raise UnreadableDocumentError("Tệp PDF bị hỏng hoặc không đầy đủ, không đọc được.") from error
    text = unicodedata.normalize("NFC", "\n".join(pages))
    if len(re.findall(r"[^\W\d_]", text)) < 20:
        raise UnreadableDocumentError(NO_TEXT_LAYER)
    return text


def _decrypt_without_password(reader) -> bool:
    try:
        return bool(reader.decrypt(""))
    except Exception:
        return False
