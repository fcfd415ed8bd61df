"""Measure how faithfully a structured plan keeps the text of its source document.

Two things are structure, not words of the document, and are compared as such: a task field's label
(any synonym of "Cơ quan chủ trì:" reads as the same field, since the portal prints each field under
its standard label) and the header row of a task table (its words are the labels printed with each
task), with the row numbers of its STT column. Every other word and number must be there, in order; a table row is read cell by cell.
"""

import re

from .headline import find_headline
from .labels import canonical_labels
from .tables import _column_keys, _is_separator_row, _is_table_line, _split_cells
from .text import normalise_text, sentences


def canonical(text: str) -> str:
    """Return only the letters and digits of `text`: spacing, punctuation and list markers may differ."""
    return re.sub(r"[\W_]+", "", canonical_labels(text))


def source_sentences(source: str) -> list[str]:
    """Return the sentences of `source` in order; a table row gives one sentence per cell."""
    out: list[str] = []
    block: list[str] = []
    keys: list[str] = []
    for line in normalise_text(source).split("\n"):
        row = line.strip()
        if not _is_table_line(row):
            block.append(line)
            keys = []
            continue
        out += sentences("\n".join(block))
        block = []
        cells = _split_cells(row)
        if _is_separator_row(cells):
            continue
        if (header := _column_keys(cells)) is not None:
            keys = header
            continue
        out += [cell for index, cell in enumerate(cells) if cell and (keys[index : index + 1] or [""])[0] != "stt"]
    return out + sentences("\n".join(block))


def sentences_kept(source: str, rebuilt: str) -> tuple[int, int, str | None]:
    """Return (kept, total, first missing sentence) for the sentences of `source` found in order in `rebuilt`."""
    flat = canonical(rebuilt)
    position, kept, missing = 0, 0, None
    source_list = source_sentences(source)
    for sentence in source_list:
        key = canonical(sentence)
        found = flat.find(key, position)
        if found < 0:
            missing = missing or sentence
            continue
        kept += 1
        position = found + len(key)
    return kept, len(source_list), missing


_NUMBER_TOKEN = re.compile(r"\d+(?:[ \t]*[/.\-][ \t]*(?:\d+|[A-ZĐ][A-Za-zĐđ0-9]*))*")


def _number_key(text: str) -> str:
    return re.sub(r"(?<!\d)0+(?=\d)", "", canonical(text))


def numbers_kept(source: str, rebuilt: str) -> tuple[int, int]:
    """Return (kept, total) for the numbers, dates and document numbers of `source` found in `rebuilt`.

    Order is not checked (the header's number and date print in their own places); leading zeros may differ.
    """
    flat = _number_key(rebuilt)
    tokens = [_number_key(token) for token in _NUMBER_TOKEN.findall(normalise_text(source))]
    return sum(1 for token in tokens if token in flat), len(tokens)


def body_of(source: str) -> str:
    """Return the part of a plan between its type line ("KẾ HOẠCH") and "Nơi nhận", where reading order is linear.

    A web copy without a type line starts after its headline, whose fields the header holds.
    """
    start = source.find("KẾ HOẠCH")
    start = start if start >= 0 else source.find("CHƯƠNG TRÌNH")
    if start < 0:  # a web copy: the body follows its headline, below the page's own lines
        lines = normalise_text(source).split("\n")
        if headline := find_headline(lines):
            source, start = "\n".join(lines[headline[0] + 1 :]), 0
    end = source.find("Nơi nhận")
    return source[max(start, 0) : end if end > 0 else len(source)]
