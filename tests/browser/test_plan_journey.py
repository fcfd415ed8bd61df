"""A plan's journey in a real browser: written, returned, fixed, approved and issued."""

import re

import pytest
from playwright.sync_api import expect

from plans.models import Plan
from tests.browser.conftest import login
from tests.factories import TEST_PASSWORD, ReferenceDocumentFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def logout(page):
    page.get_by_role("button", name=re.compile("Hà Thị Thủy|canbo|.")).first.click()
    page.get_by_role("button", name="Đăng xuất").click()


def add_section(page, live_server, plan, numbering, heading, *, parent=None, layout=None):
    page.goto(f"{live_server.url}/plans/{plan.pk}/sections/add/")
    page.get_by_label("Kiểu đánh số").select_option(numbering)
    page.get_by_label("Tiêu đề").fill(heading)
    if parent:
        page.get_by_label("Nằm trong mục").select_option(label=parent)
    if layout:
        page.get_by_label("In nhiệm vụ").select_option(layout)
    page.get_by_role("button", name="Lưu").click()
    page.wait_for_url(re.compile(r"/edit/"))


def add_task(page, live_server, plan, content, unit, section):
    page.goto(f"{live_server.url}/plans/{plan.pk}/tasks/add/")
    page.get_by_label("Nội dung nhiệm vụ").fill(content)
    page.get_by_label("In trong mục").select_option(label=section)
    page.get_by_label("Cơ quan chủ trì", exact=True).select_option(label=unit)
    page.get_by_role("button", name="Lưu").click()
    page.wait_for_url(re.compile(r"/edit/"))


def test_official_writes_leader_returns_then_issues(world, live_server, page, screenshot):
    ReferenceDocumentFactory(
        number_symbol="3177/QĐ-UBND", summary="ban hành danh mục nhiệm vụ thực hiện công tác dân vận"
    )
    # canbo writes the plan.
    login(page, live_server, "canbo", TEST_PASSWORD)
    page.wait_for_url(f"{live_server.url}/")
    page.get_by_role("link", name="Kế hoạch").first.click()
    page.get_by_role("link", name="Soạn kế hoạch mới").click()
    page.get_by_label("Trích yếu").fill("Kế hoạch tuyên truyền công tác dân vận 6 tháng cuối năm 2025")
    page.get_by_label("Từ ngày").fill("01/07/2025")
    page.get_by_label("Đến ngày").fill("31/12/2025")
    page.get_by_role("button", name="Lưu dự thảo và tiếp tục").click()
    page.wait_for_url(re.compile(r"/plans/\d+/edit/"))
    plan = Plan.objects.get()

    # Two legal bases: one from the catalogue (searched without diacritics), one typed.
    page.get_by_role("link", name="Thêm căn cứ").click()
    page.get_by_label(re.compile("Tìm văn bản trong danh mục")).fill("dan vu")
    page.get_by_label(re.compile("Tìm văn bản trong danh mục")).fill("3177")
    page.locator("#id_reference option", has_text="3177/QĐ-UBND").wait_for()
    page.locator("#id_reference").select_option(index=0)
    page.get_by_role("button", name="Thêm căn cứ").click()
    page.wait_for_url(re.compile(r"/edit/"))
    # The editor saves in place: wait for the list to show the basis before opening the next form.
    expect(page.locator("#bases-count")).to_have_text("1")
    page.get_by_role("link", name="Thêm căn cứ").click()
    page.get_by_label("Từ mở đầu").select_option("Thực hiện")
    page.get_by_label("Nội dung căn cứ").fill("Kế hoạch số 12/KH-UBND ngày 05/3/2025 của UBND xã về công tác dân vận")
    page.get_by_role("button", name="Thêm căn cứ").click()
    page.wait_for_url(re.compile(r"/edit/"))
    expect(page.locator("#bases-count")).to_have_text("2")

    # Two sections, three tasks.
    add_section(page, live_server, plan, "roman", "MỤC ĐÍCH, YÊU CẦU")
    add_section(page, live_server, plan, "roman", "TỔ CHỨC THỰC HIỆN", layout="blocks")
    for index, unit in enumerate(
        ["Phòng Văn hóa - Xã hội", "Văn phòng HĐND và UBND", "Phòng Văn hóa - Xã hội"], start=1
    ):
        add_task(page, live_server, plan, f"Nhiệm vụ tuyên truyền số {index}", unit, "TỔ CHỨC THỰC HIỆN")
    assert plan.bases.count() == 2 and plan.sections.count() == 2 and plan.tasks.count() == 3

    page.goto(f"{live_server.url}/plans/{plan.pk}/")
    page.on("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="Trình duyệt").click()
    page.get_by_text("Đã trình kế hoạch lên lãnh đạo.").wait_for()
    logout(page)

    # lanhdao returns it with a comment.
    login(page, live_server, "lanhdao", TEST_PASSWORD)
    page.goto(f"{live_server.url}/plans/{plan.pk}/")
    page.get_by_text("Trả lại kế hoạch kèm ý kiến").click()
    page.get_by_label("Ý kiến trả lại (bắt buộc)").fill("Bổ sung thời hạn báo cáo trước ngày 15/12/2025.")
    page.get_by_role("button", name="Trả lại").click()
    page.get_by_text("Đã trả lại kế hoạch kèm ý kiến.").wait_for()
    logout(page)

    # canbo fixes and resubmits.
    login(page, live_server, "canbo", TEST_PASSWORD)
    page.goto(f"{live_server.url}/plans/{plan.pk}/")
    assert page.get_by_text("Bổ sung thời hạn báo cáo trước ngày 15/12/2025.").first.is_visible()
    page.get_by_role("link", name="Sửa").click()
    page.get_by_label("Đoạn kết").fill(
        "Trên đây là Kế hoạch tuyên truyền công tác dân vận; báo cáo trước ngày 15/12/2025./."
    )
    page.get_by_role("button", name="Lưu thông tin chung").click()
    page.get_by_text("Đã lưu kế hoạch.").wait_for()
    page.goto(f"{live_server.url}/plans/{plan.pk}/")
    page.get_by_role("button", name="Trình duyệt").click()
    page.get_by_text("Đã trình kế hoạch lên lãnh đạo.").wait_for()
    logout(page)

    # lanhdao approves and issues: the number appears.
    login(page, live_server, "lanhdao", TEST_PASSWORD)
    page.goto(f"{live_server.url}/plans/{plan.pk}/")
    page.on("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="Duyệt").click()
    page.get_by_text("Đã duyệt kế hoạch.").wait_for()
    page.get_by_role("button", name="Ban hành").click()
    page.get_by_text("Đã xong.").wait_for()  # issuing ran as a job; its page links to the plan
    page.get_by_role("link", name="Xem kết quả").click()
    page.locator("#plan-number").wait_for()
    assert page.locator("#plan-number").inner_text() == "01/KH-UBND"
    screenshot("plan-issued")
    logout(page)

    # The plan can no longer be edited.
    login(page, live_server, "canbo", TEST_PASSWORD)
    page.goto(f"{live_server.url}/plans/{plan.pk}/")
    assert page.get_by_role("link", name="Sửa").count() == 0
    response = page.goto(f"{live_server.url}/plans/{plan.pk}/edit/")
    assert response.status == 403
