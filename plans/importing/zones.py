"""Zones of the document (step 3 of the approach described in `parser`).

Find the title after the type line, where the tail starts ("Nơi nhận" or the first signature line)
and where an appendix starts ("Phụ lục"); what lies between the title and the tail is the body.
"""

from __future__ import annotations

import re

from .bases import _BASIS_OPENER
from .paragraphs import _NUMBERED, _TERMINAL, _marker
from .tail import _RECIPIENTS_LABEL, _SIGNATURE_PREFIX
from .text import _RULE_LINE, VN_UPPER, _is_upper_text, _plain, _segments, _squash

_TITLE_STOP = re.compile(
    r"^(?:Nhằm|Để|Qua|Hôm nay)\b|^(?:Ủy ban|Uỷ ban|UBND|Ban|Đảng ủy|Phòng)\b.{0,80}\b(?:ban hành|xây dựng)\b"
)


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
