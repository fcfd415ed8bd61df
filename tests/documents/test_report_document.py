"""The printed BÁO CÁO reads as the decree asks: Kính gửi, "Như trên" only under one, "./.", tables that breathe."""

import pytest

from reports import services
from reports.exports import render_report_pdf
from tests.documents.pdftools import line_of, pdf_body_text, pdf_words, requires_poppler
from tests.factories import IssuedPlanFactory, TaskFactory

pytestmark = [requires_poppler, pytest.mark.django_db]


@pytest.fixture
def report(world):
    """Given a commune with twelve tracked tasks, one done, and its report of the second half of 2025."""
    plan = IssuedPlanFactory(issuing_unit=world.commune, created_by=world.users["official"])
    TaskFactory(plan=plan, status="done", progress=100, lead_units=[world.department])
    for _ in range(11):
        TaskFactory(plan=plan, lead_units=[world.department])
    return services.report_create(unit=world.commune, period_kind="second_half", year=2025, by=world.users["official"])


def recipients_of(text: str) -> list[str]:
    return [line.strip() for line in text.split("Nơi nhận:", 1)[1].splitlines() if line.strip().startswith("- ")]


def test_a_report_sent_to_no_one_has_no_kinh_gui_and_no_nhu_tren(report):
    text = pdf_body_text(render_report_pdf(report))
    assert "Kính gửi" not in text
    assert recipients_of(text)[0] == "- Lưu: VT."


def test_the_authors_addressees_print_under_kinh_gui_and_nhu_tren_stands_for_them(report):
    report.addressees = "Ủy ban nhân dân thành phố Hải Phòng\nBan Tuyên giáo và Dân vận Thành ủy"
    text = pdf_body_text(render_report_pdf(report))
    assert "Kính gửi: - Ủy ban nhân dân thành phố Hải Phòng;" in " ".join(text.split())
    assert "- Ban Tuyên giáo và Dân vận Thành ủy." in text
    assert text.index("Kính gửi") < text.index("I. KẾT QUẢ ĐẠT ĐƯỢC")
    assert recipients_of(text)[0] == "- Như trên;"


def test_one_addressee_stands_on_the_label_line(report):
    report.addressees = "Ủy ban nhân dân thành phố Hải Phòng"
    assert "Kính gửi: Ủy ban nhân dân thành phố Hải Phòng." in pdf_body_text(render_report_pdf(report))


def test_the_body_ends_with_the_end_mark_before_noi_nhan(report):
    body = pdf_body_text(render_report_pdf(report)).split("Nơi nhận:", 1)[0]
    assert body.rstrip().endswith("./.")


def test_number_columns_are_right_aligned(report):
    words = pdf_words(render_report_pdf(report))
    total = line_of(words, "Tổng số nhiệm vụ 12")[-1]
    done = line_of(words, "Nhiệm vụ đã hoàn thành 1")[-1]
    assert total.right == pytest.approx(done.right, abs=0.5)
    assert total.left < done.left - 2


def test_a_table_caption_keeps_a_gap_from_the_table_above(report):
    words = pdf_words(render_report_pdf(report))
    last_row = line_of(words, "Tỷ lệ đơn vị có mô hình (%)")[0]
    caption = line_of(words, "2. Kế hoạch ban hành trong kỳ")[0]
    assert caption.page == last_row.page
    assert caption.top - last_row.bottom >= 9  # points: the cell's padding and border alone leave about 4
