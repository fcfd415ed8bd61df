"""The PDF of a plan follows the state format: A4, bundled fonts, header, body, signature, appendix, draft mark."""

import re
import socket
import threading

import pytest
from django.template.loader import render_to_string

from danvan.documents import ASSET_ORIGIN, ASSETS, AssetFetcher, html_to_pdf
from plans.choices import Numbering, PlanStatus
from plans.document import plan_document
from plans.exports import printed_plan, render_plan_pdf
from plans.exports.pdf import TEMPLATE
from plans.models import Section
from tests.documents.conftest import build_plan
from tests.documents.pdftools import (
    normalise,
    page_margin_text,
    page_sizes,
    pdf_body_text,
    pdf_fonts,
    pdf_text,
    requires_poppler,
)
from tests.factories import TaskFactory

pytestmark = requires_poppler

A4 = (595.28, 841.89)


def assert_in_order(text: str, pieces: list[str]) -> None:
    position = 0
    for piece in pieces:
        found = text.find(piece, position)
        assert found >= 0, f"{piece!r} missing or out of order after …{text[max(0, position - 80) : position]!r}"
        position = found + len(piece)


@pytest.fixture
def draft_pdf(draft_plan):
    return render_plan_pdf(draft_plan)


@pytest.fixture
def issued_pdf(issued_plan):
    return render_plan_pdf(issued_plan)


def test_text_reads_in_the_order_of_the_decree(draft_pdf):
    """Header, tên loại and trích yếu, căn cứ, numbered body, closing, Nơi nhận and signature, then the appendix."""
    text = normalise(pdf_body_text(draft_pdf))
    assert_in_order(
        text,
        [
            "ỦY BAN NHÂN DÂN XÃ THƯỢNG HỒNG",
            "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
            "Độc lập - Tự do - Hạnh phúc",
            "Số: /KH-UBND",
            "Thượng Hồng, ngày tháng năm",
            "KẾ HOẠCH",
            "Thực hiện phong trào “Dân vận khéo” trong hoạt động của Ủy ban nhân dân xã năm 2025",
            "Căn cứ Kết luận số 43-KL/TW",
            "trong tình hình mới”;",
            "Căn cứ Quyết định số 23-QĐ/TW",
            "của hệ thống chính trị;",
            "Căn cứ Hướng dẫn số 12-HD/BTGDVTU",
            "“Dân vận khéo” năm 2025.",
            "Ủy ban nhân dân xã Thượng Hồng ban hành Kế hoạch",
            "I. MỤC ĐÍCH, YÊU CẦU",
            "1. Mục đích",
            "- Nâng cao nhận thức",
            "- Phát huy vai trò",
            "2. Yêu cầu",
            "- Chủ thể thực hiện: Các phòng, đơn vị sự nghiệp",
            "II. NỘI DUNG, NHIỆM VỤ",
            "Tập trung vào các nhiệm vụ trọng tâm sau:",
            "a) Tuyên truyền, quán triệt Kế hoạch",
            "- Cơ quan thực hiện: Phòng Văn hóa - Xã hội",
            "- Cơ quan phối hợp: Các phòng, đơn vị thuộc xã",
            "- Thời gian thực hiện: Tháng 9/2025",
            "- Sản phẩm: Hội nghị quán triệt",
            "III. TỔ CHỨC THỰC HIỆN",
            "1. Phòng Văn hóa - Xã hội",
            "- Các phòng, đơn vị đăng ký ít nhất 01 mô hình",
            "Trên đây là Kế hoạch",
            "nghiêm túc triển khai thực hiện./.",
            "Nơi nhận:",
            "- UBND thành phố (để b/c);",
            "- TT Đảng ủy, HĐND xã (để b/c);",
            "- Các phòng, đơn vị thuộc xã;",
            "- Lưu: VT, VHXH.",
            "TM. ỦY BAN NHÂN DÂN",
            "CHỦ TỊCH",
            "Hà Thị Thủy",
            "Phụ lục",
            "DANH MỤC NHIỆM VỤ",
            "(Kèm theo Kế hoạch số /KH-UBND ngày tháng năm của Ủy ban nhân dân xã Thượng Hồng)",
            "STT Nội dung nhiệm vụ Cơ quan chủ trì Cơ quan phối hợp Thời gian thực hiện Sản phẩm",
            "1 Đăng ký mô hình “Dân vận khéo” năm 2025 Các phòng, đơn vị Trước 30/9/2025 Phiếu đăng ký",
            "2 Sơ kết, đánh giá, nhân rộng mô hình hiệu quả Phòng Văn hóa - Xã hội Tháng 12/2025 Báo cáo sơ kết",
        ],
    )


def test_body_pages_are_a4_portrait_and_the_appendix_a4_landscape(draft_pdf):
    sizes = page_sizes(draft_pdf)
    assert len(sizes) == 3
    for width, height in sizes[:2]:
        assert (width, height) == pytest.approx(A4, abs=0.5)
    assert sizes[2] == pytest.approx(A4[::-1], abs=0.5)
    assert "Phụ lục" in pdf_text(draft_pdf, first=3, last=3)


def test_only_the_bundled_liberation_serif_is_embedded(draft_pdf):
    fonts = pdf_fonts(draft_pdf)
    assert fonts
    assert all(font["embedded"] for font in fonts), fonts
    names = {re.sub(r"^[A-Z]{6}\+", "", font["name"]) for font in fonts}
    assert names <= {
        "Liberation-Serif",
        "Liberation-Serif-Bold",
        "Liberation-Serif-Italic",
        "Liberation-Serif-Bold-Italic",
    }
    assert {
        "Liberation-Serif",
        "Liberation-Serif-Bold",
        "Liberation-Serif-Italic",
        "Liberation-Serif-Bold-Italic",
    } <= names


def test_the_fonts_and_stylesheet_come_from_the_allow_list_only(draft_plan):
    """Given the print template, WeasyPrint asks the fetcher for exactly our stylesheet and fonts, nothing else."""
    requested = []

    class Spy(AssetFetcher):
        def fetch(self, url, headers=None):
            requested.append(url)
            return super().fetch(url, headers)

    fetcher = Spy()
    html = render_to_string(TEMPLATE, {"printed": printed_plan(plan_document(draft_plan))})
    html_to_pdf(html, fetcher=fetcher)
    assert fetcher.refused == []
    assert set(requested) == {ASSET_ORIGIN + name for name in ASSETS}


def test_page_numbers_sit_in_the_top_margin_from_page_two(draft_pdf):
    assert not re.search(r"\d", page_margin_text(draft_pdf, 1))
    assert re.search(r"(?m)^2$", page_margin_text(draft_pdf, 2))
    assert not re.search(r"\d", page_margin_text(draft_pdf, 3)), "the appendix's first page is not numbered"


def test_the_appendix_numbers_its_own_pages_from_one(world):
    plan = build_plan(world)
    for position in range(40):
        TaskFactory(
            plan=plan,
            position=10 + position,
            content=f"Nhiệm vụ bổ sung số {position + 1}: vận động Nhân dân tham gia xây dựng nông thôn mới kiểu mẫu",
            lead_text="Các phòng, đơn vị",
            timeframe_text="Năm 2025",
        )
    pdf = render_plan_pdf(plan)
    sizes = page_sizes(pdf)
    landscape = [number for number, (width, height) in enumerate(sizes, start=1) if width > height]
    assert len(landscape) >= 2
    first, second = landscape[:2]
    assert not re.search(r"\d", page_margin_text(pdf, first))
    assert re.search(r"(?m)^2$", page_margin_text(pdf, second))
    # The table's header row repeats on each appendix page.
    assert "Nội dung nhiệm vụ" in pdf_text(pdf, first=second, last=second)


def test_a_draft_is_marked_on_every_page_and_leaves_the_number_blank(draft_pdf):
    for number in range(1, len(page_sizes(draft_pdf)) + 1):
        assert "DỰ THẢO" in page_margin_text(draft_pdf, number)
    raw = pdf_text(draft_pdf, first=1, last=1)
    assert re.search(r"Số:\s+/KH-UBND", raw)
    assert not re.search(r"Số:\s*\d", raw)
    assert "Thượng Hồng, ngày tháng năm" in normalise(raw)


@pytest.mark.parametrize("status", [PlanStatus.SUBMITTED, PlanStatus.RETURNED, PlanStatus.APPROVED])
def test_every_status_before_issue_prints_as_a_draft(world, status):
    assert printed_plan(plan_document(build_plan(world, status=status, appendix=False))).draft


def test_an_issued_plan_has_its_number_and_date_and_no_draft_mark(issued_pdf):
    text = normalise(pdf_text(issued_pdf))
    assert "DỰ THẢO" not in text
    assert "Số: 31/KH-UBND" in text
    assert "Thượng Hồng, ngày 12 tháng 9 năm 2025" in text
    assert "(Kèm theo Kế hoạch số 31/KH-UBND ngày 12 tháng 9 năm 2025 của Ủy ban nhân dân xã Thượng Hồng)" in text


def test_the_signature_block_prints_each_title_line(world):
    plan = build_plan(world, appendix=False)
    plan.signer_title = "KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH"
    plan.signer_name = "Nguyễn Văn An"
    plan.parent_agency = "UBND thành phố Hải Phòng"
    plan.save()
    text = normalise(pdf_text(render_plan_pdf(plan)))
    assert_in_order(text, ["UBND THÀNH PHỐ HẢI PHÒNG", "ỦY BAN NHÂN DÂN", "CỘNG HÒA"])
    assert_in_order(
        text, ["Nơi nhận:", "- Lưu: VT, VHXH.", "TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "Nguyễn Văn An"]
    )


def test_numbering_comes_from_the_outline(world):
    """Letters follow the Vietnamese alphabet (d, đ, e) as computed by plans.document."""
    plan = build_plan(world, appendix=False)
    parent = Section.objects.create(plan=plan, position=9, numbering=Numbering.ROMAN, heading="Kinh phí")
    for position in range(6):
        Section.objects.create(
            plan=plan, parent=parent, position=position, numbering=Numbering.LETTER, text=f"Khoản {position + 1}"
        )
    text = normalise(pdf_text(render_plan_pdf(plan)))
    assert_in_order(text, ["IV. KINH PHÍ", "a) Khoản 1", "d) Khoản 4", "đ) Khoản 5", "e) Khoản 6"])


HOSTILE = [
    '<img src="file:///etc/passwd">',
    '<link rel="attachment" href="file:///etc/passwd">',
    "<style>@import url(http://127.0.0.1:{port}/x.css); body {{ background: url(http://127.0.0.1:{port}/b.png) }}</style>",
    '<a href="http://127.0.0.1:{port}/">http://127.0.0.1:{port}/</a>',
    '<img src="http://169.254.169.254/latest/meta-data/">',
]


def test_hostile_plan_text_is_printed_as_text_and_fetches_nothing(world):
    """Given a plan whose texts carry markup that would read files or call a server,
    when it is printed, then the markup appears as text, nothing is requested, and the server sees no connection."""
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(8)
    server.settimeout(0.05)
    port = server.getsockname()[1]
    connections = []
    stop = threading.Event()

    def serve():
        while not stop.is_set():
            try:
                connections.append(server.accept()[0].close())
            except TimeoutError:
                continue

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    try:
        hostile = [item.format(port=port) for item in HOSTILE]
        plan = build_plan(world, title=f"Kế hoạch thử {hostile[0]}")
        plan.intro = "\n".join(hostile)
        plan.recipients = f"{hostile[3]};\nLưu: VT."
        plan.save()
        Section.objects.create(plan=plan, position=20, numbering=Numbering.ROMAN, heading=hostile[2], text=hostile[1])
        TaskFactory(plan=plan, position=99, content=hostile[4], lead_text=hostile[0])

        requested = []

        class Spy(AssetFetcher):
            def fetch(self, url, headers=None):
                requested.append(url)
                return super().fetch(url, headers)

        html = render_to_string(TEMPLATE, {"printed": printed_plan(plan_document(plan))})
        html_to_pdf(html, fetcher=Spy())
        pdf = render_plan_pdf(plan)  # and through the bounded child, as the views do
        threading.Event().wait(0.2)
    finally:
        stop.set()
        thread.join(2)
        server.close()
    assert connections == []
    assert set(requested) <= {ASSET_ORIGIN + name for name in ASSETS}
    text = normalise(pdf_text(pdf))
    for item in hostile:
        assert normalise(item) in text
