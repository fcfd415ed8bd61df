"""The report's journey in a real browser: canbo writes the H2 2025 report, lanhdao issues it, the PDF and the
workbook show the dashboard's figures; giamsat opens the roll-up and one commune's dashboard."""

import io
import re
import shutil
from pathlib import Path

import pytest
from openpyxl import load_workbook

from tests.browser.conftest import login
from tests.factories import TEST_PASSWORD
from tests.reports.conftest import seeded  # noqa: F401 - the fixture, shared with tests/reports
from tests.reports.test_reports import pdf_text

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def logout(page):
    page.locator("nav .dropdown-toggle").click()
    page.get_by_role("button", name="Đăng xuất").click()
    page.wait_for_url(re.compile(r"/accounts/login/"))


@pytest.mark.skipif(not shutil.which("pdftotext"), reason="poppler-utils is not installed")
def test_report_journey(world, seeded, live_server, page, screenshot):
    # canbo reads the dashboard, then creates the second-half 2025 report.
    login(page, live_server, "canbo", TEST_PASSWORD)
    page.wait_for_url(f"{live_server.url}/")
    page.get_by_role("link", name="Tổng hợp", exact=True).click()
    page.wait_for_url(re.compile(r"/dashboard/"))
    page.goto(f"{live_server.url}/dashboard/?period=second_half&year=2025")
    late = page.locator('[data-figure="tasks_late"]').inner_text()
    total = page.locator('[data-figure="tasks_total"]').inner_text()
    screenshot("report-dashboard")
    page.get_by_role("link", name="Báo cáo định kỳ").click()
    page.get_by_role("link", name="Lập báo cáo").click()
    page.get_by_label("Kỳ báo cáo").select_option("second_half")
    page.get_by_label("Năm").fill("2025")
    page.get_by_role("button", name="Lập dự thảo").click()
    page.get_by_text("Đã lập dự thảo báo cáo").wait_for()
    page.get_by_role("link", name="Sửa nhận định").click()
    page.get_by_label("Kết quả đạt được").fill("Các đơn vị đã triển khai đầy đủ kế hoạch dân vận năm 2025.")
    page.get_by_role("button", name="Lưu").click()
    page.get_by_text("Đã lưu báo cáo.").wait_for()
    page.get_by_role("button", name="Trình duyệt").click()
    page.get_by_text("Đã trình báo cáo lên lãnh đạo.").wait_for()
    report_url = page.url
    logout(page)

    # lanhdao approves and issues.
    login(page, live_server, "lanhdao", TEST_PASSWORD)
    page.goto(report_url)
    page.on("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="Duyệt").click()
    page.get_by_text("Đã duyệt báo cáo.").wait_for()
    page.get_by_role("button", name="Ban hành").click()
    page.get_by_text("Đã xong.").wait_for()  # issuing ran as a job; its page links to the report
    page.get_by_role("link", name="Xem kết quả").click()
    page.wait_for_url(report_url)
    assert "01/BC-UBND" in page.locator("h1").inner_text()
    screenshot("report-issued")

    # The PDF and the workbook show the dashboard's figures.
    with page.expect_download() as pdf_download:
        page.get_by_role("link", name="PDF").click()
    text = pdf_text(Path(pdf_download.value.path()).read_bytes())
    assert f"Tổng số nhiệm vụ {total}" in text and f"Nhiệm vụ chậm so với thời hạn {late}" in text
    with page.expect_download() as xlsx_download:
        page.get_by_role("link", name="Excel").click()
    sheet = load_workbook(io.BytesIO(Path(xlsx_download.value.path()).read_bytes())).worksheets[0]
    values = {row[0]: row[1] for row in sheet.iter_rows(min_row=5, values_only=True)}
    assert str(values["Tổng số nhiệm vụ"]) == total and str(values["Nhiệm vụ chậm so với thời hạn"]) == late
    logout(page)

    # giamsat sees the roll-up and opens Thượng Hồng's dashboard.
    login(page, live_server, "giamsat", TEST_PASSWORD)
    page.get_by_role("link", name="Tổng hợp", exact=True).click()
    page.wait_for_url(re.compile(r"/dashboard/communes/"))
    page.goto(f"{live_server.url}/dashboard/communes/?period=second_half&year=2025")
    page.get_by_role("link", name=world.commune.name).click()
    page.wait_for_url(re.compile(rf"/dashboard/communes/{world.commune.pk}/"))
    assert page.locator('[data-figure="tasks_late"]').inner_text() == late
    screenshot("report-commune-from-rollup")
