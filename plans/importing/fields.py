"""Labelled task fields.

Recognise "Cơ quan thực hiện:", "Cơ quan phối hợp:", "Hình thức:", "Thời gian thực hiện:",
"Sản phẩm:"... in a paragraph or a bullet, read their values, and fill them into a ParsedTask (lead
and coordinating units, form, timeframe, expected output).
"""

from __future__ import annotations

import re

from .flatten import _section_lines
from .labels import LABEL_RES
from .structure import ParsedSection, ParsedTask
from .units import split_units, unit_shaped


def _starts_field(line: str) -> bool:
    """Tell whether a line starts with a task field label such as "Cơ quan chủ trì:"."""
    match = re.match(r"^([^:]{2,40}?)\s*:", line)
    return bool(match) and any(regex.fullmatch(match[1]) for _, regex in LABEL_RES)


def _fill_fields(task: ParsedTask, values: dict[str, str]) -> None:
    lead = values.get("lead", "")
    coordinating = values.get("coordinating", "")
    task.lead_text, task.coordinating_text = lead, coordinating
    task.lead_units, task.coordinating_units = _units_only(task, lead), _units_only(task, coordinating)
    task.form = values.get("form", "")
    task.timeframe = values.get("timeframe", "")
    task.expected_output = values.get("expected_output", "")


def _units_only(task: ParsedTask, phrase: str) -> list[str]:
    """Return the unit names of `phrase`; keep the other pieces on the task for review, never as units."""
    names = split_units(phrase)
    if names and not unit_shaped(names[0]):  # "Hội nghị liên tịch giữa Ủy ban nhân dân và Mặt trận": no unit in it
        names = [" ".join(phrase.split()).strip(" .;:,")]
    task.unrecognised_units += [name for name in names if not unit_shaped(name)]
    return [name for name in names if unit_shaped(name)]


def _field_of_text(text: str) -> tuple[str, str, str] | None:
    """Return (field key, label as written, value) when `text` reads "Cơ quan thực hiện: ..."."""
    match = re.match(r"^(?P<label>[^:]{2,40}?)\s*:\s*(?P<value>.*)$", text, re.S)
    if not match:
        return None
    return _field_of_label(match["label"], match["value"])


def _field_of_label(label: str, value: str) -> tuple[str, str, str] | None:
    """Return (field key, label, value) for a known label; the value keeps the "." or ";" that ends its line,
    since the printed field reads as the source ("- Thời gian thực hiện: thường xuyên.")."""
    for key, regex in LABEL_RES:
        if regex.fullmatch(label.strip()):
            return key, label.strip(), value.strip()
    return None


def _field_of(part: ParsedSection | str) -> tuple[str, str, str] | None:
    """Return the task field carried by a text paragraph or a bullet ("- Thời gian thực hiện: ...")."""
    if isinstance(part, str):
        return _field_of_text(part)
    if part.numbering not in ("dash", "plus", "none"):
        return None
    extra = [line for child in part.children for line in _section_lines(child)]
    if part.heading:  # "- Thời gian thực hiện: ..." split as a heading keeps its colon
        return _field_of_label(part.heading.rstrip(" :"), "\n".join([part.text, *extra]))
    return _field_of_text("\n".join([part.text, *extra]))
