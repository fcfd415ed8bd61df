"""The expected structure of a parsed plan as plain JSON data, for the corpus tests.

A snapshot holds what a person checks when reviewing an import: number, date, agency, title,
legal bases, the section tree, every task with its lead and coordinating units, recipients,
signer and the notes the review page will show. Long texts are cut to their first words, since
`fidelity` checks separately that every sentence survives; the snapshot pins the structure.
"""

from __future__ import annotations

import json
from pathlib import Path

from .errors import DocumentImportError
from .parser import parse_plan
from .readers import read_text
from .structure import ParsedPlan, ParsedSection, ParsedTask
from .text import _squash

TEXT_CUT = 70


def _cut(text: str) -> str:
    text = _squash(text)
    return text if len(text) <= TEXT_CUT else text[: TEXT_CUT - 1].rstrip() + "…"


def _task(task: ParsedTask) -> dict:
    out = {"content": _cut(task.content), "lead": task.lead_units, "coordinating": task.coordinating_units}
    for key, value in (("form", task.form), ("timeframe", task.timeframe), ("output", task.expected_output)):
        if value:
            out[key] = _cut(value)
    return out


def _section(section: ParsedSection) -> dict:
    out: dict = {"marker": f"{section.numbering} {section.label}".strip()}
    if section.heading:
        out["heading"] = _cut(section.heading)
    if section.text:
        out["text"] = _cut(section.text)
    if section.children:
        out["children"] = [_section(child) for child in section.children]
    if section.tasks:
        out["tasks"] = [_task(task) for task in section.tasks]
    return out


def _reference(plan: ParsedPlan) -> str:
    """Return the number and symbol as the document writes them: "31/KH-UBND", "45-KH/ĐU", "/KH-UBND"."""
    if not plan.symbol:
        return ""
    number = f"{plan.number:02d}" if plan.number is not None else ""
    return f"{number}{plan.number_separator}{plan.symbol}"


def plan_snapshot(plan: ParsedPlan) -> dict:
    """Return the reviewable structure of `plan` as JSON-ready data."""
    signature = plan.signature
    return {
        "doc_type": plan.doc_type,
        "number": plan.number,
        "reference": _reference(plan),
        "place": plan.place,
        "date": f"{plan.issued_on:%d/%m/%Y}" if plan.issued_on else None,
        "parent_agency": plan.parent_agency,
        "agency": plan.agency,
        "title": plan.title,
        "bases": [
            {"opening": basis.opening, "text": _cut(basis.text), "cites": [r.number_symbol for r in basis.references]}
            for basis in plan.bases
        ],
        "intro": _cut(plan.intro),
        "sections": [_section(section) for section in plan.sections],
        "appendix_tasks": [_task(task) for task in plan.appendix_tasks],
        "closing": _cut(plan.closing),
        "recipients": plan.recipients,
        "signature": {
            "prefix": signature.authority_prefix,
            "authority": signature.authority,
            "position": signature.position,
            "signer": signature.signer_name,
        }
        if signature
        else None,
        "review": plan.uncertain,
    }


def snapshot_path(document: Path) -> Path:
    """Return where the snapshot of a corpus document is kept: beside it, with ".json" added."""
    return document.with_name(document.name + ".json")


def corpus_documents(folder: Path) -> list[Path]:
    """Return every document under `folder` (any file but snapshots and notes), sorted by path."""
    notes = (".json", ".py")
    return sorted(p for p in folder.rglob("*") if p.is_file() and p.suffix not in notes and p.name != "README.md")


def document_snapshot(document: Path) -> dict:
    """Read and parse a corpus document and return its snapshot, or {"refused": why} when it is refused."""
    try:
        return plan_snapshot(parse_plan(read_text(document)))
    except DocumentImportError as error:
        return {"refused": error.message}


def dump(snapshot: dict) -> str:
    """Return the snapshot as the stable, readable JSON text stored in the corpus."""
    return json.dumps(snapshot, ensure_ascii=False, indent=1) + "\n"
