"""Tasks found in the section tree (step 7 of the approach described in `parser`).

An item whose lines carry task fields ("Cơ quan thực hiện:", "Thời gian thực hiện:"...) becomes a task
block; under "Tổ chức thực hiện" each unit's paragraphs and bullets become duty tasks led by that unit.
"""

from __future__ import annotations

import re

from .fields import _field_of, _fill_fields
from .flatten import _marker_text, _section_lines
from .structure import ParsedSection, ParsedTask
from .tree import _FIELD_WORDS
from .units import _UNIT_HEADING, _leading_unit, _unit_of_heading, split_units

_IMPLEMENTATION = re.compile(r"TỔ CHỨC THỰC HIỆN|PHÂN CÔNG (?:NHIỆM VỤ|THỰC HIỆN)|TRÁCH NHIỆM (?:THỰC HIỆN|CỦA)", re.I)


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
    if not task.lead_text:
        phrase = next((unit for unit in map(_leading_unit, others) if unit), "")
        task.lead_text, task.lead_units = phrase, split_units(phrase)
    section.heading, section.text, section.children = "", "", []
    section.tasks, section.task_layout = [task], "blocks"


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
        section.heading, section.text = f"{match['head']}:", match["rest"]


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
