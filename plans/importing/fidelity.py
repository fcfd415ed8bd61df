"""Measure how faithfully a structured plan keeps the text of its source document."""

import re

from .headline import find_headline
from .text import normalise_text, sentences


def canonical(text: str) -> str:
    """Return only the letters and digits of `text`: spacing, punctuation and list markers may differ."""
    return re.sub(r"[\W_]+", "", text)


def sentences_kept(source: str, rebuilt: str) -> tuple[int, int, str | None]:
    """Return (kept, total, first missing sentence) for the sentences of `source` found in order in `rebuilt`."""
    flat = canonical(rebuilt)
    position, kept, missing = 0, 0, None
    source_sentences = sentences(normalise_text(source))
    for sentence in source_sentences:
        key = canonical(sentence)
        found = flat.find(key, position)
        if found < 0:
            missing = missing or sentence
            continue
        kept += 1
        position = found + len(key)
    return kept, len(source_sentences), missing


def body_of(source: str) -> str:
    """Return the part of a plan between its type line ("KẾ HOẠCH") and "Nơi nhận", where reading order is linear.

    A web copy without a type line starts after its headline, whose fields the header holds.
    """
    start = source.find("KẾ HOẠCH")
    start = start if start >= 0 else source.find("CHƯƠNG TRÌNH")
    if start < 0 and (headline := find_headline(source.split("\n"))):  # a web copy: the body follows its headline
        start = sum(len(line) + 1 for line in source.split("\n")[: headline[0] + 1])
    end = source.find("Nơi nhận")
    return source[max(start, 0) : end if end > 0 else len(source)]
