"""Parse the plain text of a Vietnamese plan (Kế hoạch, Chương trình) into a ParsedPlan.

The input is usually text extracted from a PDF or pasted from a web page: lines are broken
where the PDF line ended, page numbers stand alone in the middle of the text, spaces are
doubled, headings may carry Markdown bold markers, the header block may be missing or its
two columns interleaved, and a web page adds "|" table separators.

Approach, in order (each step is a small function below):

1. Clean (`_clean_lines`): NFC, drop zero-width and control characters, turn exotic spaces
   into spaces, strip trailing spaces, drop lines that are only a page number, and replace
   Markdown bold markers by a sentinel so headings can still be told apart.
2. Guard: empty text and legacy encodings (TCVN3/VNI, mis-decoded UTF-8) raise
   `LegacyEncodingError`; a document of another type (BÁO CÁO, QUYẾT ĐỊNH...) raises
   `NotAPlanError`.
3. Zone: the type line ("KẾ HOẠCH") splits the header from the title; the title runs until
   the first basis opener ("Căn cứ", "Thực hiện"...) or section marker; the tail starts at
   "Nơi nhận" or the first signature line ("TM.", "KT."...); an appendix starts at "Phụ lục".
4. Join (`_join_lines`): body lines are glued back into paragraphs. A line starts a new
   paragraph when it starts with a marker (I., 1., 1.1., a), -, +), when the previous line
   ended a sentence and this one starts with a capital, or when the previous line was a short
   numbered heading ("1. Phòng Văn hóa - Xã hội") followed by a capitalised line. "Short" is
   measured against the document's typical line width, so the same rules work for PDF text
   (one visual line per line) and for pasted text (one paragraph per line).
5. Classify each paragraph by its marker, split a heading from the text (bold prefix, a
   whole heading line without final punctuation, or a short "Heading: text"), and build the
   section tree with a stack: an item closes every open item down to the last one of the
   same kind, so any nesting order of numbering styles works.
6. Prelude: paragraphs before the first section are split into clauses on ";" outside quotes
   and parentheses; clauses that start with an opener or a document type are bases, the rest
   (e.g. "Ủy ban nhân dân xã ... ban hành Kế hoạch ... như sau:") is the intro.
7. Tasks: inside content sections, an item whose sub-bullets carry "Cơ quan thực hiện:",
   "Thời gian thực hiện:"... becomes a task block; under "Tổ chức thực hiện" each unit's
   paragraphs and bullets become duty tasks led by that unit; "|" tables with a task header
   become tasks (appendix tables go to `appendix_tasks`).
8. Tail: recipients ("- ...;" after "Nơi nhận"), the signature block and the signer's name.

Nothing is dropped silently: what cannot be classified stays as text in a section, and every
guess is listed, in Vietnamese, in `ParsedPlan.uncertain`. `flatten_text` rebuilds the text
from the structure so tests can check that every sentence of the source survived.
"""

from __future__ import annotations

import datetime
import difflib
import re
import unicodedata
from dataclasses import dataclass, field

from .errors import DocumentImportError, LegacyEncodingError, NotAPlanError
from .structure import (
    ParsedBasis,
    ParsedPlan,
    ParsedReference,
    ParsedSection,
    ParsedSignature,
    ParsedTask,
)

__all__ = [
    "detect_document_type",
    "flatten_text",
    "looks_like_plan",
    "normalise_text",
    "parse_plan",
    "sentences",
    "split_units",
]

MAX_CHARS = 2_000_000

VN_LOWER = "aàáạảãâầấậẩẫăằắặẳẵbcdđeèéẹẻẽêềếệểễfghiìíịỉĩjklmnoòóọỏõôồốộổỗơờớợởỡpqrstuùúụủũưừứựửữvwxyỳýỵỷỹz"
VN_UPPER = VN_LOWER.upper()

BOLD = "\x02"  # sentinel standing for a Markdown "**" while parsing

# ---------------------------------------------------------------------------
# Cleaning
# ---------------------------------------------------------------------------

_ZERO_WIDTH = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"), None)
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
_SPACES = re.compile(r"[\t\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]")
_PAGE_NUMBER = re.compile(r"^\s*(?:[-–—]\s*)?(?:Trang\s+)?\d{1,3}(?:\s*/\s*\d{1,3})?(?:\s*[-–—])?\s*$", re.I)
_ITALIC = re.compile(r"(?<![\w*])\*(?=[^\s*])([^*\n]*?[^\s*])\*(?![\w*])")
_RULE_LINE = re.compile(r"^[\s\-_=*~.•·|–—]{3,}$|^\*$")


def _clean_lines(text: str, *, keep_bold: bool) -> list[str]:
    """Return the cleaned lines of `text` (see the module docstring, step 1)."""
    text = unicodedata.normalize("NFC", text).translate(_ZERO_WIDTH)
    text = re.sub(r"\r\n?|[\u2028\u2029\x0b\x0c\x85]", "\n", text)
    text = _SPACES.sub(" ", _CONTROL.sub("", text))
    lines = []
    for line in text.split("\n"):
        line = line.rstrip()
        if _PAGE_NUMBER.match(line):
            continue
        line = line.replace("**", BOLD if keep_bold else "").replace("__", "")
        lines.append(_ITALIC.sub(r"\1", line))
    return lines


def normalise_text(text: str) -> str:
    """Return `text` cleaned as the parser sees it: NFC, no page-number lines, no Markdown markers."""
    return "\n".join(_clean_lines(text, keep_bold=False))


def _squash(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def _plain(text: str) -> str:
    return text.replace(BOLD, "")


_SENTENCE_END = re.compile(rf"([.!?…]+[\"”’)\]]*)\s+(?=[\"“‘(\[\-–+•*]*\s*[{VN_UPPER}0-9])")


def sentences(text: str) -> list[str]:
    """Split text into sentences (after normalisation, ignoring line breaks)."""
    flat = _squash(normalise_text(text))
    if not flat:
        return []
    return [s.strip() for s in _SENTENCE_END.sub("\\1\n", flat).split("\n") if s.strip()]


# ---------------------------------------------------------------------------
# Guards: empty text, legacy encodings, document type
# ---------------------------------------------------------------------------

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


# ---------------------------------------------------------------------------
# Markers and paragraph joining
# ---------------------------------------------------------------------------

_NUMBERED = ("roman", "arabic", "decimal", "letter")
# "26/CT-UBND", "01-KL/TW" at the start of a line are document symbols, not list markers.
_SYMBOL_AHEAD = r"[A-ZĐ][A-Za-zĐđ]*\s?[/-]"
_ROMAN_OK = re.compile(r"^(?=[IVXL])L?X{0,3}(?:IX|IV|V?I{0,3})$")
_MARKER_RES = (
    ("decimal", re.compile(r"^(?P<label>\d{1,2}(?:\.\d{1,2}){1,3})\.?(?:\s+|(?=[^\W\d_]))")),
    ("roman", re.compile(rf"^(?P<label>[IVXL]{{1,7}})\s?(?:[.\-–:)]|/\s)\s*(?!{_SYMBOL_AHEAD})(?=[^\W\d_]|[\"“(])")),
    ("arabic", re.compile(rf"^(?P<label>\d{{1,2}})\s?(?:[.)\-–]|/\s)\s*(?!{_SYMBOL_AHEAD})(?=[^\W\d_]|[\"“(])")),
    ("letter", re.compile(rf"^(?P<label>[a-zđ])\)\s*(?=\S)|^(?P<label2>[a-zđ])\.\s+(?=[{VN_UPPER}])")),
    ("dash", re.compile(r"^[-–—−•●▪◦■►\uf0a7\uf0b7](?!-)\s*(?=\S)")),
    ("plus", re.compile(r"^\+\s*(?=\S)")),
)


def _marker(text: str) -> tuple[str | None, str, str]:
    """Return (kind, label, rest) for a paragraph that starts with a list marker, else (None, "", text)."""
    for kind, regex in _MARKER_RES:
        match = regex.match(text)
        if not match:
            continue
        label = match.groupdict().get("label") or match.groupdict().get("label2") or ""
        if kind == "roman" and not _ROMAN_OK.match(label):
            continue
        if kind == "dash":
            label = "-"
        elif kind == "plus":
            label = "+"
        return kind, label, text[match.end() :]
    return None, "", text


def _starts_upper(text: str) -> bool:
    stripped = text.lstrip(BOLD + "\"“‘'([* ")
    return bool(stripped) and stripped[0].isupper()


def _is_upper_text(text: str) -> bool:
    letters = [ch for ch in text if ch.isalpha()]
    return len(letters) >= 2 and sum(ch.isupper() for ch in letters) >= 0.8 * len(letters)


_TERMINAL = re.compile(r"[.!?…][\"”’)\]]*$")
# Capitalised words that commonly continue a sentence across a line break.
_PROPER_START = re.compile(
    r"^[\"“(]?(?:Nhân dân|Đảng|Nhà nước|Chính phủ|Thủ tướng|Bộ Chính trị|Ban Bí thư|Trung ương|Mặt trận|Tổ quốc|"
    r"Việt Nam|Hồ Chí Minh|Quyết định|Nghị quyết|Nghị định|Chỉ thị|Kết luận|Luật|Thông tư|Hiến pháp|Đại hội|"
    r"HĐND|UBND|Ủy ban|Uỷ ban|Hội đồng|Thành ủy|Tỉnh ủy|Huyện ủy|Doanh nghiệp|Nhân|Đoàn|Hội)\b"
)
# A line ending like this cannot end a paragraph.
_INCOMPLETE_END = re.compile(r"\b(?:số|ngày|tháng|năm|và|của|các|với|về|tại|theo|là|những|cho|trong|để)$")
_TABLE_LINE = re.compile(r"\|.*\|")


def _is_table_line(text: str) -> bool:
    return bool(_TABLE_LINE.search(text)) or text.startswith("|")


def _typical_width(lines: list[str]) -> int:
    lengths = sorted(len(line) for line in lines if line)
    if not lengths:
        return 80
    return max(20, lengths[int(len(lengths) * 0.75)] if len(lengths) >= 4 else lengths[-1])


def _breaks_paragraph(prev: str, line: str, first: str, width: int) -> bool:
    """Decide whether `line` starts a new paragraph after `prev` (see module docstring, step 4)."""
    prev, line, first = _plain(prev), _plain(line), _plain(first)
    if re.search(r"[^\W_]-$", prev) or prev.endswith((" -", " –")):
        return False
    if _is_table_line(line) or _is_table_line(prev):
        return True
    kind, _, rest = _marker(line)
    if kind:
        lower_bullet = kind in ("dash", "plus") and rest[:1].islower()
        return not (lower_bullet and not re.search(r"[.:;!?…][\"”’)]*$", prev))
    if _INCOMPLETE_END.search(prev):
        return False
    if line.startswith("Trên đây") or _starts_field(line):
        return True
    if _is_upper_text(prev) and _is_upper_text(line):
        return False
    if not _starts_upper(line):
        return False
    if _TERMINAL.search(prev):
        return True
    if _PROPER_START.match(line):
        return False
    short = len(prev) < 0.7 * width
    if prev == first and _marker(first)[0] in _NUMBERED and short:
        return True
    return prev.endswith(":") and short


def _starts_field(line: str) -> bool:
    """Tell whether a line starts with a task field label such as "Cơ quan chủ trì:"."""
    match = re.match(r"^([^:]{2,40}?)\s*:", line)
    return bool(match) and any(regex.fullmatch(match[1]) for _, regex in _FIELD_LABELS)


def _glue(left: str, right: str) -> str:
    if re.search(r"[^\W_]-$", _plain(left).rstrip()):
        return left + right
    return f"{left} {right}"


def _join_lines(lines: list[str]) -> list[str]:
    """Re-join PDF-broken lines into paragraphs."""
    rows = [_squash(line) for line in lines]
    rows = [row for row in rows if row and not _RULE_LINE.match(_plain(row))]
    width = _typical_width(rows)
    paragraphs: list[str] = []
    first = prev = ""
    for row in rows:
        if paragraphs and not _breaks_paragraph(prev, row, first, width):
            paragraphs[-1] = _glue(paragraphs[-1], row)
        else:
            paragraphs.append(row)
            first = row
        prev = row
    return paragraphs


# ---------------------------------------------------------------------------
# Items: classified paragraphs
# ---------------------------------------------------------------------------


@dataclass
class _Item:
    kind: str  # roman, arabic, decimal, letter, dash, plus, none, table
    label: str
    body: str  # text after the marker, bold sentinels removed
    bold: str = ""  # leading bold span of the body
    cells: list[str] = field(default_factory=list)


def _classify(paragraph: str) -> _Item:
    plain = _plain(paragraph)
    if _is_table_line(plain):
        return _Item("table", "", plain, cells=_split_cells(plain))
    opened = paragraph.startswith(BOLD)
    raw = paragraph[1:] if opened else paragraph
    kind, label, rest_plain = _marker(_plain(raw))
    rest_raw = _rest_with_bold(raw, _plain(raw), rest_plain)
    bold = ""
    if opened:  # "**1. Mục đích**", "**Mục tiêu:** text", or bold running past this paragraph
        bold = rest_raw.split(BOLD, 1)[0]
    elif rest_raw.startswith(BOLD) and BOLD in rest_raw[1:]:  # "- **Mục tiêu:** text"
        bold = rest_raw[1:].split(BOLD, 1)[0]
    return _Item(kind or "none", label, _squash(rest_plain), _squash(_plain(bold)))


def _rest_with_bold(raw: str, plain: str, plain_rest: str) -> str:
    """Return the part of `raw` (with bold sentinels) that corresponds to `plain_rest`."""
    consumed = len(plain) - len(plain_rest)
    index = seen = 0
    while index < len(raw) and seen < consumed:
        if raw[index] != BOLD:
            seen += 1
        index += 1
    return raw[index:]


_FIELD_WORDS = re.compile(r"[^\W\d_]+")


def _is_heading_line(body: str) -> bool:
    """A numbered item without final punctuation and of heading length is a heading."""
    return len(body) <= 160 and not re.search(r"[.;!?…,][\"”’)]*$", body)


def _heading_and_text(item: _Item) -> tuple[str, str]:
    """Split an item's body into (heading, text)."""
    body = item.body
    if item.kind == "none" or not body:
        return "", body
    if item.bold and body.startswith(item.bold) and len(item.bold) <= 160:
        heading = item.bold.rstrip(" :")
        return heading, body[len(item.bold) :].lstrip(" :")
    numbered = item.kind in _NUMBERED
    if numbered and (_is_upper_text(body) and len(body) <= 200 or _is_heading_line(body)):
        return body.rstrip(" :."), ""
    match = re.match(r"^(?P<head>[^:]{2,90}?)\s*:\s*(?P<rest>\S.*)$", body)
    if match:
        head = match["head"]
        limit = 10 if numbered else 5
        if len(_FIELD_WORDS.findall(head)) <= limit and _starts_upper(head) and not re.search(r"[\"“”\d;]", head):
            return head, match["rest"]
    return "", body


# ---------------------------------------------------------------------------
# Section tree
# ---------------------------------------------------------------------------


def _level_key(item: _Item) -> str:
    if item.kind == "decimal":
        return f"decimal{item.label.count('.')}"
    return item.kind


def _new_section(item: _Item) -> ParsedSection:
    heading, text = _heading_and_text(item)
    numbering = item.kind if item.kind in ("roman", "arabic", "decimal", "letter", "dash", "plus") else "none"
    return ParsedSection(numbering=numbering, label=item.label, heading=heading, text=text)


def _append_text(section: ParsedSection, text: str) -> None:
    section.text = f"{section.text}\n{text}" if section.text else text


def _build_tree(items: list[_Item], notes: list[str]) -> list[ParsedSection]:
    """Nest items into sections with a stack (see module docstring, step 5)."""
    root = ParsedSection()
    stack: list[tuple[str, ParsedSection]] = [("root", root)]
    index = 0
    while index < len(items):
        item = items[index]
        if item.kind == "table":
            rows = []
            while index < len(items) and items[index].kind == "table":
                rows.append(items[index].cells)
                index += 1
            _attach_table(_close_bullets(stack), rows, notes)
            continue
        index += 1
        if item.kind == "none":
            _place_paragraph(_close_bullets(stack), item.body, root)
        else:
            _place_item(stack, item)
    return root.children


def _close_bullets(stack: list[tuple[str, ParsedSection]]) -> ParsedSection:
    """Pop "-" and "+" items (a bullet is one paragraph) and return the open numbered section."""
    while stack[-1][0] in ("dash", "plus"):
        stack.pop()
    return stack[-1][1]


def _place_paragraph(node: ParsedSection, text: str, root: ParsedSection) -> None:
    """A plain paragraph continues the open section's text, or follows its sub-items as a "none" child."""
    if node is not root and not node.children and not node.tasks:
        _append_text(node, text)
    else:
        node.children.append(ParsedSection(numbering="none", text=text))


def _place_item(stack: list[tuple[str, ParsedSection]], item: _Item) -> None:
    """Close every open item down to the last one of the same kind, then open this one under the top."""
    key = _level_key(item)
    for depth in range(len(stack) - 1, 0, -1):
        if stack[depth][0] == key:
            del stack[depth:]
            break
    section = _new_section(item)
    stack[-1][1].children.append(section)
    stack.append((key, section))


def _promote_short_heading(section: ParsedSection) -> None:
    """Turn "3.5. Trong lĩnh vực quốc phòng - an ninh." (short text with sub-items) into a heading."""
    text = section.text
    if (
        section.children
        and not section.heading
        and section.numbering in _NUMBERED
        and text
        and len(text) <= 70
        and "\n" not in text
        and not re.search(r"[.!?;]\s", text)
    ):
        section.heading, section.text = text.rstrip(" .:"), ""


# ---------------------------------------------------------------------------
# Tables
# ---------------------------------------------------------------------------


def _split_cells(line: str) -> list[str]:
    line = line.strip()
    if line.startswith("|"):
        line = line[1:]
    if line.endswith("|"):
        line = line[:-1]
    return [_squash(cell) for cell in line.split("|")]


_COLUMN_RULES = (
    ("stt", re.compile(r"^(?:STT|TT|Số TT|Số thứ tự)$", re.I)),
    ("coordinating", re.compile(r"phối hợp", re.I)),
    ("timeframe", re.compile(r"thời gian|thời hạn|hoàn thành|tiến độ", re.I)),
    ("expected_output", re.compile(r"sản phẩm|kết quả", re.I)),
    ("form", re.compile(r"hình thức|phương thức", re.I)),
    ("lead", re.compile(r"chủ trì|thực hiện|phụ trách|đơn vị|cơ quan", re.I)),
    ("content", re.compile(r"nội dung|nhiệm vụ|công việc|hoạt động", re.I)),
)


def _column_keys(header: list[str]) -> list[str] | None:
    """Map each header cell to a task field, or return None when this is not a task table."""
    keys = []
    for cell in header:
        key = next((name for name, regex in _COLUMN_RULES if regex.search(cell)), "")
        keys.append(key if key not in keys else "")
    if "content" in keys and ("lead" in keys or "timeframe" in keys):
        return keys
    return None


def _is_separator_row(cells: list[str]) -> bool:
    return all(re.fullmatch(r":?-{2,}:?|", cell) for cell in cells)


def _table_tasks(rows: list[list[str]], notes: list[str]) -> list[ParsedTask] | None:
    """Turn "|" rows with a task header into tasks; None when the rows are not a task table."""
    keys = _column_keys(rows[0]) if rows else None
    if keys is None:
        return None
    labels = {key: rows[0][i] for i, key in enumerate(keys) if key}
    tasks = []
    for cells in rows[1:]:
        if _is_separator_row(cells):
            continue
        values = {key: cells[i] for i, key in enumerate(keys) if key and i < len(cells)}
        if not values.get("content"):
            notes.append(f"Bỏ qua dòng bảng không có nội dung nhiệm vụ: “{' | '.join(c for c in cells if c)}”.")
            continue
        task = ParsedTask(content=values["content"], marker=values.get("stt", ""), labels=dict(labels))
        _fill_fields(task, values)
        tasks.append(task)
    return tasks


def _fill_fields(task: ParsedTask, values: dict[str, str]) -> None:
    lead = values.get("lead", "")
    coordinating = values.get("coordinating", "")
    task.lead_text, task.lead_units = lead, split_units(lead)
    task.coordinating_text, task.coordinating_units = coordinating, split_units(coordinating)
    task.form = values.get("form", "")
    task.timeframe = values.get("timeframe", "")
    task.expected_output = values.get("expected_output", "")


def _attach_table(section: ParsedSection, rows: list[list[str]], notes: list[str]) -> None:
    tasks = _table_tasks(rows, notes)
    if tasks is None:
        section.children.append(ParsedSection(numbering="none", text="\n".join(" | ".join(r) for r in rows)))
        notes.append("Có một bảng không nhận ra là bảng nhiệm vụ; đã giữ nguyên dạng văn bản.")
        return
    section.tasks.extend(tasks)
    section.task_layout = "blocks"


# ---------------------------------------------------------------------------
# Header: agency, number, symbol, place and date
# ---------------------------------------------------------------------------

_NATIONAL = re.compile(
    r"CỘNG\s*H(?:ÒA|OÀ)\s*XÃ\s*HỘI\s*CHỦ\s*NGHĨA\s*VIỆT\s*NAM|"
    r"Độc\s*lập\s*[-–—]\s*Tự\s*do\s*[-–—]\s*Hạnh\s*phúc|ĐẢNG\s*CỘNG\s*SẢN\s*VIỆT\s*NAM",
    re.I,
)
_NUMBER = re.compile(
    r"(?:Số|SỐ)\s*[:.]?\s*(?P<num>\d{1,5})?[\s.…_]*(?P<sep>[/-])\s*(?P<sym>[A-ZĐ][A-Za-zĐđ0-9&]*(?:\s*[-/]\s*[A-ZĐ][A-Za-zĐđ0-9&]*)*)"
)
_DATE_LINE = re.compile(
    r"(?:(?P<place>[^\W\d_](?:(?!\s{3})[^,|:]){0,60}?)\s*,\s*)?ngày\s*(?P<d>\d{1,2})?[\s.…_]*tháng\s*(?P<m>\d{1,2})?[\s.…_]*năm\s*(?P<y>\d{4})",
    re.I,
)
_AGENCY_HEAD = re.compile(
    r"^(?:ỦY BAN|UỶ BAN|UBND|HĐND|HỘI ĐỒNG|SỞ|PHÒNG|BAN|ĐẢNG|CHI BỘ|MẶT TRẬN|MTTQ|CÔNG AN|TRUNG TÂM|VĂN PHÒNG|BỘ|"
    r"CỤC|CHI CỤC|TỈNH ỦY|TỈNH UỶ|THÀNH ỦY|THÀNH UỶ|HUYỆN ỦY|HUYỆN UỶ|QUẬN ỦY|ĐOÀN|HỘI|LIÊN ĐOÀN|TRƯỜNG|BCH|"
    r"BỘ CHỈ HUY|BAN CHỈ HUY|UB)\b"
)
_PLACE_HEAD = re.compile(r"^(?:XÃ|PHƯỜNG|THỊ TRẤN|HUYỆN|QUẬN|THỊ XÃ|THÀNH PHỐ|TỈNH|ĐẶC KHU|TP\.?)\b")


@dataclass
class _Header:
    parent_agency: str = ""
    agency: str = ""
    number: int | None = None
    symbol: str = ""
    place: str = ""
    issued_on: datetime.date | None = None
    number_seen: bool = False
    date_seen: bool = False


def _segments(lines: list[str]) -> list[str]:
    """Split header/tail lines on "|" and on wide gaps left by two-column layouts."""
    out = []
    for line in lines:
        for part in re.split(r"\||\s{4,}", _plain(line)):
            part = _squash(part)
            if part and not _RULE_LINE.match(part):
                out.append(part)
    return out


def _parse_header(lines: list[str], notes: list[str]) -> _Header:
    header = _Header()
    rest = []
    for line in lines:
        line = _NATIONAL.sub("    ", _plain(line).replace("|", "    "))
        rest.append(_take_date(_take_number(line, header, notes), header, notes))
    agency_lines = []
    for segment in _segments(rest):
        segment = segment.strip(" ,.-–*")
        if segment and _is_upper_text(segment):
            agency_lines.append(segment)
    names = _agency_names(agency_lines)
    if names:
        header.agency = names[-1]
        header.parent_agency = names[-2] if len(names) >= 2 else ""
        if len(names) > 2:
            notes.append("Phần đầu văn bản có nhiều hơn hai dòng tên cơ quan: " + "; ".join(names) + ".")
    return header


def _take_number(segment: str, header: _Header, notes: list[str]) -> str:
    match = _NUMBER.search(segment)
    if not match or header.number_seen:
        return segment
    header.number_seen = True
    header.symbol = re.sub(r"\s+", "", match["sym"]).rstrip(".,")
    if match["num"]:
        header.number = int(match["num"])
    else:
        notes.append("Số văn bản để trống (có thể là bản dự thảo).")
    return segment[: match.start()] + "    " + segment[match.end() :]


def _take_date(segment: str, header: _Header, notes: list[str]) -> str:
    match = _DATE_LINE.search(segment)
    if not match or header.date_seen:
        return segment
    header.date_seen = True
    header.place = _squash(match["place"] or "")
    header.issued_on = _make_date(match["d"], match["m"], match["y"])
    if header.issued_on is None:
        notes.append("Ngày ban hành để trống hoặc không hợp lệ.")
    return segment[: match.start()] + "    " + segment[match.end() :]


def _make_date(day: str | None, month: str | None, year: str | None) -> datetime.date | None:
    try:
        return datetime.date(int(year), int(month), int(day))  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return None


def _agency_names(lines: list[str]) -> list[str]:
    names: list[str] = []
    for line in lines:
        if names and (_PLACE_HEAD.match(line) or not _AGENCY_HEAD.match(line)):
            names[-1] = f"{names[-1]} {line}"
        else:
            names.append(line)
    return names


_AGENCY_IN_TEXT = re.compile(
    r"((?:Ủy|Uỷ) ban nhân dân|UBND|Hội đồng nhân dân|Đảng ủy|Đảng uỷ|Ban Thường vụ Đảng ủy|Phòng [^\s,;]+(?: [^\s,;]+){0,4}?)\s+"
    rf"(xã|phường|thị trấn|huyện|quận|thị xã|thành phố|tỉnh|đặc khu)\s+((?:[{VN_UPPER}][^\s,;:.]*)(?:\s+[{VN_UPPER}][^\s,;:.]*)*)"
)


def _agency_from_text(*texts: str) -> tuple[str, str]:
    """Find "Ủy ban nhân dân xã Kim Thành" in the intro or closing; return (agency, place name)."""
    for text in texts:
        match = _AGENCY_IN_TEXT.search(text or "")
        if match:
            return match.group(0), match.group(3)
    return "", ""


# ---------------------------------------------------------------------------
# Zones
# ---------------------------------------------------------------------------

_BASIS_OPENER = re.compile(
    r"^(?P<opening>Căn cứ|Thực hiện|Thi hành|Theo|Xét|Trên cơ sở|Tiếp tục thực hiện|Triển khai thực hiện|Triển khai)\b"
)
_TITLE_STOP = re.compile(
    r"^(?:Nhằm|Để|Qua|Hôm nay)\b|^(?:Ủy ban|Uỷ ban|UBND|Ban|Đảng ủy|Phòng)\b.{0,80}\b(?:ban hành|xây dựng)\b"
)
_SIGNATURE_PREFIX = re.compile(r"^(?P<prefix>TM\.|KT\.|TL\.|TUQ\.|Q\.|T/M|K/T|T/L|T\.M\.?|K\.T\.?)\s*(?P<rest>.*)$")
_RECIPIENTS_LABEL = re.compile(r"^Nơi\s+nhận\s*:?\s*", re.I)
_APPENDIX_LINE = re.compile(
    rf"^(?:PHỤ LỤC|Phụ lục)(?:\s+(?:[IVX]+|\d+|số\s*\d+))?\s*(?:[:.]?\s*$|[:.]?\s+[{VN_UPPER}(])"
)


def _split_title(lines: list[str], start: int, rest: str) -> tuple[list[str], int]:
    """Return the title lines after the type line and the index where the body starts."""
    title = [rest] if rest else []
    index = start
    while index < len(lines):
        plain = _squash(_plain(lines[index]))
        if not plain:
            index += 1
            continue
        if _RULE_LINE.match(plain):
            index += 1
            if title:
                break
            continue
        kind = _marker(plain)[0]
        if kind in _NUMBERED or (title and (kind or _BASIS_OPENER.match(plain) or _TITLE_STOP.match(plain))):
            break
        if len(title) >= 6 or (title and _TERMINAL.search(title[-1])):
            break
        title.append(plain)
        index += 1
    return title, index


def _is_tail_line(line: str) -> bool:
    for cell in _segments([line]):
        if _RECIPIENTS_LABEL.match(cell):
            return True
        match = _SIGNATURE_PREFIX.match(cell)
        if match and match["rest"] and _is_upper_text(match["rest"]):
            return True
    return False


def _find_tail(lines: list[str], start: int) -> int:
    for index in range(start, len(lines)):
        if _is_tail_line(lines[index]):
            return index
    return len(lines)


def _find_appendix(lines: list[str], start: int) -> int:
    for index in range(start, len(lines)):
        if _APPENDIX_LINE.match(_squash(_plain(lines[index]))):
            return index
    return len(lines)


# ---------------------------------------------------------------------------
# Prelude: legal bases and the introductory sentence
# ---------------------------------------------------------------------------

_DOC_TYPE_WORDS = (
    "Thông tư liên tịch",
    "Quyết định",
    "Kế hoạch",
    "Quy định",
    "Quy chế",
    "Chỉ thị",
    "Nghị quyết",
    "Kết luận",
    "Hướng dẫn",
    "Bộ luật",
    "Luật",
    "Nghị định",
    "Thông tư",
    "Chương trình",
    "Công văn",
    "Thông báo",
    "Đề án",
    "Pháp lệnh",
    "Hiến pháp",
    "Văn bản",
    "Công điện",
    "Thông tri",
    "Điều lệ",
    "Báo cáo",
    "Tờ trình",
    "Phương án",
)
_DOC_TYPE_START = re.compile(r"^(?:" + "|".join(_DOC_TYPE_WORDS) + r")\b")
_CODE_TO_TYPE = {
    "QĐ": "Quyết định",
    "KH": "Kế hoạch",
    "QyĐ": "Quy định",
    "QC": "Quy chế",
    "CT": "Chỉ thị",
    "NQ": "Nghị quyết",
    "KL": "Kết luận",
    "HD": "Hướng dẫn",
    "NĐ": "Nghị định",
    "TT": "Thông tư",
    "CTr": "Chương trình",
    "TB": "Thông báo",
    "ĐA": "Đề án",
    "CV": "Công văn",
    "BC": "Báo cáo",
}
_NUMBER_SYMBOL = r"\d{1,5}(?:\s*/\s*\d{4})?(?:\s*[-/]\s*|\s+)[A-ZĐ][A-Za-zĐđ]*(?:\s*[-/&]\s*[A-ZĐ0-9][A-Za-zĐđ0-9]*)*"
_REFERENCE = re.compile(
    r"(?P<type>" + "|".join(_DOC_TYPE_WORDS) + r")\s+(?:số\s*)?(?P<ns>" + _NUMBER_SYMBOL + r")"
    r"|(?P<bare>\bsố\s*)(?P<ns2>" + _NUMBER_SYMBOL + r")"
    r"|(?P<law>\b(?:Bộ luật|Luật|Hiến pháp|Pháp lệnh))\s+(?P<name>[A-ZĐ][^;,]*?)(?=\s+(?:ngày|số|năm)\b|[;,]|$)",
    re.I,
)
_REF_DATE = re.compile(
    r"^\s*,?\s*(?:ban hành\s+)?ngày\s+(?P<raw>\d{1,2}\s*[/.-]\s*\d{1,2}\s*[/.-]\s*\d{4}|"
    r"\d{1,2}\s+tháng\s+\d{1,2}\s+năm\s+\d{4}|\d{1,2}\s*/\s*\d{5,6}|\d{1,2}\s*/\s*\d{1,2})"
)
_REF_ISSUER = re.compile(r"^\s*,?\s*(?:của|do)\s+(?P<issuer>[^,;:(“\"]+)")
_ISSUER_STOP = re.compile(
    r"\s+(?:về|ban hành|V/v|v/v|quy định|phê duyệt|hướng dẫn|triển khai|thực hiện|trên|tại|gắn|nhằm|để|kèm theo|"
    r"với|trong|đối với|việc)\b"
)
_SIBLING_BEFORE = re.compile(
    r"(?:^|[;,]|\bvà|\bcùng|\bCăn cứ|\bThực hiện|\bThi hành|\bTheo|\bXét|\bTriển khai|\bTrên cơ sở)\s*$"
)


def _split_clauses(text: str, separators: str = ";") -> list[str]:
    """Split on separators that are outside quotes and parentheses."""
    for respect_quotes in (True, False):
        parts, depth, quoted, start = [], 0, False, 0
        for index, ch in enumerate(text):
            if ch in "([":
                depth += 1
            elif ch in ")]" and depth:
                depth -= 1
            elif respect_quotes and ch in '“”"':
                quoted = ch == "“" or (ch == '"' and not quoted)
            elif ch in separators and depth == 0 and not quoted:
                parts.append(text[start:index])
                start = index + 1
        parts.append(text[start:])
        if not quoted or not respect_quotes:
            return [_squash(part) for part in parts]
    return [text]


def _is_basis_clause(clause: str, after_basis: bool) -> bool:
    if re.search(r"(?:như sau|sau đây)\s*:?\s*$|:\s*$", clause):
        return False
    if _BASIS_OPENER.match(clause):
        return True
    return bool(_DOC_TYPE_START.match(clause)) and (after_basis or bool(re.search(r"\bsố\s*\d", clause)))


_INTRO_AFTER_COMMA = re.compile(
    r",\s+(?=(?:Ủy ban|Uỷ ban|UBND|Ban|Đảng ủy|Phòng|Hội đồng|Trung tâm)[^,;]{0,80}?\b(?:ban hành|xây dựng|triển khai)\b)"
)


def _bases_and_intro(paragraphs: list[str], notes: list[str]) -> tuple[list[ParsedBasis], str]:
    bases: list[ParsedBasis] = []
    intro: list[str] = []
    for paragraph in paragraphs:
        if intro:
            intro.append(paragraph)
            continue
        clauses = [clause for clause in _split_clauses(paragraph) if clause]
        for position, clause in enumerate(clauses):
            pieces = _INTRO_AFTER_COMMA.split(clause, 1)
            if not _is_basis_clause(pieces[0], bool(bases)):
                intro.append("; ".join(clauses[position:]))
                break
            bases.append(_make_basis(pieces[0], bases, notes))
            if len(pieces) == 2:
                intro.append("; ".join([pieces[1], *clauses[position + 1 :]]))
                break
    return bases, "\n".join(intro)


def _make_basis(clause: str, previous: list[ParsedBasis], notes: list[str]) -> ParsedBasis:
    clause = clause.rstrip(" .;")
    match = _BASIS_OPENER.match(clause)
    opening = match["opening"] if match else (previous[-1].opening if previous else "")
    return ParsedBasis(opening=opening, text=clause, references=_references(clause, notes))


def _parse_reference_date(raw: str, notes: list[str], ns: str) -> datetime.date | None:
    match = re.fullmatch(r"(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{4})", raw) or re.fullmatch(
        r"(\d{1,2})\s+tháng\s+(\d{1,2})\s+năm\s+(\d{4})", raw
    )
    date = _make_date(*match.groups()) if match else None
    if date is None:
        notes.append(f"Ngày của văn bản {ns} không hợp lệ: “{raw}”.")
    return date


def _clean_summary(text: str) -> str:
    text = re.sub(r"^\s*(?:về việc|về|V/v|v/v)\s+", "", text.strip(" ,;"))
    text = re.sub(r"\s+(?:và|cùng)$", "", text).strip(" ,;.")
    if text.startswith(("“", '"')) and text.endswith(("”", '"')) and text.count("“") <= 1:
        text = text[1:-1].strip()
    return text


def _references(clause: str, notes: list[str]) -> list[ParsedReference]:
    """Find the documents cited in a basis clause."""
    matches = list(_REFERENCE.finditer(clause))
    siblings = [i for i, m in enumerate(matches) if _SIBLING_BEFORE.search(clause[: m.start()])]
    references = []
    for i, match in enumerate(matches):
        next_start = matches[i + 1].start() if i + 1 < len(matches) else len(clause)
        if i in siblings:
            later = [matches[j].start() for j in siblings if j > i]
            span_end = later[0] if later else len(clause)
        else:
            span_end = next_start
        references.append(_make_reference(clause, match, span_end, nested=i not in siblings, notes=notes))
    return references


def _make_reference(clause: str, match: re.Match, span_end: int, *, nested: bool, notes: list[str]) -> ParsedReference:
    if match["law"]:
        date_match = _REF_DATE.match(clause[match.end() :])
        issued_on = _parse_reference_date(_squash(date_match["raw"]), notes, match["name"]) if date_match else None
        return ParsedReference(doc_type=match["law"], issued_on=issued_on, summary=match["name"].strip())
    ns = _normalise_number_symbol(match["ns"] or match["ns2"])
    doc_type = match["type"] or ""
    code = re.split(r"[-/]", re.sub(r"^\d+(?:/\d{4})?[-/]", "", ns))[0]
    if not doc_type:
        doc_type = _CODE_TO_TYPE.get(code, "")
        notes.append(f"Loại của văn bản {ns} được suy ra từ ký hiệu: {doc_type or 'không rõ'}.")
    elif code in _CODE_TO_TYPE and _CODE_TO_TYPE[code].lower() != doc_type.lower():
        notes.append(f"Loại văn bản “{doc_type}” không khớp với ký hiệu {ns}.")
    rest = clause[match.end() : span_end]
    issued_on, issuer = None, ""
    date_match = _REF_DATE.match(rest)
    if date_match:
        issued_on = _parse_reference_date(_squash(date_match["raw"]), notes, ns)
        rest = rest[date_match.end() :]
    issuer_match = _REF_ISSUER.match(rest)
    if issuer_match:
        issuer = _ISSUER_STOP.split(issuer_match["issuer"], 1)[0].strip()
        rest = rest[issuer_match.start("issuer") + len(issuer) :]
    summary = _clean_summary(rest)
    if nested and not re.match(r"^\s*(?:về|V/v|v/v)\b", rest):
        summary = ""
    return ParsedReference(number_symbol=ns, doc_type=doc_type, issued_on=issued_on, issuer=issuer, summary=summary)


def _normalise_number_symbol(raw: str) -> str:
    ns = re.sub(r"\s*([-/&])\s*", r"\1", raw.strip())
    return re.sub(r"^(\d+)\s+", r"\1-", ns)


# ---------------------------------------------------------------------------
# Tasks
# ---------------------------------------------------------------------------

_FIELD_LABELS = (
    (
        "coordinating",
        re.compile(r"(?:Cơ quan|Đơn vị|Bộ phận|Lực lượng)\s+phối hợp(?:\s+thực hiện)?|Phối hợp(?:\s+thực hiện)?", re.I),
    ),
    (
        "lead",
        re.compile(
            r"(?:Cơ quan|Đơn vị|Bộ phận|Lực lượng)\s+(?:chủ trì|thực hiện|tham mưu|chịu trách nhiệm|phụ trách)"
            r"|Chủ trì(?:\s+thực hiện)?|Người thực hiện|Trách nhiệm thực hiện",
            re.I,
        ),
    ),
    ("form", re.compile(r"Hình thức(?:\s+(?:thực hiện|tổ chức|triển khai))?|Phương thức(?:\s+thực hiện)?", re.I)),
    (
        "timeframe",
        re.compile(
            r"Thời gian(?:\s+(?:thực hiện|hoàn thành|triển khai))?|Thời hạn(?:\s+(?:hoàn thành|thực hiện))?|Tiến độ(?:\s+thực hiện)?",
            re.I,
        ),
    ),
    (
        "expected_output",
        re.compile(r"Sản phẩm(?:\s+(?:đầu ra|dự kiến))?|Kết quả(?:\s*/\s*sản phẩm|\s+đầu ra|\s+dự kiến)?", re.I),
    ),
)
_IMPLEMENTATION = re.compile(r"TỔ CHỨC THỰC HIỆN|PHÂN CÔNG (?:NHIỆM VỤ|THỰC HIỆN)|TRÁCH NHIỆM (?:THỰC HIỆN|CỦA)", re.I)
_UNIT_WORDS = (
    r"(?:Phòng|Văn phòng|Ban|Ủy ban|Uỷ ban|UBND|UB MTTQ|UBMTTQ|Trung tâm|Công an|Hội|Đoàn|Mặt trận|MTTQ|Đảng ủy|Đảng uỷ|"
    r"Đảng bộ|Chi bộ|Trường|Trạm|Đài|Bộ phận|Cơ quan|Lực lượng|Thủ trưởng|Người đứng đầu|Tổ|Thôn|Khu dân cư|Sở|"
    r"Hội đồng|HĐND|Các|Cán bộ|Công chức|Chủ tịch|Phó Chủ tịch|Lãnh đạo|Trưởng|Đội|Hợp tác xã|Bưu điện|Ngân hàng|"
    r"Kho bạc|Liên đoàn|Đơn vị|BCH|Y tế|Tòa án|Viện|Thanh tra|Chi cục|Cục|Bộ|Công đoàn|Cựu chiến binh|Bí thư|"
    r"Quân sự|Doanh nghiệp|Nhà trường|TT|Thường trực|các|lực lượng)"
)
_UNIT_START = re.compile(rf"^{_UNIT_WORDS}\b")
_UNIT_HEADING = re.compile(rf"^(?:(?:Đề nghị|Giao cho|Giao)\s+)?(?P<unit>{_UNIT_WORDS}\b.*)$")
_DUTY_VERBS = (
    r"chủ trì|phối hợp|tăng cường|chủ động|tổ chức|triển khai|thực hiện|tham mưu|căn cứ|xây dựng|hướng dẫn|theo dõi|"
    r"quan tâm|chỉ đạo|có trách nhiệm|chịu trách nhiệm|đẩy mạnh|tiếp tục|rà soát|kiểm tra|tuyên truyền|giám sát|"
    r"bố trí|đôn đốc|báo cáo|phụ trách|lựa chọn|đăng ký|nghiên cứu|vận động|tích cực"
)
_LEADING_UNIT = re.compile(
    rf"^(?:(?:Đề nghị|Giao cho|Giao)\s+)?(?P<unit>{_UNIT_WORDS}\b.{{2,140}}?)(?<!\bcác)(?<!\bnhững)\s+(?:{_DUTY_VERBS})\b"
)
_GROUP_CLOSER = re.compile(r"\b(?:thuộc|trực thuộc|trên địa bàn|của|liên quan)\b")


def split_units(text: str) -> list[str]:
    """Split a phrase naming units into unit names or group phrases.

    Rules: split on "," and ";" outside parentheses, and on " và " when the right side starts
    a unit ("Phòng", "Ủy ban", "các"...) and the left side is not "Văn phòng ..." (as in
    "Văn phòng HĐND và UBND"). Then merge back pieces that cannot stand alone: a capitalised
    piece that does not start a unit continues a name ("Phòng Kinh tế, Hạ tầng và Đô thị"),
    and lower-case pieces continue an open "các ..." group until a qualifier closes it
    ("các phòng, đơn vị sự nghiệp thuộc xã" stays whole; "thuộc", "trực thuộc", "trên địa
    bàn", "của", "liên quan" close a group).
    """
    text = _squash(text).strip(" .;:,")
    if not text:
        return []
    pieces = []
    for piece in _split_clauses(text, ",;"):
        pieces.extend(_split_on_va(piece))
    units: list[str] = []
    group_open = False
    for piece in (p.strip(" .") for p in pieces):
        if not piece:
            continue
        continues_name = piece[0].isupper() and not _UNIT_START.match(piece)
        continues_group = group_open and piece[0].islower() and not piece.startswith(("các ", "lực lượng"))
        if units and (continues_name or continues_group):
            units[-1] = f"{units[-1]}, {piece}"
            group_open = group_open and not _GROUP_CLOSER.search(piece)
            continue
        units.append(piece)
        group_open = bool(re.match(r"^(?:(?:Thủ trưởng|Lãnh đạo|Người đứng đầu)\s+)?[Cc]ác\b", piece))
        group_open = group_open and not _GROUP_CLOSER.search(piece)
    return units


def _split_on_va(piece: str) -> list[str]:
    parts = re.split(r"\s+và\s+", piece)
    out = [parts[0]]
    for part in parts[1:]:
        if _UNIT_START.match(part) and not out[-1].startswith("Văn phòng"):
            out.append(part)
        else:
            out[-1] = f"{out[-1]} và {part}"
    return out


def _field_of_text(text: str) -> tuple[str, str, str] | None:
    """Return (field key, label as written, value) when `text` reads "Cơ quan thực hiện: ..."."""
    match = re.match(r"^(?P<label>[^:]{2,40}?)\s*:\s*(?P<value>.*)$", text, re.S)
    if not match:
        return None
    return _field_of_label(match["label"], match["value"])


def _field_of_label(label: str, value: str) -> tuple[str, str, str] | None:
    for key, regex in _FIELD_LABELS:
        if regex.fullmatch(label.strip()):
            return key, label.strip(), _strip_separator(value)
    return None


def _field_of(part: ParsedSection | str) -> tuple[str, str, str] | None:
    """Return the task field carried by a text paragraph or a bullet ("- Thời gian thực hiện: ...")."""
    if isinstance(part, str):
        return _field_of_text(part)
    if part.numbering not in ("dash", "plus", "none"):
        return None
    extra = [line for child in part.children for line in _section_lines(child)]
    if part.heading:
        return _field_of_label(part.heading, "\n".join([part.text, *extra]))
    return _field_of_text("\n".join([part.text, *extra]))


def _strip_separator(text: str) -> str:
    """Drop the ";" or "." that ends a list line (but not an ellipsis)."""
    return re.sub(r"(?<!\.)[;.]\s*$", "", text.strip()).strip()


def _leading_unit(text: str) -> str:
    match = _LEADING_UNIT.match(text.lstrip("- +"))
    return match["unit"].strip(" ,") if match else ""


_LOGISTICS_HEADING = re.compile(r"^(?:THỜI GIAN|ĐỊA ĐIỂM|THÀNH PHẦN|KINH PHÍ)", re.I)


def _block_parts(section: ParsedSection) -> list[ParsedSection | str]:
    """Return what follows a section's heading: its text paragraphs, then its sub-items."""
    paragraphs = section.text.split("\n") if section.text else []
    return [*paragraphs, *section.children]


def _make_blocks(section: ParsedSection, notes: list[str]) -> None:
    """Turn items whose lines carry task fields ("Cơ quan thực hiện:", "Thời gian:"...) into task blocks."""
    parts = _block_parts(section)
    fields = [_field_of(part) for part in parts]
    keys = {found[0] for found in fields if found}
    about_logistics = _LOGISTICS_HEADING.match(section.heading)  # "IV. THỜI GIAN, ĐỊA ĐIỂM" is not a task
    if (keys & {"lead", "coordinating", "timeframe"} or len(keys) >= 2) and not about_logistics:
        _to_block(section, parts, fields, notes)
        return
    _extract_tasks(section.children, notes, top=False)


def _to_block(section: ParsedSection, parts: list, fields: list, notes: list[str]) -> None:
    content = [section.heading] if section.heading else []
    values: dict[str, str] = {}
    labels: dict[str, str] = {}
    others = []
    for part, found in zip(parts, fields, strict=True):
        if found:
            key, label, value = found
            labels[key] = label
            values[key] = f"{values[key]}\n{value}" if key in values else value
        else:
            others.append(part if isinstance(part, str) else part.text)
            content.extend([part] if isinstance(part, str) else _section_lines(part))
    task = ParsedTask(content="\n".join(content), labels=labels)
    _fill_fields(task, values)
    if not task.lead_units:
        phrase = next((unit for unit in map(_leading_unit, others) if unit), "")
        task.lead_text, task.lead_units = phrase, split_units(phrase)
        if not phrase:
            notes.append(f"Không xác định được cơ quan thực hiện nhiệm vụ: “{_shorten(task.content)}”.")
    section.heading, section.text, section.children = "", "", []
    section.tasks, section.task_layout = [task], "blocks"


def _shorten(text: str, size: int = 80) -> str:
    text = _squash(text)
    return text if len(text) <= size else text[: size - 1].rstrip() + "…"


def _unit_of_heading(heading: str) -> str:
    match = _UNIT_HEADING.match(heading)
    return match["unit"] if match else ""


def _assign_duties(section: ParsedSection, notes: list[str]) -> None:
    """Under "Tổ chức thực hiện": turn each unit's paragraphs and bullets into tasks."""
    if section.text and any(_leading_unit(p) for p in section.text.split("\n")):
        paragraphs = [ParsedSection(numbering="none", text=p) for p in section.text.split("\n") if p]
        section.text, section.children = "", [*paragraphs, *section.children]
    for child in section.children:
        if not child.heading and child.numbering in ("dash", "plus"):
            _split_unit_colon(child)
        unit = _unit_of_heading(child.heading) if child.heading else ""
        if unit and not any(_unit_of_heading(grand.heading) for grand in child.children if grand.heading):
            _duties_from(child, unit)
        elif not child.heading and not child.children and _leading_unit(child.text):
            phrase = _leading_unit(child.text)
            child.tasks = [ParsedTask(content=child.text, lead_units=split_units(phrase), lead_text=phrase)]
            child.text, child.task_layout = "", "duties"
        elif child.children:
            _assign_duties(child, notes)


def _split_unit_colon(section: ParsedSection) -> None:
    match = re.match(r"^(?P<head>[^:]{2,120}?)\s*:\s*(?P<rest>\S.*)$", section.text)
    if match and _UNIT_HEADING.match(match["head"]) and len(_FIELD_WORDS.findall(match["head"])) <= 16:
        section.heading, section.text = match["head"], match["rest"]


def _duties_from(section: ParsedSection, unit: str) -> None:
    tasks = [ParsedTask(content=paragraph, marker="") for paragraph in section.text.split("\n") if paragraph]
    for child in section.children:
        lines = _section_lines(child)
        if not lines:
            continue
        first = lines[0]
        marker = _marker_text(child)
        if marker and first.startswith(marker):
            first = first[len(marker) :].strip()
        tasks.append(ParsedTask(content="\n".join([first, *lines[1:]]), marker=marker))
    for task in tasks:
        task.lead_units, task.lead_text = [unit], unit
    section.text, section.children = "", []
    section.tasks, section.task_layout = tasks, "duties"


def _extract_tasks(sections: list[ParsedSection], notes: list[str], *, top: bool = True) -> None:
    """Find duties under "Tổ chức thực hiện" (a top-level part, or a nested item named exactly so) and blocks elsewhere."""
    for section in sections:
        heading = section.heading.strip(" .:")
        if _IMPLEMENTATION.search(heading) if top else _IMPLEMENTATION.fullmatch(heading):
            _assign_duties(section, notes)
        else:
            _make_blocks(section, notes)


# ---------------------------------------------------------------------------
# Tail: closing, recipients, signature
# ---------------------------------------------------------------------------


def _split_closing(items: list[_Item]) -> tuple[list[_Item], str]:
    """Remove the closing paragraph(s) ("Trên đây là Kế hoạch ... ./.") from the end of the body."""
    for index in range(len(items) - 1, -1, -1):
        if items[index].kind == "none" and items[index].body.startswith("Trên đây"):
            tail = items[index:]
            if all(item.kind == "none" for item in tail):
                return items[:index], "\n".join(item.body for item in tail)
            break
    if items and items[-1].kind == "none" and re.search(r"/\.\s*$", items[-1].body):
        return items[:-1], items[-1].body
    return items, ""


_NAME = re.compile(rf"^(?:[{VN_UPPER}][{VN_LOWER}]*)(?:\s+[{VN_UPPER}][{VN_LOWER}]*){{1,5}}$")
_SIGNED_MARK = re.compile(r"^\(?\s*(?:Đã ký|đã ký|Ký|ký)(?:[^)]*)\)?$")


@dataclass
class _Tail:
    recipients: list[str] = field(default_factory=list)
    signature_lines: list[str] = field(default_factory=list)
    signer: str = ""
    leftovers: list[str] = field(default_factory=list)


def _parse_tail(lines: list[str]) -> _Tail:
    tail = _Tail()
    in_recipients = False
    for segment in _segments(lines):
        label = _RECIPIENTS_LABEL.match(segment)
        if label:
            in_recipients = True
            segment = segment[label.end() :]
            if not segment:
                continue
        if segment.startswith(("-", "+", "•")):
            tail.recipients.append(_clean_recipient(segment))
        elif _SIGNATURE_PREFIX.match(segment) or (_is_upper_text(segment) and len(segment) <= 80):
            tail.signature_lines.append(segment)
            in_recipients = False
        elif _SIGNED_MARK.match(segment):
            continue
        elif _NAME.match(segment):
            tail.signer = segment
        elif in_recipients and tail.recipients and not re.search(r"[;.]$", segment):
            tail.recipients[-1] = _clean_recipient(f"{tail.recipients[-1]} {segment}")
        elif in_recipients and not tail.recipients:
            tail.recipients.append(_clean_recipient(segment))
        else:
            tail.leftovers.append(segment)
    return tail


def _clean_recipient(text: str) -> str:
    return _squash(text.lstrip("-+• ")).rstrip(" ;.,")


_POSITION_AT_END = re.compile(
    r"^(?P<authority>.+?)\s+(?P<position>(?:PHÓ\s+)?(?:CHỦ TỊCH|BÍ THƯ|TRƯỞNG PHÒNG|GIÁM ĐỐC|TRƯỞNG BAN))$"
)


def _make_signature(lines: list[str], signer: str) -> ParsedSignature | None:
    if not lines and not signer:
        return None
    prefix, authority, position = "", [], ""
    rest = list(lines)
    match = _SIGNATURE_PREFIX.match(rest[0]) if rest else None
    if match:
        prefix = match["prefix"]
        rest[0] = match["rest"]
    if len(rest) == 1 and prefix:
        split = _POSITION_AT_END.match(rest[0])
        if split and split["authority"] != "KT.":
            rest = [split["authority"], split["position"]]
    if len(rest) >= 2:
        authority, position = rest[:-1], rest[-1]
    elif rest:
        (authority, position) = ([rest[0]], "") if prefix else ([], rest[0])
    return ParsedSignature(
        authority_prefix=prefix, authority="\n".join(authority), position=position, signer_name=signer
    )


# ---------------------------------------------------------------------------
# Themes
# ---------------------------------------------------------------------------

_THEME = re.compile(r"chủ đề[^“\"”.;]{0,60}?[“\"](?P<theme>[^”\"]{3,300})[”\"]", re.I)


def _themes(*texts: str) -> list[str]:
    found: list[str] = []
    for text in texts:
        for match in _THEME.finditer(text or ""):
            theme = _squash(match["theme"]).strip(" ,.")
            if not any(difflib.SequenceMatcher(None, theme, seen).ratio() >= 0.85 for seen in found):
                found.append(theme)
    return found


# ---------------------------------------------------------------------------
# parse_plan
# ---------------------------------------------------------------------------


def parse_plan(text: str) -> ParsedPlan:
    """Parse the text of a plan; raise NotAPlanError or LegacyEncodingError when it cannot be one."""
    _check_text(text)
    lines = _clean_lines(text, keep_bold=True)
    plan = ParsedPlan()
    notes = plan.uncertain
    body_start = _read_top(lines, plan, notes)
    tail_start = _find_tail(lines, body_start)
    appendix_start = _find_appendix(lines, tail_start if tail_start < len(lines) else body_start)
    body_end = min(tail_start, appendix_start)
    items = [_classify(paragraph) for paragraph in _join_lines(lines[body_start:body_end])]
    prelude, items = _split_prelude(items)
    items, plan.closing = _split_closing(items)
    plan.bases, plan.intro = _bases_and_intro([item.body for item in prelude], notes)
    plan.sections = _build_tree(items, notes)
    _extract_tasks(plan.sections, notes)
    for section in plan.walk_sections():
        _promote_short_heading(section)
    _read_tail(lines[tail_start:appendix_start], plan, notes)
    _read_appendix(lines[appendix_start:], plan, notes)
    _fill_gaps(plan, notes)
    return plan


def _read_top(lines: list[str], plan: ParsedPlan, notes: list[str]) -> int:
    """Read header, type line and title into `plan`; return the index where the body starts."""
    found = _find_type_line(lines)
    if found:
        type_index, plan.doc_type, rest = found
        _reject_type(plan.doc_type)
        header_lines = lines[:type_index]
        title, body_start = _split_title(lines, type_index + 1, rest)
    else:
        plan.doc_type = _type_from_symbol(lines) or ""
        if plan.doc_type:
            _reject_type(plan.doc_type)
        elif not _looks_like_untitled_plan(normalise_text("\n".join(lines))):
            raise NotAPlanError(
                "Không nhận ra văn bản là kế hoạch: không thấy tên loại “KẾ HOẠCH” hoặc “CHƯƠNG TRÌNH” "
                "ở phần đầu văn bản."
            )
        plan.doc_type = plan.doc_type or "KẾ HOẠCH"
        notes.append("Không thấy dòng tên loại văn bản; đã coi đây là kế hoạch và để trống trích yếu.")
        body_start = _first_body_line(lines)
        header_lines, title = lines[:body_start], []
    plan.title = _squash(_glue_all(title))
    header = _parse_header(header_lines, notes)
    plan.parent_agency, plan.agency = header.parent_agency, header.agency
    plan.number, plan.symbol = header.number, header.symbol
    plan.place, plan.issued_on = header.place, header.issued_on
    if not header.number_seen:
        notes.append("Không tìm thấy số, ký hiệu văn bản.")
    if not header.date_seen:
        notes.append("Không tìm thấy địa danh và ngày ban hành.")
    return body_start


def _glue_all(parts: list[str]) -> str:
    out = ""
    for part in parts:
        out = _glue(out, part) if out else part
    return _plain(out)


def _first_body_line(lines: list[str]) -> int:
    for index, line in enumerate(lines):
        plain = _squash(_plain(line))
        if _BASIS_OPENER.match(plain) or _marker(plain)[0] in _NUMBERED:
            return index
    return 0


def _split_prelude(items: list[_Item]) -> tuple[list[_Item], list[_Item]]:
    count = 0
    for item in items:
        if item.kind == "none" or (item.kind == "dash" and _BASIS_OPENER.match(item.body)):
            count += 1
        else:
            break
    return items[:count], items[count:]


def _read_tail(lines: list[str], plan: ParsedPlan, notes: list[str]) -> None:
    tail = _parse_tail(lines)
    plan.recipients = tail.recipients
    plan.signature = _make_signature(tail.signature_lines, tail.signer)
    if not any(_RECIPIENTS_LABEL.match(segment) for segment in _segments(lines)):
        notes.append("Không tìm thấy phần “Nơi nhận”.")
    if plan.signature is None:
        notes.append("Không tìm thấy khối chữ ký.")
    elif not plan.signature.signer_name:
        notes.append("Không tìm thấy họ tên người ký.")
    for leftover in tail.leftovers:
        notes.append(f"Không xếp được dòng cuối văn bản: “{_shorten(leftover)}”.")


def _read_appendix(lines: list[str], plan: ParsedPlan, notes: list[str]) -> None:
    heading, rows = [], []
    for line in lines:
        plain = _squash(_plain(line))
        if not plain:
            continue
        if _is_table_line(plain):
            rows.append(_split_cells(plain))
        elif rows:
            rows[-1][-1] = f"{rows[-1][-1]} {plain}".strip()
        elif not _RULE_LINE.match(plain):
            heading.append(plain)
    plan.appendix_heading = "\n".join(heading)
    if rows:
        tasks = _table_tasks(rows, notes)
        if tasks is None:
            notes.append("Phụ lục có bảng nhưng không nhận ra các cột nhiệm vụ; chưa nhập bảng này.")
        else:
            plan.appendix_tasks = tasks


def _fill_gaps(plan: ParsedPlan, notes: list[str]) -> None:
    if not plan.agency:
        agency, place = _agency_from_text(plan.intro, plan.closing, plan.title)
        if agency:
            plan.agency = agency
            notes.append(f"Không thấy tên cơ quan ban hành ở phần đầu; đã lấy theo nội dung: “{agency}”.")
            if not plan.place:
                plan.place = place
                notes.append(f"Địa danh được suy ra từ tên cơ quan: {place}.")
        else:
            notes.append("Không xác định được cơ quan ban hành.")
    if not plan.title:
        notes.append("Không tìm thấy trích yếu (tên) của kế hoạch.")
    if not plan.closing:
        notes.append("Không tìm thấy đoạn kết (“Trên đây là Kế hoạch …”).")
    body = [plan.title, plan.intro, *(b.text for b in plan.bases)]
    body += [f"{s.heading} {s.text}" for s in plan.walk_sections()]
    body += [t.content for t in plan.all_tasks()] + [plan.closing]
    plan.themes = _themes(*body)


# ---------------------------------------------------------------------------
# flatten_text
# ---------------------------------------------------------------------------


def _marker_text(section: ParsedSection) -> str:
    if section.numbering in ("roman", "arabic", "decimal"):
        return f"{section.label}."
    if section.numbering == "letter":
        return f"{section.label})"
    return section.label if section.numbering in ("dash", "plus") else ""


def _section_lines(section: ParsedSection) -> list[str]:
    """Render a section, its children and its tasks as text lines."""
    marker = _marker_text(section)
    paragraphs = section.text.split("\n") if section.text else []
    lines = []
    if section.heading:
        lines.append(f"{marker} {section.heading}".strip())
        lines.extend(paragraphs)
    elif paragraphs:
        lines.append(f"{marker} {paragraphs[0]}".strip())
        lines.extend(paragraphs[1:])
    for child in section.children:
        lines.extend(_section_lines(child))
    task_lines = _tasks_lines(section.tasks, section.task_layout)
    if marker and not lines and task_lines:
        task_lines[0] = f"{marker} {task_lines[0]}"
    elif marker and not lines:
        lines.append(marker)
    return lines + task_lines


_DEFAULT_LABELS = {
    "lead": "Cơ quan thực hiện",
    "coordinating": "Cơ quan phối hợp",
    "form": "Hình thức",
    "timeframe": "Thời gian thực hiện",
    "expected_output": "Sản phẩm",
}
_TASK_VALUES = {
    "stt": lambda t: t.marker,
    "content": lambda t: t.content,
    "lead": lambda t: t.lead_text,
    "coordinating": lambda t: t.coordinating_text,
    "form": lambda t: t.form,
    "timeframe": lambda t: t.timeframe,
    "expected_output": lambda t: t.expected_output,
}


def _tasks_lines(tasks: list[ParsedTask], layout: str) -> list[str]:
    lines: list[str] = []
    header: dict[str, str] | None = None
    for task in tasks:
        if "content" in task.labels:  # a table row
            if task.labels != header:
                header = task.labels
                lines.append(" | ".join(header.values()))
            lines.append(" | ".join(_TASK_VALUES[key](task) for key in task.labels))
        elif layout == "duties":
            lines.append(f"{task.marker} {task.content}".strip())
        else:
            lines.append(task.content)
            for key, label in (task.labels or _default_labels(task)).items():
                lines.append(f"- {label}: {_TASK_VALUES[key](task)}")
    return lines


def _default_labels(task: ParsedTask) -> dict[str, str]:
    return {key: label for key, label in _DEFAULT_LABELS.items() if _TASK_VALUES[key](task)}


def _date_words(day: datetime.date) -> str:
    dd = f"{day.day:02d}" if day.day < 10 else str(day.day)
    mm = f"{day.month:02d}" if day.month < 3 else str(day.month)
    return f"ngày {dd} tháng {mm} năm {day.year}"


def flatten_text(plan: ParsedPlan) -> str:
    """Rebuild the document's text in reading order from the structure."""
    out: list[str] = [x for x in (plan.parent_agency, plan.agency) if x]
    if plan.number is not None or plan.symbol:
        number = f"{plan.number:02d}" if plan.number is not None else "   "
        out.append(f"Số: {number}/{plan.symbol}")
    if plan.issued_on or plan.place:
        out.append(", ".join(x for x in (plan.place, _date_words(plan.issued_on) if plan.issued_on else "") if x))
    out += [x for x in (plan.doc_type, plan.title) if x]
    out += [basis.text + (";" if i < len(plan.bases) - 1 else ".") for i, basis in enumerate(plan.bases)]
    if plan.intro:
        out.append(plan.intro)
    for section in plan.sections:
        out.extend(_section_lines(section))
    if plan.closing:
        out.append(plan.closing)
    if plan.recipients:
        out.append("Nơi nhận:")
        out += [f"- {r}{';' if i < len(plan.recipients) - 1 else '.'}" for i, r in enumerate(plan.recipients)]
    if plan.signature:
        sig = plan.signature
        authority = sig.authority.split("\n") if sig.authority else []
        first = " ".join(x for x in (sig.authority_prefix, authority[0] if authority else "") if x)
        out += [x for x in (first, *authority[1:], sig.position, sig.signer_name) if x]
    if plan.appendix_heading:
        out.append(plan.appendix_heading)
    out.extend(_tasks_lines(plan.appendix_tasks, "blocks"))
    return "\n".join(out)
