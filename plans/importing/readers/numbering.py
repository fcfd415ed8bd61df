"""Expand Word's automatic list numbering, which python-docx leaves out of the paragraph text."""

from __future__ import annotations

import re


class _Numbering:
    """Compute the automatic list labels Word shows ("1.", "a)", "-") but python-docx does not return."""

    _BULLETS = {"-": "-", "–": "-", "+": "+", "o": "+", "◦": "+"}

    def __init__(self, document):
        self.levels: dict[str, dict[int, tuple[str, str, int]]] = {}
        self.counters: dict[str, list[int]] = {}
        try:
            root = document.part.numbering_part.element
        except (KeyError, NotImplementedError, AttributeError, ValueError):
            return
        from docx.oxml.ns import qn

        abstract = {}
        for node in root.findall(qn("w:abstractNum")):
            levels = {}
            for lvl in node.findall(qn("w:lvl")):
                levels[int(lvl.get(qn("w:ilvl"), "0"))] = (
                    self._val(lvl, "w:numFmt", "decimal"),
                    self._val(lvl, "w:lvlText", ""),
                    int(self._val(lvl, "w:start", "1") or 1),
                )
            abstract[node.get(qn("w:abstractNumId"))] = levels
        for num in root.findall(qn("w:num")):
            ref = num.find(qn("w:abstractNumId"))
            if ref is not None:
                self.levels[num.get(qn("w:numId"))] = abstract.get(ref.get(qn("w:val")), {})

    @staticmethod
    def _val(node, tag: str, default: str) -> str:
        from docx.oxml.ns import qn

        child = node.find(qn(tag))
        return child.get(qn("w:val"), default) if child is not None else default

    def prefix(self, paragraph) -> str:
        num_id, level = self._num_pr(paragraph)
        levels = self.levels.get(num_id or "")
        if not levels or level not in levels:
            return ""
        counters = self.counters.setdefault(num_id, [0] * 9)
        counters[level] += 1
        for deeper in range(level + 1, 9):
            counters[deeper] = 0
        fmt, text, _ = levels[level]
        if fmt == "bullet":
            return self._BULLETS.get(text.strip(), "+" if level else "-") + " "
        if fmt == "none":
            return ""

        def label(match: re.Match) -> str:
            index = int(match.group(1)) - 1
            start = levels.get(index, ("decimal", "", 1))[2]
            return _format_number(max(counters[index], 1) + start - 1, levels.get(index, ("decimal",))[0])

        return re.sub(r"%(\d)", label, text) + " "

    @staticmethod
    def _num_pr(paragraph) -> tuple[str | None, int]:
        from docx.oxml.ns import qn

        candidates = [paragraph._p.pPr]
        style = paragraph.style
        while style is not None:
            candidates.append(style.element.pPr)
            style = style.base_style
        for ppr in candidates:
            num_pr = ppr.find(qn("w:numPr")) if ppr is not None else None
            if num_pr is None:
                continue
            num_id = num_pr.find(qn("w:numId"))
            ilvl = num_pr.find(qn("w:ilvl"))
            if num_id is not None:
                level = int(ilvl.get(qn("w:val"), "0")) if ilvl is not None else 0
                return num_id.get(qn("w:val")), min(max(level, 0), 8)
        return None, 0


def _format_number(value: int, fmt: str) -> str:
    if fmt in ("lowerLetter", "upperLetter"):
        letters = ""
        while value > 0:
            value, remainder = divmod(value - 1, 26)
            letters = chr(ord("a") + remainder) + letters
        return letters if fmt == "lowerLetter" else letters.upper()
    if fmt in ("lowerRoman", "upperRoman"):
        roman = _roman(value)
        return roman.lower() if fmt == "lowerRoman" else roman
    return str(value)


def _roman(value: int) -> str:
    out = ""
    for number, letters in ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"), (50, "L"),
                            (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")):  # fmt: skip
        while value >= number:
            out, value = out + letters, value - number
    return out
