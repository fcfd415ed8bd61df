"""List markers and paragraph joining (step 4 of the approach described in `parser`).

Recognise the marker a paragraph starts with (I., 1., 1.1., a), -, +) and glue PDF-broken lines back
into paragraphs, measuring "short" lines against the document's typical line width.
"""

from __future__ import annotations

import re

from .fields import _starts_field
from .tables import _is_table_line
from .text import _RULE_LINE, BOLD, VN_UPPER, _is_upper_text, _plain, _squash, _starts_upper

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


_TERMINAL = re.compile(r"[.!?…][\"”’)\]]*$")
# Capitalised words that commonly continue a sentence across a line break.
_PROPER_START = re.compile(
    r"^[\"“(]?(?:Nhân dân|Đảng|Nhà nước|Chính phủ|Thủ tướng|Bộ Chính trị|Ban Bí thư|Trung ương|Mặt trận|Tổ quốc|"
    r"Việt Nam|Hồ Chí Minh|Quyết định|Nghị quyết|Nghị định|Chỉ thị|Kết luận|Luật|Thông tư|Hiến pháp|Đại hội|"
    r"HĐND|UBND|Ủy ban|Uỷ ban|Hội đồng|Thành ủy|Tỉnh ủy|Huyện ủy|Doanh nghiệp|Nhân|Đoàn|Hội)\b"
)
# A line ending like this cannot end a paragraph.
_INCOMPLETE_END = re.compile(r"\b(?:số|ngày|tháng|năm|và|của|các|với|về|tại|theo|là|những|cho|trong|để)$")


def _typical_width(lines: list[str]) -> int:
    lengths = sorted(len(line) for line in lines if line)
    if not lengths:
        return 80
    return max(20, lengths[int(len(lengths) * 0.75)] if len(lengths) >= 4 else lengths[-1])


def _breaks_paragraph(prev: str, line: str, first: str, width: int) -> bool:
    """Decide whether `line` starts a new paragraph after `prev` (see the docstring of `parser`, step 4)."""
    if prev.count(BOLD) % 2 and not _marker(_plain(line))[0]:  # "**1. Phòng" / "Kinh tế**": one bold heading
        return False
    prev, line, first = _plain(prev), _plain(line), _plain(first)
    if re.search(r"[^\W_]-$", prev) or prev.endswith((" -", " –")):
        return False
    if _is_table_line(line) or _is_table_line(prev):
        return True
    kind, _, rest = _marker(line)
    if kind == "dash" and re.match(r"\d", rest) and re.search(r"\d$", prev):  # "giai đoạn 2017" / "- 2021"
        return False
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


def _glue(left: str, right: str) -> str:
    if re.search(r"[^\W_]-$", _plain(left).rstrip()):
        return left + right
    return f"{left} {right}"


# A heading's number alone on its line ("IV.", "**1."): the heading follows on the next line.
_MARKER_ONLY = re.compile(rf"^{BOLD}?(?:[IVXL]{{1,7}}|\d{{1,2}}(?:\.\d{{1,2}}){{0,3}})\s?[.)\-–]$|^{BOLD}?[a-zđ]\)$")


def _join_markers(rows: list[str]) -> list[str]:
    """Glue a line holding only a list number to the line after it."""
    out: list[str] = []
    for row in rows:
        if out and _MARKER_ONLY.match(out[-1]):
            out[-1] = f"{out[-1]} {row}"
        else:
            out.append(row)
    return out


def _join_lines(lines: list[str]) -> list[str]:
    """Re-join PDF-broken lines into paragraphs."""
    rows = [_squash(line) for line in lines]
    rows = _join_markers([row for row in rows if row and not _RULE_LINE.match(_plain(row))])
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
