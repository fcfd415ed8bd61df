"""The plan as it is printed: every line of the paper, in order, for the PDF and the DOCX alike.

Both outputs walk the same `PrintedPlan`, built from the numbered outline of
`plans.document.plan_document`, so the PDF and the editable DOCX carry exactly
the same words. The rules of Nghị định 30/2020/NĐ-CP that decide the words
(punctuation of căn cứ and nơi nhận, upper-case lines, the closing "./.") live
here; sizes and positions live in static/css/print.css and plans/exports/docx.py.
"""

import functools
import re
from dataclasses import dataclass

from PIL import ImageFont

from danvan.documents import STATIC_ROOT
from plans.choices import PlanStatus
from plans.document import Paragraph, PlanDocument
from plans.numbers import decree_date

NATIONAL_NAME = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
MOTTO = "Độc lập - Tự do - Hạnh phúc"
DRAFT_MARK = "DỰ THẢO"
RECIPIENTS_LABEL = "Nơi nhận:"
APPENDIX_LABEL = "Phụ lục"
APPENDIX_TITLE = "DANH MỤC NHIỆM VỤ"
APPENDIX_COLUMNS = [
    "STT",
    "Nội dung nhiệm vụ",
    "Cơ quan chủ trì",
    "Cơ quan phối hợp",
    "Thời gian thực hiện",
    "Sản phẩm",
]
END_OF_BODY = "./."
# Markers of list items, whose bold heading is a lead-in of their text.
LIST_MARKERS = ("-", "+")

# Names of collective bodies after which a long agency name is broken onto a second line,
# as on paper: "ỦY BAN NHÂN DÂN" / "XÃ THƯỢNG HỒNG".
AGENCY_PREFIXES = ("ỦY BAN NHÂN DÂN", "UỶ BAN NHÂN DÂN", "HỘI ĐỒNG NHÂN DÂN", "ỦY BAN MẶT TRẬN TỔ QUỐC VIỆT NAM")
PUBLISHED = (PlanStatus.ISSUED, PlanStatus.COMPLETED)
# The header's left column (ô 2): 38 % of the 165 mm text width, in points.
HEADER_COLUMN_PT = 165 * 0.38 * 72 / 25.4
# "Common words may be abbreviated" in the overseeing body's name (NĐ 30, Phụ lục I): "UBND XÃ …".
SHORT_PREFIXES = {"ỦY BAN NHÂN DÂN": "UBND", "UỶ BAN NHÂN DÂN": "UBND", "HỘI ĐỒNG NHÂN DÂN": "HĐND"}


@dataclass
class Run:
    """A stretch of text in one style."""

    text: str
    bold: bool = False
    italic: bool = False


@dataclass
class Block:
    """One printed paragraph of the body.

    kind: basis (căn cứ, italic) | section (I. MỤC …, bold) | heading (1. Mục đích, bold) | body | field | task
    | lead (a bold lead-in alone on its line, "- Phương pháp:", kept with the next paragraph)
    """

    runs: list[Run]
    kind: str = "body"

    @property
    def text(self) -> str:
        return "".join(run.text for run in self.runs)


@dataclass
class AppendixTable:
    label: str
    title: str
    note: str
    columns: list[str]
    rows: list[list[str]]


@dataclass
class PrintedPlan:
    """Everything printed on a plan, in reading order."""

    draft: bool
    title: str
    author: str
    parent_agency: str
    agency_lines: list[str]
    number_line: str
    date_line: str
    doc_type: str
    summary_lines: list[str]
    body: list[Block]
    authority_lines: list[str]
    signer_name: str
    recipients: list[str]
    appendix: AppendixTable | None = None
    national_name: str = NATIONAL_NAME
    motto: str = MOTTO
    draft_mark: str = DRAFT_MARK
    recipients_label: str = RECIPIENTS_LABEL


def lines(text: str) -> list[str]:
    """Return the non-blank lines of `text`, trimmed."""
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


def agency_lines(name: str) -> list[str]:
    """Return the issuing body's name in upper case, broken after a collective body's name."""
    upper = " ".join(name.split()).upper()
    for prefix in AGENCY_PREFIXES:
        if upper.startswith(prefix + " "):
            return [prefix, upper[len(prefix) :].strip()]
    return [upper] if upper else []


@functools.cache
def _regular_font():
    return ImageFont.truetype(str(STATIC_ROOT / "fonts" / "LiberationSerif-Regular.ttf"), 1000)


def text_width_pt(text: str, size_pt: float) -> float:
    """Return the width of `text` set in the bundled Liberation Serif (regular) at `size_pt`, in points."""
    return _regular_font().getlength(text) * size_pt / 1000


def overseeing_body_line(name: str, *, size_pt: float = 13) -> str:
    """Return the overseeing body's name (cơ quan chủ quản) in upper case, on one header line.

    The name is not bold and must not wrap ("ỦY BAN NHÂN DÂN XÃ / THƯỢNG HỒNG"), so when it is
    wider than the header column its collective body is abbreviated: "UBND XÃ THƯỢNG HỒNG".
    """
    upper = " ".join(name.split()).upper()
    if text_width_pt(upper, size_pt) <= HEADER_COLUMN_PT:
        return upper
    for prefix, short in SHORT_PREFIXES.items():
        if upper.startswith(prefix + " "):
            return short + upper[len(prefix) :]
    return upper


def enumerate_items(items: list[str], *, prefix: str = "") -> list[str]:
    """End each item with ";" and the last with "." (Nơi nhận, căn cứ), replacing typed punctuation."""
    items = [item.strip().rstrip(" ;.,") for item in items if item.strip().rstrip(" ;.,")]
    return [f"{prefix}{item}{'.' if index == len(items) - 1 else ';'}" for index, item in enumerate(items)]


def title_lines(title: str) -> list[str]:
    """Return the authority and title lines: "TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"."""
    return [part.upper() for part in re.split(r"\s*\n\s*|\s+/\s+", title or "") if part.strip()]


def body_blocks(paragraph: Paragraph) -> list[Block]:
    """Return the printed paragraphs of one outline paragraph.

    Headings print as stored, with the punctuation their author wrote ("1. Phòng Văn hóa - Xã
    hội:", "- Mục tiêu:"): nothing is added or taken away. The heading of a "-" or "+" item that
    has text runs into it, as the source's bold lead-in did ("- **Mục tiêu:** …"); so does a
    heading without a marker that ends in ":". Alone, such a lead-in keeps with what follows
    (kind "lead"). A field reads "- Cơ quan thực hiện: …"; any other heading, numbered ones
    included, stands on its own bold line, upper-cased for a Roman-numbered section (Mục
    "I. MỤC ĐÍCH, YÊU CẦU").
    """
    text_lines = lines(paragraph.text)
    marker = f"{paragraph.marker} " if paragraph.marker else ""
    heading = paragraph.heading.strip()
    lead_in = paragraph.marker in LIST_MARKERS or (not paragraph.marker and heading.endswith(":"))
    blocks: list[Block] = []
    if paragraph.style == "field":
        first = text_lines.pop(0) if text_lines else ""
        blocks.append(Block([Run(f"{marker}{heading}: {first}".rstrip())], kind="field"))
    elif heading and lead_in and (text_lines or heading.endswith(":")):
        first = text_lines.pop(0) if text_lines else ""
        runs = [Run(marker), Run(heading, bold=True)] + ([Run(f" {first}")] if first else [])
        blocks.append(Block([run for run in runs if run.text], kind="body" if first else "lead"))
    elif heading:
        is_section = paragraph.style == "section"
        blocks.append(
            Block(
                [Run(f"{marker}{heading.upper() if is_section else heading}", bold=True)],
                kind="section" if is_section else "heading",
            )
        )
    elif text_lines:
        first = text_lines.pop(0)
        blocks.append(Block([Run(f"{marker}{first}")], kind="task" if paragraph.style == "task" else "body"))
    elif marker:
        blocks.append(Block([Run(marker.strip())], kind="body"))
    blocks += [Block([Run(line)], kind="body") for line in text_lines]
    return blocks


def end_body(blocks: list[Block]) -> None:
    """Close the content with "./." after its last sentence, as the Phụ lục III models do."""
    if not blocks:
        return
    last = blocks[-1].runs[-1]
    if not last.text.rstrip().endswith(END_OF_BODY):
        last.text = last.text.rstrip().rstrip(".") + END_OF_BODY


def appendix_table(document: PlanDocument) -> AppendixTable | None:
    if not document.appendix:
        return None
    plan = document.plan
    number = f"{plan.number:02d}" if plan.number else "      "
    note = (
        f"(Kèm theo {plan.get_doc_type_display()} số {number}/{plan.symbol} "
        f"{decree_date(plan.issued_on)} của {plan.issuing_unit.name})"
    )
    rows = [
        [
            str(index),
            task.content,
            task.lead_names,
            task.coordinator_names,
            task.timeframe_text or task.get_timeframe_kind_display(),
            task.expected_output,
        ]
        for index, task in enumerate(document.appendix, start=1)
    ]
    return AppendixTable(APPENDIX_LABEL, APPENDIX_TITLE, re.sub(r" +\)", ")", note), APPENDIX_COLUMNS, rows)


def printed_plan(document: PlanDocument) -> PrintedPlan:
    """Return every printed line of the plan, from its numbered outline."""
    plan = document.plan
    body = [Block([Run(text)], kind="basis") for text in enumerate_items([b.text for b in document.bases])]
    body += [Block([Run(line)]) for line in lines(plan.intro)]
    for paragraph in document.body:
        body += body_blocks(paragraph)
    body += [Block([Run(line)]) for line in lines(plan.closing)]
    end_body(body)
    doc_type = plan.get_doc_type_display()
    return PrintedPlan(
        draft=plan.status not in PUBLISHED,
        title=" ".join(f"{doc_type} {plan.title}".split()),
        author=plan.issuing_unit.name,
        parent_agency=overseeing_body_line(plan.parent_agency),
        agency_lines=agency_lines(plan.issuing_unit.name),
        number_line=document.number_line,
        date_line=document.date_line,
        doc_type=doc_type.upper(),
        summary_lines=lines(plan.title),
        body=body,
        authority_lines=title_lines(plan.signature_authority) + title_lines(plan.signer_title),
        signer_name=" ".join(plan.signer_name.split()),
        recipients=enumerate_items(plan.recipient_list, prefix="- "),
        appendix=appendix_table(document),
    )
