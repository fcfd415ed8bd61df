"""Tables written with "|" separators.

Split rows into cells, recognise a task table by its header row (Nội dung, Chủ trì, Thời gian...)
and turn its rows into ParsedTask objects; a table that is not a task table is kept as text.
"""

from __future__ import annotations

import re

from .fields import _fill_fields
from .labels import COLUMN_RES
from .structure import ParsedSection, ParsedTask
from .text import _squash

_TABLE_LINE = re.compile(r"\|.*\|")


def _is_table_line(text: str) -> bool:
    return bool(_TABLE_LINE.search(text)) or text.startswith("|")


def _split_cells(line: str) -> list[str]:
    line = line.strip()
    if line.startswith("|"):
        line = line[1:]
    if line.endswith("|"):
        line = line[:-1]
    return [_squash(cell) for cell in line.split("|")]


def _column_keys(header: list[str]) -> list[str] | None:
    """Map each header cell to a task field, or return None when this is not a task table."""
    keys = []
    for cell in header:
        key = next((name for name, regex in COLUMN_RES if regex.search(cell)), "")
        keys.append(key if key not in keys else "")
    if "content" in keys and ("lead" in keys or "timeframe" in keys):
        return keys
    return None


def _is_separator_row(cells: list[str]) -> bool:
    return all(re.fullmatch(r":?-{2,}:?|", cell) for cell in cells)


def _table_tasks(rows: list[list[str]], notes: list[str]) -> list[ParsedTask] | None:
    """Turn "|" rows with a task header into tasks; None when the rows are not a task table."""
    keys = _column_keys(rows[0]) if rows else None
    if keys is None:
        return None
    labels = {key: rows[0][i] for i, key in enumerate(keys) if key}
    tasks = []
    for cells in rows[1:]:
        if _is_separator_row(cells):
            continue
        values = {key: cells[i] for i, key in enumerate(keys) if key and i < len(cells)}
        if not values.get("content"):
            notes.append(f"Bỏ qua dòng bảng không có nội dung nhiệm vụ: “{' | '.join(c for c in cells if c)}”.")
            continue
        task = ParsedTask(content=values["content"], marker=values.get("stt", ""), labels=dict(labels))
        _fill_fields(task, values)
        tasks.append(task)
    return tasks


def _attach_table(section: ParsedSection, rows: list[list[str]], notes: list[str]) -> None:
    tasks = _table_tasks(rows, notes)
    if tasks is None:
        section.children.append(ParsedSection(numbering="none", text="\n".join(" | ".join(r) for r in rows)))
        notes.append("Có một bảng không nhận ra là bảng nhiệm vụ; đã giữ nguyên dạng văn bản.")
        return
    section.tasks.extend(tasks)
    section.task_layout = "blocks"
