"""Rebuild a plan's text in reading order from its ParsedPlan.

`flatten_text` writes the header, title, bases, sections, tasks and tail back as lines, with the task
field labels the parser reads, so tests and the fidelity check can verify that every sentence of the
source survived the parse.
"""

from __future__ import annotations

import datetime

from .structure import ParsedPlan, ParsedSection, ParsedTask


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
