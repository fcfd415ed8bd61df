"""Plain text (.txt/.md): guess the encoding from BOMs and byte patterns, strictly."""

from __future__ import annotations

import codecs
import unicodedata

from ..errors import UnreadableDocumentError, UnsupportedFormatError


def _read_plain(data: bytes) -> str:
    text = _decode(data)
    if "\x00" in text:
        raise UnsupportedFormatError("Tệp chứa ký tự rỗng (NUL), không phải văn bản thuần.")
    return unicodedata.normalize("NFC", text)


def _decode(data: bytes) -> str:
    for bom, encoding in (
        (codecs.BOM_UTF8, "utf-8-sig"),
        (codecs.BOM_UTF32_LE, "utf-32"),
        (codecs.BOM_UTF32_BE, "utf-32"),
        (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16"),
    ):
        if data.startswith(bom):
            return _strict(data, encoding)
    sample = data[:4096]
    if len(sample) >= 4 and sample.count(0) >= len(sample) // 4:
        encoding = "utf-16-le" if sample[1::2].count(0) > sample[0::2].count(0) else "utf-16-be"
        return _strict(data, encoding)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1258")  # Windows Vietnamese; TCVN3/VNI bytes are caught later by the parser
    except UnicodeDecodeError:
        raise UnreadableDocumentError(_unknown_encoding()) from None


def _strict(data: bytes, encoding: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError:
        raise UnreadableDocumentError(_unknown_encoding()) from None


def _unknown_encoding() -> str:
    return "Không xác định được bảng mã của tệp văn bản; hãy lưu tệp với bảng mã UTF-8 (Unicode) rồi nhập lại."
