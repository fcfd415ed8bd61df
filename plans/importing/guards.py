"""Guards run before parsing: is this text a plan at all?

Refuse empty or oversized text and legacy encodings (TCVN3/VNI, UTF-8 read as a single-byte code
page), and recognise the document type from its type line ("KẾ HOẠCH", "BÁO CÁO"...) or from the
symbol in its number ("/KH-", "/BC-"), so that only plans (Kế hoạch, Chương trình) go on to be parsed.
"""

from __future__ import annotations

import re
import unicodedata

from .errors import DocumentImportError, LegacyEncodingError, NotAPlanError
from .paragraphs import _marker
from .text import _clean_lines, _plain, _squash, normalise_text

MAX_CHARS = 2_000_000


_VIETNAMESE_LATIN1 = set("àáâãèéêìíòóôõùúýÀÁÂÃÈÉÊÌÍÒÓÔÕÙÚÝ")
# VNI types a tone or vowel mark as a Latin-1 letter after the base vowel ("KEÁ HOAÏCH"); these pairs never
# occur in Unicode Vietnamese.
_VNI_BIGRAM = re.compile(r"[aAeE][âáàãäåêéèÂÁÀÃÄÅÊÉÈ]|[oO][âäåÂÄÅ]|[aeiouyAEIOUY][ùøûõïöÙØÛÕÏÖ]|[ñÑ]")
_MOJIBAKE = re.compile(r"Ã[\u0080-\u00bf]|á[º»]|Ä[‘’\u0090\u0091]|Æ[°¡¯]|Ä\u0091")


def _check_encoding(text: str) -> None:
    """Raise LegacyEncodingError when the text is TCVN3/VNI or UTF-8 read as a single-byte code page."""
    if len(_MOJIBAKE.findall(text)) >= 3:
        raise LegacyEncodingError(
            "Văn bản bị lỗi bảng mã: chữ tiếng Việt Unicode (UTF-8) đã bị đọc nhầm thành ký tự lạ "
            "(ví dụ “Káº¿ hoáº¡ch”). Hãy mở lại tệp với bảng mã UTF-8 rồi nhập lại."
        )
    if len(_VNI_BIGRAM.findall(text)) >= 3 and len(_VNI_BIGRAM.findall(text)) >= 0.01 * len(text.split()):
        raise LegacyEncodingError()
    letters = sum(ch.isalpha() for ch in text)
    legacy = sum(1 for ch in text if "\u00a1" <= ch <= "\u00ff" and ch not in _VIETNAMESE_LATIN1)
    unicode_vn = sum(1 for ch in text if ch in "ăâđêôơưĂÂĐÊÔƠƯ" or "\u1ea0" <= ch <= "\u1ef9")
    if legacy >= 5 and legacy >= 0.02 * max(letters, 1) and legacy > unicode_vn:
        raise LegacyEncodingError()


_PLAN_TYPES = ("KẾ HOẠCH", "CHƯƠNG TRÌNH")
_OTHER_TYPES = (
    "BÁO CÁO",
    "QUYẾT ĐỊNH",
    "TỜ TRÌNH",
    "THÔNG BÁO",
    "CÔNG VĂN",
    "NGHỊ QUYẾT",
    "CHỈ THỊ",
    "HƯỚNG DẪN",
    "BIÊN BẢN",
    "GIẤY MỜI",
    "QUY CHẾ",
    "QUY ĐỊNH",
    "ĐỀ ÁN",
    "PHƯƠNG ÁN",
    "CÔNG ĐIỆN",
    "THÔNG CÁO",
    "DỰ ÁN",
    "HỢP ĐỒNG",
)
_TYPE_CODES = {
    "KH": "KẾ HOẠCH",
    "CTr": "CHƯƠNG TRÌNH",
    "CTR": "CHƯƠNG TRÌNH",
    "BC": "BÁO CÁO",
    "QĐ": "QUYẾT ĐỊNH",
    "TTr": "TỜ TRÌNH",
    "TB": "THÔNG BÁO",
    "NQ": "NGHỊ QUYẾT",
    "CT": "CHỈ THỊ",
    "HD": "HƯỚNG DẪN",
    "BB": "BIÊN BẢN",
    "GM": "GIẤY MỜI",
    "QC": "QUY CHẾ",
    "QyĐ": "QUY ĐỊNH",
    "ĐA": "ĐỀ ÁN",
    "PA": "PHƯƠNG ÁN",
    "CĐ": "CÔNG ĐIỆN",
    "TC": "THÔNG CÁO",
}
_TYPE_LINE = re.compile(
    r"^(?P<type>" + "|".join(_PLAN_TYPES + _OTHER_TYPES) + r")\s*:?"
    r"(?:\s+(?P<rest>\S.*))?$"
)
_TYPE_WORDS_NO_SPACE = {t.replace(" ", ""): t for t in _PLAN_TYPES + _OTHER_TYPES}


def _find_type_line(lines: list[str]) -> tuple[int, str, str] | None:
    """Return (index, TYPE, rest of the line) of the document-type line near the top."""
    seen = 0
    for index, line in enumerate(lines):
        plain = _squash(_plain(line)).strip(" |*")
        if not plain:
            continue
        seen += 1
        if seen > 40 or _marker(plain)[0] == "roman":
            return None
        match = _TYPE_LINE.match(plain)
        if match:
            return index, match["type"], match["rest"] or ""
        joined = plain.replace(" ", "")
        if joined in _TYPE_WORDS_NO_SPACE:
            return index, _TYPE_WORDS_NO_SPACE[joined], ""
        if plain.upper() in _PLAN_TYPES + _OTHER_TYPES and plain[0].isupper():
            return index, plain.upper(), ""
    return None


def _reject_type(doc_type: str) -> None:
    if doc_type in _PLAN_TYPES:
        return
    extra = ""
    if doc_type == "QUYẾT ĐỊNH":
        extra = " Nếu kế hoạch được ban hành kèm theo quyết định, hãy nhập riêng phần kế hoạch."
    raise NotAPlanError(
        f"Văn bản này là {doc_type.lower()} (“{doc_type}”), không phải kế hoạch; "
        f"chỉ nhập được văn bản loại Kế hoạch hoặc Chương trình.{extra}"
    )


_SYMBOL_IN_HEADER = re.compile(r"Số\s*[:.]?\s*[\d.…_ ]*[/-]\s*(?P<code>[A-ZĐ][A-Za-zĐđ]*)")


def _type_from_symbol(lines: list[str]) -> str | None:
    for line in lines[:15]:
        match = _SYMBOL_IN_HEADER.search(_plain(line))
        if match:
            return _TYPE_CODES.get(match["code"], "CÔNG VĂN" if match["code"] in ("UBND", "UB") else None)
    return None


def _looks_like_untitled_plan(text: str) -> bool:
    lowered = text.lower()
    return "kế hoạch" in lowered and any(key in lowered for key in ("mục đích", "tổ chức thực hiện"))


def detect_document_type(text: str) -> str | None:
    """Return the document type in upper case ("KẾ HOẠCH", "BÁO CÁO"...) or None when unknown."""
    lines = _clean_lines(text, keep_bold=False)
    found = _find_type_line(lines)
    if found:
        return found[1]
    return _type_from_symbol(lines)


def looks_like_plan(text: str) -> bool:
    """Return True when `text` looks like a plan the parser accepts."""
    try:
        _check_text(text)
    except DocumentImportError:
        return False
    doc_type = detect_document_type(text)
    if doc_type:
        return doc_type in _PLAN_TYPES
    return _looks_like_untitled_plan(normalise_text(text))


def _check_text(text: str) -> None:
    if not isinstance(text, str) or not re.search(r"[^\W\d_]", text or ""):
        raise NotAPlanError("Văn bản trống, không có nội dung để nhập.")
    if len(text) > MAX_CHARS:
        raise DocumentImportError("Văn bản quá dài (hơn 2 triệu ký tự), không phải một kế hoạch thông thường.")
    _check_encoding(unicodedata.normalize("NFC", text))
