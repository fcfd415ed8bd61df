"""The editable Word copy of a plan, laid out like the PDF (Nghị định 30/2020/NĐ-CP, Phụ lục I).

Built with python-docx from the same `PrintedPlan` as the PDF, so the words are
identical; fonts, sizes, margins and the two-column header follow
static/css/print.css. The font is named Times New Roman, which Word has; the
PDF embeds the metric-compatible Liberation Serif instead.
"""

import io

import docx
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_TAB_ALIGNMENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor

from plans.document import plan_document
from plans.exports.docx_styles import RECIPIENT, add_styles, style_for
from plans.exports.printed import AppendixTable, PrintedPlan, printed_plan
from plans.models import Plan

FONT = "Times New Roman"
PAGE_WIDTH, PAGE_HEIGHT = Mm(210), Mm(297)
MARGIN_TOP, MARGIN_BOTTOM, MARGIN_LEFT, MARGIN_RIGHT = Mm(20), Mm(20), Mm(30), Mm(15)
LEFT_SHARE = 0.38  # header and footer columns: 38 % / 62 %
DRAFT_RED = RGBColor(0xB9, 0x1C, 0x1C)
CENTER = WD_ALIGN_PARAGRAPH.CENTER
# Core properties hold at most 255 characters; a plan title may have 500.
CORE_TITLE_LENGTH = 255
# The last body paragraphs that keep with the signature, so it never stands alone on a page.
KEPT_WITH_SIGNATURE = 2


def plan_docx(plan: Plan) -> bytes:
    """Return the plan as a .docx file."""
    return build_docx(printed_plan(plan_document(plan)))


def build_docx(printed: PrintedPlan) -> bytes:
    """Return the .docx bytes of a printed plan."""
    document = docx.Document()
    _set_defaults(document, printed)
    section = document.sections[0]
    _set_page(section, landscape=False)
    _set_headers(section, printed)
    _add_header_table(document, printed, _text_width(section))
    _add_title(document, printed)
    body = []
    for block in printed.body:
        paragraph = document.add_paragraph(style=style_for(block.kind))
        for run in block.runs:
            _run(paragraph, run.text, bold=run.bold, italic=run.italic or block.kind == "basis")
        body.append(paragraph)
    for paragraph in body[-KEPT_WITH_SIGNATURE:]:
        paragraph.paragraph_format.keep_with_next = True
    _add_footer_table(document, printed, _text_width(section))
    if printed.appendix:
        _add_appendix(document, printed, printed.appendix)
    output = io.BytesIO()
    document.save(output)
    return output.getvalue()


# --- document and page set-up -------------------------------------------------------------------


def _set_defaults(document, printed: PrintedPlan) -> None:
    normal = document.styles["Normal"]
    normal.font.name = FONT
    normal.font.size = Pt(14)
    fonts = normal.element.get_or_add_rPr().get_or_add_rFonts()
    for attribute in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts.set(qn(attribute), FONT)
    language = OxmlElement("w:lang")
    language.set(qn("w:val"), "vi-VN")
    normal.element.get_or_add_rPr().append(language)
    normal.paragraph_format.space_before = Pt(0)
    normal.paragraph_format.space_after = Pt(0)
    normal.paragraph_format.line_spacing = 1.0
    # The template's Letter-size header tab stops would shadow ours (page number centred, draft mark right).
    document.styles["Header"].paragraph_format.tab_stops.clear_all()
    add_styles(document)
    properties = document.core_properties
    properties.title = shortened(printed.title, CORE_TITLE_LENGTH)
    properties.author = printed.author
    properties.language = "vi-VN"


def shortened(text: str, length: int) -> str:
    """Return `text` cut on a word boundary to at most `length` characters, with "…" when cut."""
    if len(text) <= length:
        return text
    cut = text[: length - 1]
    return (cut.rsplit(" ", 1)[0] if " " in cut else cut).rstrip(" ,;:") + "…"


def _set_page(section, *, landscape: bool) -> None:
    section.orientation = WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = (PAGE_HEIGHT, PAGE_WIDTH) if landscape else (PAGE_WIDTH, PAGE_HEIGHT)
    section.top_margin, section.bottom_margin = MARGIN_TOP, MARGIN_BOTTOM
    section.left_margin, section.right_margin = MARGIN_LEFT, MARGIN_RIGHT
    section.header_distance = Mm(10)
    section.footer_distance = Mm(10)


def _text_width(section):
    return section.page_width - section.left_margin - section.right_margin


def _set_headers(section, printed: PrintedPlan, *, restart_numbering: bool = False) -> None:
    """Number pages from the second, centred at the top (13 pt); mark every page of a draft."""
    section.different_first_page_header_footer = True
    section.header.is_linked_to_previous = False
    section.first_page_header.is_linked_to_previous = False
    width = _text_width(section)
    for header, numbered in ((section.header, True), (section.first_page_header, False)):
        paragraph = header.paragraphs[0]
        paragraph.text = ""
        stops = paragraph.paragraph_format.tab_stops
        stops.add_tab_stop(width // 2, WD_TAB_ALIGNMENT.CENTER)
        stops.add_tab_stop(width, WD_TAB_ALIGNMENT.RIGHT)
        paragraph.add_run("\t")
        if numbered:
            _page_field(paragraph)
        if printed.draft:
            paragraph.add_run("\t")
            mark = _run(paragraph, printed.draft_mark, bold=True, size=13)
            mark.font.color.rgb = DRAFT_RED
            _border(mark._r.get_or_add_rPr(), "w:bdr", color="B91C1C", size=12)
    if restart_numbering:
        page_numbers = OxmlElement("w:pgNumType")
        page_numbers.set(qn("w:start"), "1")
        section._sectPr.append(page_numbers)


def _page_field(paragraph) -> None:
    """Append a PAGE field (the page number) in 13 pt."""
    for kind, text in (("begin", None), (None, "PAGE"), ("end", None)):
        run = paragraph.add_run()
        run.font.size = Pt(13)
        if kind:
            element = OxmlElement("w:fldChar")
            element.set(qn("w:fldCharType"), kind)
        else:
            element = OxmlElement("w:instrText")
            element.set(qn("xml:space"), "preserve")
            element.text = text
        run._r.append(element)


# --- paragraphs and runs --------------------------------------------------------------------------


def _run(paragraph, text: str, *, bold=False, italic=False, underline=False, size: float | None = None):
    run = paragraph.add_run(text)
    run.bold = bold or None
    run.italic = italic or None
    run.underline = underline or None
    if size:
        run.font.size = Pt(size)
    return run


def _line(container, text: str, *, align=CENTER, size=14, bold=False, italic=False, underline=False, after=0):
    paragraph = container.add_paragraph()
    paragraph.alignment = align
    paragraph.paragraph_format.space_after = Pt(after)
    _run(paragraph, text, bold=bold, italic=italic, underline=underline, size=size)
    return paragraph


def _border(properties, tag: str, *, side: str | None = None, color="000000", size=6) -> None:
    """Add a single-line border (`size` in eighths of a point) to paragraph or run properties."""
    element = OxmlElement(tag)
    target = element
    if side:
        target = OxmlElement(f"w:{side}")
        element.append(target)
    target.set(qn("w:val"), "single")
    target.set(qn("w:sz"), str(size))
    target.set(qn("w:space"), "1")
    target.set(qn("w:color"), color)
    properties.append(element)


def _short_rule(container, column_width, share: float) -> None:
    """Add a centred rule `share` of the column wide: an empty paragraph with a top border."""
    paragraph = container.add_paragraph()
    indent = int(column_width * (1 - share) / 2)
    paragraph.paragraph_format.left_indent = indent
    paragraph.paragraph_format.right_indent = indent
    paragraph.paragraph_format.space_before = Pt(2)
    paragraph.paragraph_format.space_after = Pt(0)
    _border(paragraph._p.get_or_add_pPr(), "w:pBdr", side="top", size=6)
    _run(paragraph, "", size=4)


# --- tables ------------------------------------------------------------------------------------------


def _borderless_table(document, rows: int, widths: list[int]):
    table = document.add_table(rows=rows, cols=len(widths))
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    properties = table._tbl.tblPr
    borders = OxmlElement("w:tblBorders")
    for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
        edge = OxmlElement(f"w:{side}")
        edge.set(qn("w:val"), "nil")
        borders.append(edge)
    properties.append(borders)
    margins = OxmlElement("w:tblCellMar")
    for side in ("left", "right"):
        edge = OxmlElement(f"w:{side}")
        edge.set(qn("w:w"), "0")
        edge.set(qn("w:type"), "dxa")
        margins.append(edge)
    properties.append(margins)
    _set_widths(table, widths)
    return table


def _set_widths(table, widths: list[int]) -> None:
    for column, width in zip(table.columns, widths, strict=True):
        column.width = width
    for row in table.rows:
        for cell, width in zip(row.cells, widths, strict=True):
            cell.width = width


def _fill(cell):
    """Return the cell with its one empty paragraph removed, ready for _line()."""
    for paragraph in list(cell.paragraphs):
        paragraph._p.getparent().remove(paragraph._p)
    return cell


def _add_header_table(document, printed: PrintedPlan, width) -> None:
    """ô 1–4: agency and number on the left (38 %), Quốc hiệu, Tiêu ngữ and date on the right (62 %)."""
    widths = [int(width * LEFT_SHARE), width - int(width * LEFT_SHARE)]
    table = _borderless_table(document, 2, widths)
    agency, motto = _fill(table.cell(0, 0)), _fill(table.cell(0, 1))
    if printed.parent_agency:
        _line(agency, printed.parent_agency, size=13)
    for line in printed.agency_lines:
        _line(agency, line, size=13, bold=True)
    _short_rule(agency, widths[0], 0.33)
    _line(motto, printed.national_name, size=12, bold=True)
    _line(motto, printed.motto, size=13, bold=True, underline=True)
    number, date = _fill(table.cell(1, 0)), _fill(table.cell(1, 1))
    _line(number, printed.number_line, size=13).paragraph_format.space_before = Pt(6)
    _line(date, printed.date_line, size=13, italic=True).paragraph_format.space_before = Pt(6)


def _add_title(document, printed: PrintedPlan) -> None:
    """ô 5a: tên loại and trích yếu, 14 pt bold, centred, with a short rule."""
    _line(document, printed.doc_type, bold=True).paragraph_format.space_before = Pt(18)
    for line in printed.summary_lines:
        _line(document, line, bold=True)
    _short_rule(document, _text_width(document.sections[-1]), 0.30)
    document.paragraphs[-1].paragraph_format.space_after = Pt(12)


def _add_footer_table(document, printed: PrintedPlan, width) -> None:
    """ô 9b and 7: Nơi nhận on the left, level with the signing authority on the right."""
    widths = [int(width * LEFT_SHARE), width - int(width * LEFT_SHARE)]
    table = _borderless_table(document, 1, widths)
    recipients, signature = _fill(table.cell(0, 0)), _fill(table.cell(0, 1))
    _line(recipients, printed.recipients_label, align=WD_ALIGN_PARAGRAPH.LEFT, size=12, bold=True, italic=True)
    for line in printed.recipients:
        recipients.add_paragraph(line, style=RECIPIENT)
    for line in printed.authority_lines:
        _line(signature, line, bold=True)
    for _ in range(4):  # about 30 mm for the signature and the seal
        _line(signature, "", bold=True)
    _line(signature, printed.signer_name, bold=True)
    table.rows[0]._tr.get_or_add_trPr().append(OxmlElement("w:cantSplit"))


def _add_appendix(document, printed: PrintedPlan, appendix: AppendixTable) -> None:
    """Phụ lục on landscape pages numbered from 1, with the task table."""
    section = document.add_section(WD_SECTION.NEW_PAGE)
    _set_page(section, landscape=True)
    _set_headers(section, printed, restart_numbering=True)
    _line(document, appendix.label, bold=True)
    _line(document, appendix.title, bold=True)
    _line(document, appendix.note, size=13, italic=True)
    width = _text_width(section)
    _short_rule(document, width, 0.20)
    document.paragraphs[-1].paragraph_format.space_after = Pt(10)
    shares = [0.05, 0.35, 0.16, 0.16, 0.13, 0.15]
    widths = [int(width * share) for share in shares]
    table = document.add_table(rows=1 + len(appendix.rows), cols=len(shares))
    table.style = document.styles["Table Grid"]
    table.autofit = False
    _set_widths(table, widths)
    header = table.rows[0]
    header._tr.get_or_add_trPr().append(OxmlElement("w:tblHeader"))  # repeated on every page
    for cell, text in zip(header.cells, appendix.columns, strict=True):
        _line(_fill(cell), text, size=12, bold=True)
    for row, values in zip(table.rows[1:], appendix.rows, strict=True):
        row._tr.get_or_add_trPr().append(OxmlElement("w:cantSplit"))
        for index, (cell, text) in enumerate(zip(row.cells, values, strict=True)):
            _line(_fill(cell), text, size=12, align=CENTER if index == 0 else WD_ALIGN_PARAGRAPH.LEFT)
