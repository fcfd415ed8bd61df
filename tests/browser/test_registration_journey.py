"""A "Dân vận khéo" registration's journey in a real browser: registered, returned, fixed, accepted and printed.

The unit head of Văn phòng HĐND và UBND registers a model with two indicators (the second added with the
"Thêm chỉ tiêu" control), the official returns it with a comment, the unit fixes and resubmits it, the
official accepts it; the campaign's coverage figure rises by one and the printed form (PDF) carries every
value typed.
"""

import datetime
import re
import shutil
import subprocess
import unicodedata

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from danvan.text import body_date
from models_registry import services
from models_registry.models import Registration
from tests.browser.conftest import login
from tests.factories import TEST_PASSWORD, RegistrationFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

YEAR = timezone.localdate().year
CAMPAIGN_NAME = f"Phong trào thi đua “Dân vận khéo” năm {YEAR}"

# What truongphong types, by the label of each field of the form.
TEXTS = {
    "Tên mô hình": "Một cửa thân thiện, gần dân",
    "Thực trạng, vấn đề cần giải quyết": "Người dân phải đi lại nhiều lần khi làm thủ tục hành chính tại xã.",
    "Mục tiêu": "Giảm số lần người dân phải đi lại; nâng mức hài lòng của người dân, doanh nghiệp.",
    "Nội dung, cách thức thực hiện": "Bố trí quầy hướng dẫn, hỗ trợ kê khai hồ sơ; thực hiện “4 xin, 4 luôn”.",
    "Địa bàn, phạm vi thực hiện": "Bộ phận tiếp nhận và trả kết quả của UBND xã Thượng Hồng",
    "Lực lượng tham gia, đối tượng hưởng lợi": "Công chức bộ phận một cửa; người dân, doanh nghiệp đến giao dịch",
    "Nguồn lực": "Kinh phí thường xuyên của Văn phòng; máy tra cứu thông tin tự động",
    "Thời gian bắt đầu": f"01/12/{YEAR}",
    "Thời gian kết thúc": f"30/11/{YEAR + 1}",
    "Người phụ trách": "Trần Văn Minh",
    "Điện thoại, email liên hệ": "0225 3888 999",
}
CHOICES = {"Lĩnh vực": "Dịch vụ hành chính công", "Loại": "Mô hình", "Chủ thể": "Tập thể"}
ORIGIN = "Mô hình mới"
# (name, measure, baseline, target) of the indicator table.
INDICATORS = [
    ("Tỷ lệ hồ sơ giải quyết đúng hạn", "%", "92", "98"),
    ("Lượt người dân được hướng dẫn kê khai", "lượt", "850", "1.500"),
]
RETURN_COMMENT = "Đề nghị ghi thêm số điện thoại di động của người phụ trách và nâng chỉ tiêu hướng dẫn lên 2.000 lượt."
FIXED_CONTACT = "0225 3888 999 - 0912 345 678"
FIXED_TARGET = "2.000"


def printed_day(typed: str) -> str:
    """Return a date typed "01/12/2026" as the form prints it in the body: "1/12/2026"."""
    return body_date(datetime.datetime.strptime(typed, "%d/%m/%Y").date())


def logout(page):
    page.locator("nav .dropdown-toggle").click()
    page.get_by_role("button", name="Đăng xuất").click()
    page.wait_for_url(re.compile(r"/accounts/login/"))


def coverage_figure(page) -> tuple[int, int]:
    """Return the "counted/eligible" figure shown on the campaign page."""
    text = page.locator("#coverage-figure").inner_text().strip()
    match = re.fullmatch(r"(\d+)/(\d+)", text)
    assert match, text
    return int(match[1]), int(match[2])


def indicator_row(page, index: int):
    return page.locator("#indicator-rows tr.indicator-row").nth(index)


def fill_indicator(page, index: int, values: tuple[str, str, str, str]):
    """Type one row of the indicator table: name, measure, baseline, target (the row's four text boxes)."""
    boxes = indicator_row(page, index).get_by_role("textbox")
    expect(boxes).to_have_count(4)
    for position, value in enumerate(values):
        boxes.nth(position).fill(value)


def flat(value: str) -> str:
    return re.sub(r"\s+", " ", unicodedata.normalize("NFKC", value)).strip()


def pdf_text(pdf: bytes, tmp_path) -> str:
    path = tmp_path / "phieu-dang-ky.pdf"
    path.write_bytes(pdf)
    text = subprocess.run(
        ["pdftotext", "-raw", "-enc", "UTF-8", str(path), "-"], check=True, capture_output=True, text=True, timeout=60
    ).stdout
    return flat(text)


@pytest.fixture
def campaign(world):
    """The commune's campaign, open for another month, for both departments; VH-XH is already accepted."""
    official = world.users["official"]
    campaign = services.campaign_create(
        by=official,
        name=CAMPAIGN_NAME,
        year=YEAR,
        registration_deadline=timezone.localdate() + datetime.timedelta(days=30),
        report_deadline=timezone.localdate() + datetime.timedelta(days=90),
        eligible_units=[world.department, world.other_department],
    )
    RegistrationFactory(
        campaign=campaign,
        unit=world.department,
        created_by=official,
        status="accepted",
        name="Tuyên truyền xây dựng nếp sống văn minh ở khu dân cư",
        field=campaign.offered_fields.get(name="Văn hóa - Xã hội"),
    )
    return campaign


@pytest.mark.skipif(not shutil.which("pdftotext"), reason="poppler-utils is not installed")
def test_unit_registers_official_returns_then_accepts(world, campaign, live_server, page, screenshot, tmp_path):
    page.on("dialog", lambda dialog: dialog.accept())

    # truongphong opens the campaign: one of two units counted so far.
    login(page, live_server, "truongphong", TEST_PASSWORD)
    page.wait_for_url(f"{live_server.url}/")
    page.get_by_role("link", name="Dân vận khéo", exact=True).click()
    page.get_by_role("link", name=CAMPAIGN_NAME).click()
    page.wait_for_url(re.compile(rf"/models/campaigns/{campaign.pk}/$"))
    before = coverage_figure(page)
    assert before == (1, 2)
    assert page.locator("#unregistered").get_by_text("Văn phòng HĐND và UBND").is_visible()

    # ...and registers a model, every field filled, two indicators.
    page.get_by_role("link", name="Đăng ký mô hình").click()
    page.wait_for_url(re.compile(rf"/models/campaigns/{campaign.pk}/register/"))
    page.get_by_role("heading", name="Phiếu đăng ký mô hình “Dân vận khéo”").wait_for()
    for label, value in TEXTS.items():
        # Anchored: the indicator boxes are named "Mục tiêu (dòng 1)" and so on.
        page.get_by_label(re.compile(rf"^\s*{re.escape(label)}\s*\*?\s*$")).fill(value)
    for label, option in CHOICES.items():
        page.get_by_label(label).select_option(label=option)
    page.get_by_label("Mô hình mới hay tiếp tục").select_option(label=ORIGIN)
    expect(page.locator("#indicator-rows tr.indicator-row")).to_have_count(1)
    fill_indicator(page, 0, INDICATORS[0])
    page.get_by_role("button", name="Thêm chỉ tiêu").click()
    expect(page.locator("#indicator-rows tr.indicator-row")).to_have_count(2)
    fill_indicator(page, 1, INDICATORS[1])
    page.get_by_role("button", name="Lưu phiếu").click()
    page.get_by_text("Đã lưu phiếu đăng ký (dự thảo).").wait_for()
    registration = Registration.objects.get(unit=world.other_department)
    assert page.url == f"{live_server.url}/models/registrations/{registration.pk}/"
    assert [i.name for i in registration.indicators.all()] == [row[0] for row in INDICATORS]
    page.get_by_role("button", name="Gửi đăng ký").click()
    page.get_by_text("Đã gửi phiếu đăng ký tới Ủy ban nhân dân xã.").wait_for()
    assert page.get_by_text("Chờ xem xét").first.is_visible()
    logout(page)

    # canbo returns it with a comment; the coverage figure does not move for a pending registration.
    login(page, live_server, "canbo", TEST_PASSWORD)
    page.goto(f"{live_server.url}/models/campaigns/{campaign.pk}/")
    assert coverage_figure(page) == before
    page.goto(f"{live_server.url}/models/registrations/{registration.pk}/")
    page.get_by_text("Trả lại phiếu kèm ý kiến").click()
    page.get_by_label("Ý kiến trả lại (bắt buộc)").fill(RETURN_COMMENT)
    page.get_by_role("button", name="Trả lại").click()
    page.get_by_text("Đã trả lại phiếu kèm ý kiến.").wait_for()
    logout(page)

    # truongphong sees the comment, fixes the contact and the second target, and sends it again.
    login(page, live_server, "truongphong", TEST_PASSWORD)
    page.goto(f"{live_server.url}/models/registrations/{registration.pk}/")
    assert page.locator(".alert-warning", has_text="Ý kiến trả lại").get_by_text(RETURN_COMMENT).is_visible()
    page.get_by_role("link", name="Sửa").click()
    page.wait_for_url(re.compile(rf"/models/registrations/{registration.pk}/edit/"))
    page.get_by_text("Phiếu bị trả lại.").wait_for()
    expect(page.locator("#indicator-rows tr.indicator-row")).to_have_count(2)
    page.get_by_label("Điện thoại, email liên hệ").fill(FIXED_CONTACT)
    indicator_row(page, 1).get_by_role("textbox").nth(3).fill(FIXED_TARGET)
    page.get_by_role("button", name="Lưu phiếu").click()
    page.get_by_text("Đã lưu phiếu đăng ký.").wait_for()
    page.get_by_role("button", name="Gửi đăng ký").click()
    page.get_by_text("Đã gửi phiếu đăng ký tới Ủy ban nhân dân xã.").wait_for()
    logout(page)

    # canbo accepts it: the unit now counts, and the figure on the campaign page rises by one.
    login(page, live_server, "canbo", TEST_PASSWORD)
    page.goto(f"{live_server.url}/models/registrations/{registration.pk}/")
    page.get_by_role("button", name="Chấp nhận").click()
    page.get_by_text("Đã chấp nhận đăng ký mô hình.").wait_for()
    registration.refresh_from_db()
    assert registration.status == "accepted"

    # The printed form carries every value typed, both indicators and the fixes.
    link = page.get_by_role("link", name="In phiếu (PDF)")
    response = page.request.get(f"{live_server.url}{link.get_attribute('href')}")
    assert response.status == 200
    assert response.headers["content-type"] == "application/pdf"
    text = pdf_text(response.body(), tmp_path)
    assert "PHIẾU ĐĂNG KÝ MÔ HÌNH “DÂN VẬN KHÉO”" in text
    assert "VĂN PHÒNG HĐND VÀ UBND" in text
    for label, value in TEXTS.items():
        if label in {"Thời gian bắt đầu", "Thời gian kết thúc", "Điện thoại, email liên hệ"}:
            continue
        assert flat(value) in text, label
    # Dates typed dd/mm/yyyy print in running text as the documents write them, without leading zeros.
    start, end = (printed_day(TEXTS[label]) for label in ("Thời gian bắt đầu", "Thời gian kết thúc"))
    assert f"từ ngày {start} đến ngày {end}" in text
    assert FIXED_CONTACT in text
    assert "Dịch vụ hành chính công. Loại: mô hình; chủ thể: tập thể; mô hình mới." in text
    (name_1, measure_1, baseline_1, target_1), (name_2, measure_2, baseline_2, _target_2) = INDICATORS
    assert f"1 {name_1} {measure_1} {baseline_1} {target_1}" in text
    assert f"2 {name_2} {measure_2} {baseline_2} {FIXED_TARGET}" in text
    assert "DỰ THẢO" not in text

    page.goto(f"{live_server.url}/models/campaigns/{campaign.pk}/")
    assert coverage_figure(page) == (before[0] + 1, before[1])
    assert page.locator("#unregistered").get_by_text("Mọi đơn vị đã gửi đăng ký.").is_visible()
    screenshot("registration-accepted-coverage")
    logout(page)
