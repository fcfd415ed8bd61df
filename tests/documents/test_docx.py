"""The editable DOCX carries the same words as the PDF, in the same layout rules."""

import difflib
import io

import docx
import pytest
from docx.shared import Pt

from plans.exports import plan_docx, plan_pdf, render_plan_pdf
from tests.documents.pdftools import comparable, docx_text, effective, pdf_body_text, requires_poppler

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def assert_same_text(docx_bytes: bytes, pdf_bytes: bytes) -> None:
    from_docx, from_pdf = comparable(docx_text(docx_bytes)), comparable(pdf_body_text(pdf_bytes))
    if from_docx != from_pdf:
        diff = difflib.unified_diff(from_pdf.split(" "), from_docx.split(" "), "pdf", "docx", lineterm="", n=4)
        pytest.fail("DOCX and PDF texts differ:\n" + "\n".join(diff))


@requires_poppler
def test_docx_text_equals_pdf_text_for_a_draft(draft_plan):
    assert_same_text(plan_docx(draft_plan), render_plan_pdf(draft_plan))


@requires_poppler
def test_docx_text_equals_the_stored_pdf_text_for_an_issued_plan(issued_plan):
    assert_same_text(plan_docx(issued_plan), plan_pdf(issued_plan))


@pytest.fixture
def opened(draft_plan):
    return docx.Document(io.BytesIO(plan_docx(draft_plan)))


def test_docx_page_is_a4_with_the_decree_margins(opened):
    section = opened.sections[0]
    assert (section.page_width.mm, section.page_height.mm) == pytest.approx((210, 297), abs=0.1)
    margins = (section.top_margin, section.bottom_margin, section.left_margin, section.right_margin)
    assert [margin.mm for margin in margins] == pytest.approx([20, 20, 30, 15], abs=0.1)


def test_docx_names_times_new_roman_14pt(opened):
    normal = opened.styles["Normal"]
    assert normal.font.name == "Times New Roman"
    assert normal.font.size == Pt(14)
    fonts = normal.element.rPr.rFonts
    assert {fonts.get(f"{W}{a}") for a in ("ascii", "hAnsi", "cs", "eastAsia")} == {"Times New Roman"}


def test_docx_header_is_a_borderless_two_column_table(opened):
    header = opened.tables[0]
    widths = [cell.width for cell in header.rows[0].cells]
    assert round(widths[0] / sum(widths), 2) == 0.38
    borders = header._tbl.tblPr.find(f"{W}tblBorders")
    assert {edge.get(f"{W}val") for edge in borders} == {"nil"}
    motto = header.cell(0, 1).paragraphs[1].runs[0]
    assert motto.text == "Độc lập - Tự do - Hạnh phúc" and motto.bold and motto.underline
    assert header.cell(0, 1).paragraphs[0].runs[0].font.size == Pt(12)
    assert header.cell(1, 1).paragraphs[0].runs[0].italic


def test_docx_body_paragraphs_are_justified_with_a_1cm_first_line(opened):
    body = [p for p in opened.paragraphs if p.text.startswith("- Nâng cao nhận thức")][0]
    assert effective(body, "alignment") == 3  # JUSTIFY
    assert effective(body, "first_line_indent").cm == pytest.approx(1, abs=0.01)
    assert effective(body, "space_after") == Pt(6)
    basis = [p for p in opened.paragraphs if p.text.startswith("Căn cứ")][0]
    assert basis.runs[0].italic


def test_docx_recipients_and_signature(opened):
    footer = opened.tables[1]
    label = footer.cell(0, 0).paragraphs[0].runs[0]
    assert label.text == "Nơi nhận:" and label.bold and label.italic and label.font.size == Pt(12)
    assert footer.cell(0, 0).paragraphs[1].style.font.size == Pt(11)
    signature = [p.text for p in footer.cell(0, 1).paragraphs if p.text]
    assert signature == ["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH", "Hà Thị Thủy"]


def test_docx_appendix_is_a_landscape_section_numbered_from_one(opened):
    appendix = opened.sections[-1]
    assert appendix.page_width > appendix.page_height
    assert appendix._sectPr.find(f"{W}pgNumType").get(f"{W}start") == "1"
    assert appendix.different_first_page_header_footer


def test_docx_numbers_pages_from_two_and_marks_a_draft(opened):
    section = opened.sections[0]
    assert section.different_first_page_header_footer
    assert "PAGE" in section.header._element.xml
    assert "PAGE" not in section.first_page_header._element.xml
    assert "DỰ THẢO" in section.header._element.xml and "DỰ THẢO" in section.first_page_header._element.xml


def test_an_issued_docx_has_no_draft_mark(issued_plan):
    opened = docx.Document(io.BytesIO(plan_docx(issued_plan)))
    assert all("DỰ THẢO" not in s.header._element.xml for s in opened.sections)
    assert "Số: 31/KH-UBND" in docx_text(plan_docx(issued_plan))


def test_a_title_of_the_longest_allowed_length_exports_with_a_shortened_core_title(world):
    """The title field holds 500 characters; Word's core properties hold 255 (the export answered 500)."""
    from tests.documents.conftest import build_plan

    title = ("Thực hiện phong trào thi đua “Dân vận khéo” trên các lĩnh vực " * 10)[:500]
    content = plan_docx(build_plan(world, title=title, appendix=False))
    core = docx.Document(io.BytesIO(content)).core_properties.title
    assert len(core) <= 255 and core.endswith("…") and core[:-1].rstrip() in f"Kế hoạch {title}"
    assert " ".join(title.split()) in " ".join(docx_text(content).split())
