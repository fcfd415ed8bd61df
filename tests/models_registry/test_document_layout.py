"""The printed registration form reads as the documents do: upright Kính gửi, a one-line overseeing body,
an e-mail line neither stretched nor cut, one kind of dash, dates without leading zeros in the text."""

import io

import pytest
from pypdf import PdfReader

from models_registry import services
from models_registry.document import registration_pdf
from plans.exports.printed import overseeing_body_line
from tests.documents.pdftools import line_of, page_layout_texts, pdf_body_text, pdf_words, requires_poppler
from tests.models_registry.conftest import INDICATORS, REGISTRATION_FIELDS

pytestmark = [requires_poppler, pytest.mark.django_db]

EMAIL = "mot-cua-than-thien@thuonghong.haiphong.gov.vn"


@pytest.fixture
def pdf(campaign, unit_head, field):
    """The form of a registration typed with dashes pasted from Word and a hyphenated e-mail address."""
    fields = {
        **REGISTRATION_FIELDS,
        "method": "– Bố trí quầy hướng dẫn, hỗ trợ kê khai hồ sơ;\n– Phối hợp Phòng Văn hóa – Xã hội tuyên truyền.",
        "contact": f"0225 3888 999, {EMAIL}",
    }
    registration = services.registration_create(
        campaign=campaign, by=unit_head, indicators=INDICATORS, field=field, **fields
    )
    return registration_pdf(registration)


def fonts_of(pdf: bytes, needle: str) -> set[str]:
    """Return the names of the fonts that draw the text runs holding `needle`."""
    fonts = set()

    def visit(text, _cm, _tm, font, _size):
        if needle in text and font:
            fonts.add(str(font.get("/BaseFont")))

    for page in PdfReader(io.BytesIO(pdf)).pages:
        page.extract_text(visitor_text=visit)
    return fonts


def test_kinh_gui_is_upright(pdf):
    fonts = fonts_of(pdf, "Kính gửi")
    assert fonts and not any("Italic" in font for font in fonts)


def test_the_overseeing_body_stays_on_one_header_line(pdf):
    first_line = page_layout_texts(pdf)[0].strip().splitlines()[0]
    assert first_line.strip().startswith("UBND XÃ THƯỢNG HỒNG")
    assert "ỦY BAN NHÂN DÂN XÃ" not in pdf_body_text(pdf)


def test_a_short_overseeing_body_keeps_its_full_name():
    assert overseeing_body_line("Ủy ban nhân dân xã Ba") == "ỦY BAN NHÂN DÂN XÃ BA"
    assert overseeing_body_line("Ủy ban nhân dân phường Thượng Hồng") == "UBND PHƯỜNG THƯỢNG HỒNG"


def test_the_email_line_is_neither_stretched_nor_cut(pdf):
    words = pdf_words(pdf)
    line = line_of(words, "11. Người phụ trách:")
    row = [w for w in words if w.page == line[0].page and abs(w.bottom - line[0].bottom) < 1]
    gaps = [right.left - left.right for left, right in zip(row, row[1:], strict=False)]
    assert max(gaps) < 6, f"word gaps of {max(gaps):.1f} pt: the line is justified"
    assert any(w.text == f"{EMAIL}." for w in words), "the e-mail address is cut at its hyphen"


def test_dashes_are_the_documents_hyphen(pdf):
    text = pdf_body_text(pdf)
    assert "–" not in text
    assert "- Phối hợp Phòng Văn hóa - Xã hội tuyên truyền." in " ".join(text.split())


def test_dates_in_the_text_have_no_leading_zero(pdf):
    text = " ".join(pdf_body_text(pdf).split())
    assert "từ ngày 1/10/2025 đến ngày 31/12/2025." in text
