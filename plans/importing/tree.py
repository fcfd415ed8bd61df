"""The section tree (step 5 of the approach described in `parser`).

Classify each paragraph into an item by its marker, split a heading from its text (bold prefix, a
whole heading line, or a short "Heading: text"), and nest the items into ParsedSection objects with
a stack, so any nesting order of numbering styles works.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .paragraphs import _NUMBERED, _marker
from .structure import ParsedSection
from .tables import _attach_table, _is_table_line, _split_cells
from .text import BOLD, _is_upper_text, _plain, _squash, _starts_upper

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
    """Split an item's body into (heading, text).

    The heading keeps the punctuation its author wrote after it ("Phòng Văn hóa - Xã hội:",
    "MỤC ĐÍCH, YÊU CẦU."), so the printed plan reads as the source; readers of the heading
    that need the bare words strip it themselves.
    """
    body = item.body
    if item.kind == "none" or not body:
        return "", body
    if item.bold and body.startswith(item.bold) and len(item.bold) <= 160:
        rest = body[len(item.bold) :]
        colon = ":" if rest.lstrip().startswith(":") and not item.bold.rstrip().endswith(":") else ""
        return item.bold.rstrip() + colon, rest.lstrip(" :")
    numbered = item.kind in _NUMBERED
    if numbered and (_is_upper_text(body) and len(body) <= 200 or _is_heading_line(body)):
        return body.rstrip(), ""
    match = re.match(r"^(?P<head>[^:]{2,90}?)\s*:\s*(?P<rest>\S.*)$", body)
    if match:
        head = match["head"]
        limit = 10 if numbered else 5
        if len(_FIELD_WORDS.findall(head)) <= limit and _starts_upper(head) and not re.search(r"[\"“”\d;]", head):
            return f"{head}:", match["rest"]
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
    """Nest items into sections with a stack (see the docstring of `parser`, step 5)."""
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
        section.heading, section.text = text.rstrip(), ""
