"""Text cleanup shared by every step of the plan parser.

Normalise extracted text (NFC, no zero-width or control characters, no page-number lines, Markdown
markers dropped or turned into a bold sentinel), split it into sentences, and provide the small text
helpers the other parser modules share: upper-case tests, clause splitting outside quotes and
parentheses, and the split of two-column header and signature lines into segments.
"""

from __future__ import annotations

import html
import re
import unicodedata

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
_NUMBER_LABEL = re.compile(r"(?:^|\s)Số\s*[:.]?\s*$")
_ITALIC = re.compile(r"(?<![\w*])\*(?=[^\s*])([^*\n]*?[^\s*])\*(?![\w*])")
_RULE_LINE = re.compile(r"^[\s\-_=*~.•·|–—]{3,}$|^\*$")


_HTML_TAG = re.compile(r"</?[a-zA-Z][a-zA-Z0-9]*(?:\s[^<>]*)?/?>")
_HTML_BREAK = re.compile(r"<br\s*/?>|</(?:p|div|tr|li|h[1-6]|table|ul|ol)>", re.I)
_HTML_CELL = re.compile(r"<t[dh](?:\s[^<>]*)?>", re.I)
_MD_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+|\s+#+\s*$")
_MD_QUOTE = re.compile(r"^\s{0,3}>\s?")
_MD_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|>])")
# Lines a web page adds around a document: breadcrumbs, date posted, view counts, share buttons.
_WEB_CHROME = re.compile(
    r"^(?:Trang chủ\s*[>»/|].*|(?:Đăng ngày|Ngày đăng|Cập nhật)\s*:?\s*\d{1,2}/\d{1,2}/\d{4}.*|.*\|\s*Lượt xem\s*:?\s*\d+.*"
    r"|Lượt xem\s*:?\s*\d+|(?:Chia sẻ|In bài|Cỡ chữ|Gửi email)(?:\s*[|:].*)?)$",
    re.I,
)


def _strip_html(text: str) -> str:
    """Turn HTML remnants into text: block ends and <br> into line breaks, cells into "|", entities decoded."""
    if not _HTML_TAG.search(text) and "&" not in text:
        return text
    text = _HTML_BREAK.sub("\n", text)
    text = _HTML_CELL.sub("| ", text)
    text = re.sub(r"</?(?:strong|b)>", "**", text, flags=re.I)
    return html.unescape(_HTML_TAG.sub("", text))


def _clean_lines(text: str, *, keep_bold: bool) -> list[str]:
    """Return the cleaned lines of `text` (see the docstring of `parser`, step 1)."""
    text = unicodedata.normalize("NFC", text).translate(_ZERO_WIDTH)
    text = re.sub(r"\r\n?|[\u2028\u2029\x0b\x0c\x85]", "\n", text)
    text = _SPACES.sub(" ", _CONTROL.sub("", _strip_html(text)))
    lines: list[str] = []
    for line in text.split("\n"):
        line = _MD_ESCAPE.sub(r"\1", _MD_QUOTE.sub("", _MD_HEADING.sub("", line.rstrip())))
        number_of_header = lines and _NUMBER_LABEL.search(lines[-1])  # "Số:" / "05" / "/KH-UBND" in a header cell
        if (_PAGE_NUMBER.match(line) and not number_of_header) or _WEB_CHROME.match(line.strip()):
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
# Helpers shared by the other parser modules
# ---------------------------------------------------------------------------


def _starts_upper(text: str) -> bool:
    stripped = text.lstrip(BOLD + "\"“‘'([* ")
    return bool(stripped) and stripped[0].isupper()


def _is_upper_text(text: str) -> bool:
    letters = [ch for ch in text if ch.isalpha()]
    return len(letters) >= 2 and sum(ch.isupper() for ch in letters) >= 0.8 * len(letters)


def _segments(lines: list[str]) -> list[str]:
    """Split header/tail lines on "|" and on wide gaps left by two-column layouts."""
    out = []
    for line in lines:
        for part in re.split(r"\||\s{4,}", _plain(line)):
            part = _squash(part)
            if part and not _RULE_LINE.match(part):
                out.append(part)
    return out


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


def _shorten(text: str, size: int = 80) -> str:
    text = _squash(text)
    return text if len(text) <= size else text[: size - 1].rstrip() + "…"
