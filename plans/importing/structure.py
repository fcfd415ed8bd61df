"""Plain data describing a plan read from text: the interface between the parser and the app.

No Django here. Field names are part of the contract with the importer service; fields
after the documented ones (with defaults) only help to rebuild the text faithfully.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterator
from dataclasses import dataclass, field

# Values of ParsedSection.numbering, outermost first.
NUMBERINGS = ("roman", "arabic", "decimal", "letter", "dash", "plus", "none")

# Values of ParsedSection.task_layout.
TASK_LAYOUTS = (
    "",  # the section holds no task
    "duties",  # under "Tổ chức thực hiện": the unit's duty paragraphs/bullets became tasks
    "blocks",  # a task block (content + "Cơ quan thực hiện/phối hợp, Hình thức, Thời gian...") or a task table
)


@dataclass
class ParsedReference:
    """A document cited inside a legal-basis clause, e.g. "Quyết định số 3177/QĐ-UBND ngày 06/8/2025 ..."."""

    number_symbol: str = ""
    doc_type: str = ""  # the type word as written in full: "Quyết định", "Chỉ thị", "Luật"...
    issued_on: datetime.date | None = None
    issuer: str = ""
    summary: str = ""


@dataclass
class ParsedBasis:
    """One legal-basis clause ("Căn cứ ...", "Thực hiện ...").

    `text` is the clause as written (whitespace-normalised, without its trailing ";" or ".");
    it starts with the opening phrase only when the document repeats it for this clause.
    `opening` is the phrase that applies: written, or inherited from the previous clause.
    """

    opening: str = ""
    text: str = ""
    references: list[ParsedReference] = field(default_factory=list)


@dataclass
class ParsedTask:
    """A task: a unit's duty under "Tổ chức thực hiện", a task block, or an appendix table row."""

    content: str = ""
    lead_units: list[str] = field(default_factory=list)
    coordinating_units: list[str] = field(default_factory=list)
    form: str = ""
    timeframe: str = ""
    expected_output: str = ""
    lead_text: str = ""
    coordinating_text: str = ""
    # Marker the task had in the source: "-", "+", "a)", "" (a plain paragraph) or a table row's STT.
    marker: str = ""
    # Field labels as written, in source order, e.g. {"lead": "Cơ quan thực hiện", "timeframe": "Thời gian"}.
    # Keys: "stt", "content", "lead", "coordinating", "form", "timeframe", "expected_output".
    labels: dict[str, str] = field(default_factory=dict)
    # Pieces of the lead or coordinating text that do not name a unit ("những người có uy tín..."): for review.
    unrecognised_units: list[str] = field(default_factory=list)


@dataclass
class ParsedSection:
    """A numbered item (I., 1., 1.1., a), -, +) or a plain paragraph, with its sub-items."""

    numbering: str = "none"  # one of NUMBERINGS
    label: str = ""  # the marker without its delimiter: "I", "1", "1.1", "a", "-", "+", ""
    heading: str = ""  # bold/title part as written, its ":" or "." kept: "MỤC ĐÍCH, YÊU CẦU", "Phòng X:"
    text: str = ""  # paragraph text after the heading; several paragraphs joined by "\n"
    children: list[ParsedSection] = field(default_factory=list)
    tasks: list[ParsedTask] = field(default_factory=list)
    task_layout: str = ""  # one of TASK_LAYOUTS

    def walk(self) -> Iterator[ParsedSection]:
        """Yield this section and all its descendants in reading order."""
        yield self
        for child in self.children:
            yield from child.walk()


@dataclass
class ParsedSignature:
    """Signature block, e.g. ("TM.", "ỦY BAN NHÂN DÂN", "CHỦ TỊCH", "Hà Thị Thủy").

    When the block has two authority lines ("TM. ỦY BAN NHÂN DÂN" / "KT. CHỦ TỊCH"), `authority`
    holds both joined by "\n": ("TM.", "ỦY BAN NHÂN DÂN\nKT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", ...).
    """

    authority_prefix: str = ""
    authority: str = ""
    position: str = ""
    signer_name: str = ""


@dataclass
class ParsedPlan:
    """Everything the parser found in one plan document."""

    parent_agency: str = ""
    agency: str = ""
    number: int | None = None
    symbol: str = ""  # "KH-UBND" for "Số: 31/KH-UBND"
    number_separator: str = "/"  # between number and symbol: "/" (state bodies) or "-" (Party: "45-KH/ĐU")
    place: str = ""
    issued_on: datetime.date | None = None
    doc_type: str = ""  # "KẾ HOẠCH", "CHƯƠNG TRÌNH"
    title: str = ""
    bases: list[ParsedBasis] = field(default_factory=list)
    themes: list[str] = field(default_factory=list)
    intro: str = ""
    sections: list[ParsedSection] = field(default_factory=list)
    closing: str = ""
    recipients: list[str] = field(default_factory=list)
    signature: ParsedSignature | None = None
    appendix_tasks: list[ParsedTask] = field(default_factory=list)
    uncertain: list[str] = field(default_factory=list)  # Vietnamese notes on what was guessed
    appendix_heading: str = ""  # "Phụ lục" / title / "(Kèm theo ...)" lines before the appendix table

    def walk_sections(self) -> Iterator[ParsedSection]:
        """Yield every section in reading order."""
        for section in self.sections:
            yield from section.walk()

    def all_tasks(self) -> list[ParsedTask]:
        """Return the tasks of every section in reading order, then the appendix tasks."""
        tasks = [task for section in self.walk_sections() for task in section.tasks]
        return tasks + list(self.appendix_tasks)
