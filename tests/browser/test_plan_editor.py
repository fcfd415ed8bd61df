"""Writing a whole plan in the editor's one page: bases, sections and tasks added in place, the preview beside."""

import re

import pytest
from playwright.sync_api import expect

from plans.choices import PlanStatus
from plans.models import Plan, ReferenceDocument
from tests.browser.conftest import login
from tests.factories import TEST_PASSWORD, ReferenceDocumentFactory, UnitGroupFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

NBSP = "\u00a0"


def open_form(page, card: str, button: str):
    """Click an "add" or "edit" button of the editor and return the form it loads in place."""
    page.locator(f"#{card}").get_by_role("link", name=button, exact=True).click()
    slot = page.locator(f"#{card} .editor-slot form").first
    slot.wait_for()
    return slot


def add_basis(page, count: int, *, search: str = "", opening: str = "", text: str = ""):
    form = open_form(page, "bases", "Thêm căn cứ")
    if search:
        form.get_by_label(re.compile("Tìm văn bản trong danh mục")).fill(search)
        page.locator("#id_reference option", has_text=search).wait_for()
        page.locator("#id_reference").select_option(index=0)
    if opening:
        form.get_by_label("Từ mở đầu").select_option(opening)
    if text:
        form.get_by_label("Nội dung căn cứ").fill(text)
    form.get_by_role("button", name="Thêm căn cứ").click()
    page.locator("#bases-title", has_text=f"Căn cứ ({count})").wait_for()


def add_section(
    page, count: int, heading: str, *, expect_numbering: str, parent: str = "", sub_of: str = "", layout: str = ""
):
    """Add a section, either under `parent` picked in the chooser or with the "add under" button of `sub_of`."""
    if sub_of:
        page.locator("#outline").get_by_role("link", name=f"Thêm mục con: {sub_of}").click()
        form = page.locator("#section-slot form")
        form.wait_for()
    else:
        form = open_form(page, "sections", "Thêm mục")
    if parent:
        form.get_by_label("Nằm trong mục").select_option(label=parent)
    # The numbering follows the parent's level: I. for a top section, then 1., a).
    assert form.get_by_label("Kiểu đánh số").input_value() == expect_numbering
    form.get_by_label("Tiêu đề").fill(heading)
    if layout:
        form.get_by_label("In nhiệm vụ").select_option(layout)
    form.get_by_role("button", name="Lưu").click()
    # Counted, not matched by text: "Yêu cầu" is also in "MỤC ĐÍCH, YÊU CẦU".
    expect(page.locator("#outline li[data-section]")).to_have_count(count)


def test_official_writes_a_plan_in_one_page(world, live_server, page, screenshot):
    ReferenceDocumentFactory(
        number_symbol="3177/QĐ-UBND", summary="ban hành danh mục nhiệm vụ thực hiện công tác dân vận"
    )
    group = UnitGroupFactory(owner=world.commune, name="Các phòng, đơn vị sự nghiệp thuộc xã")
    group.members.set([world.department, world.other_department])
    login(page, live_server, "canbo", TEST_PASSWORD)
    page.wait_for_url(f"{live_server.url}/")

    # Count what the official waits for from here on: full page loads and form submissions.
    loads, submissions = [], []
    page.on("framenavigated", lambda frame: loads.append(frame.url) if frame == page.main_frame else None)
    page.on("request", lambda request: submissions.append(request.url) if request.method == "POST" else None)
    page.on("dialog", lambda dialog: dialog.accept())

    page.goto(f"{live_server.url}/plans/new/")
    page.get_by_label("Trích yếu").fill("Kế hoạch tuyên truyền công tác dân vận năm 2026")
    page.get_by_label("Từ ngày").fill("01/01/2026")
    page.get_by_label("Đến ngày").fill("31/12/2026")
    page.get_by_role("button", name="Lưu dự thảo và tiếp tục").click()
    page.wait_for_url(re.compile(r"/plans/\d+/edit/"))
    plan = Plan.objects.get()

    # Three legal bases: one found in the catalogue without diacritics, one added to the catalogue
    # inline (selected at once), one typed.
    add_basis(page, 1, search="3177")
    form = open_form(page, "bases", "Thêm căn cứ")
    new_reference = page.locator("#reference-new")
    new_reference.locator("summary").click()
    new_reference.get_by_label("Loại văn bản").select_option("nghi_quyet")
    new_reference.get_by_label("Số, ký hiệu").fill("25-NQ/TW")
    new_reference.get_by_label("Ngày ban hành").fill("03/06/2013")
    new_reference.get_by_label("Cơ quan ban hành").fill("Ban Chấp hành Trung ương")
    new_reference.get_by_label("Trích yếu").fill(
        "về tăng cường và đổi mới sự lãnh đạo của Đảng đối với công tác dân vận"
    )
    new_reference.get_by_role("button", name="Thêm vào danh mục").click()
    new_reference.get_by_role("status").filter(has_text="Đã thêm “Nghị quyết số 25-NQ/TW").wait_for()
    created = ReferenceDocument.objects.get(number_symbol="25-NQ/TW")
    assert page.locator("#id_reference").input_value() == str(created.pk)
    form.get_by_role("button", name="Thêm căn cứ").click()
    page.locator("#bases-title", has_text="Căn cứ (2)").wait_for()
    add_basis(
        page, 3, opening="Thực hiện", text="Kế hoạch số 12/KH-UBND ngày 05/3/2026 của UBND xã về công tác dân vận"
    )

    page.locator("#bases").get_by_role("link", name=re.compile("^Sửa: Thực hiện Kế hoạch số 12")).click()
    form = page.locator("#basis-slot form")
    form.get_by_label("Nội dung căn cứ").fill("Thực hiện Kế hoạch số 12/KH-UBND ngày 05/3/2026 của UBND xã")
    form.get_by_role("button", name="Lưu").click()
    page.locator("#bases").get_by_text(
        "Thực hiện Kế hoạch số 12/KH-UBND ngày 05/3/2026 của UBND xã", exact=True
    ).wait_for()

    # Six sections: I. > 1., 2. > a), then II. and III.; the chooser shows the numbered, indented outline.
    add_section(page, 1, "MỤC ĐÍCH, YÊU CẦU", expect_numbering="roman")
    add_section(page, 2, "Mục đích", expect_numbering="arabic", parent="I. MỤC ĐÍCH, YÊU CẦU")
    add_section(page, 3, "Yêu cầu", expect_numbering="arabic", sub_of="I. MỤC ĐÍCH, YÊU CẦU")
    add_section(page, 4, "Nâng cao nhận thức", expect_numbering="letter", parent=f"{NBSP * 4}1. Mục đích")
    add_section(page, 5, "NỘI DUNG", expect_numbering="roman")
    add_section(page, 6, "TỔ CHỨC THỰC HIỆN", expect_numbering="roman", layout="blocks")
    outline = page.locator("#outline")
    assert outline.locator("li").nth(2).inner_text().startswith("a) Nâng cao nhận thức")
    assert "III. TỔ CHỨC THỰC HIỆN" in outline.inner_text()

    # Three tasks; the unit pickers are searched without diacritics and take a whole group.
    form = open_form(page, "tasks", "Thêm nhiệm vụ")
    form.get_by_label("Nội dung nhiệm vụ").fill("Tuyên truyền Nghị quyết 25-NQ/TW trên hệ thống loa truyền thanh")
    form.get_by_label("In trong mục").select_option(label="TỔ CHỨC THỰC HIỆN")
    form.get_by_role("button", name="Lưu").click()
    # Refused in place, in Vietnamese, next to the field.
    page.locator("#task-slot").get_by_text("Nhiệm vụ phải có cơ quan chủ trì.").wait_for()
    form = page.locator("#task-slot form")
    search = form.get_by_label(re.compile("Tìm đơn vị chủ trì"))
    assert search.is_visible()
    search.fill("van hoa")
    leads = form.get_by_label("Cơ quan chủ trì", exact=True)
    culture = leads.locator("option", has_text="Phòng Văn hóa - Xã hội")
    assert culture.is_visible() and leads.locator("option", has_text="Văn phòng HĐND").is_hidden()
    culture.click()
    assert form.get_by_text("Đã chọn: Phòng Văn hóa - Xã hội").is_visible()
    form.get_by_role("button", name="Lưu").click()
    page.locator("#tasks-title", has_text="Nhiệm vụ (1)").wait_for()

    for count, (content, picker) in enumerate(
        [("Tổ chức hội nghị quán triệt", "Tìm đơn vị chủ trì"), ("Báo cáo kết quả", "Tìm đơn vị phối hợp")], start=2
    ):
        form = open_form(page, "tasks", "Thêm nhiệm vụ")
        form.get_by_label("Nội dung nhiệm vụ").fill(content)
        form.get_by_label("In trong mục").select_option(label="TỔ CHỨC THỰC HIỆN")
        form.get_by_label(re.compile(picker)).fill("cac phong")
        groups = "Hoặc cả nhóm đơn vị chủ trì" if picker.endswith("chủ trì") else "Hoặc cả nhóm đơn vị phối hợp"
        form.get_by_label(groups).locator("option", has_text="Các phòng, đơn vị sự nghiệp").click()
        if picker.endswith("phối hợp"):
            form.get_by_label("Cơ quan chủ trì", exact=True).select_option(label="Văn phòng HĐND và UBND")
        form.get_by_role("button", name="Lưu").click()
        page.locator("#tasks-title", has_text=f"Nhiệm vụ ({count})").wait_for()

    # Edit a task and move a section in place; delete one more section after confirmation.
    form = open_form(page, "tasks", "Sửa: Báo cáo kết quả")
    form.get_by_label("Nội dung nhiệm vụ").fill("Báo cáo kết quả thực hiện trước ngày 15/12/2026")
    form.get_by_role("button", name="Lưu").click()
    page.locator("#tasks li", has_text="trước ngày 15/12/2026").wait_for()
    add_section(page, 7, "PHỤ LỤC TẠM", expect_numbering="roman")
    outline.get_by_role("button", name="Chuyển lên: IV. PHỤ LỤC TẠM").click()
    outline.locator("li", has_text="IV. TỔ CHỨC THỰC HIỆN").wait_for()
    outline.get_by_role("button", name="Xóa: III. PHỤ LỤC TẠM").click()
    outline.locator("li", has_text="PHỤ LỤC TẠM").wait_for(state="detached")

    # The preview beside the editor follows every change.
    preview = page.locator("#preview")
    preview.get_by_text("Báo cáo kết quả thực hiện trước ngày 15/12/2026").wait_for()
    assert "Các phòng, đơn vị sự nghiệp thuộc xã" in preview.inner_text()
    assert "25-NQ/TW" in preview.inner_text()
    for locator in (preview, outline):
        box = locator.bounding_box()
        assert locator.is_visible() and box and box["width"] > 200 and box["height"] > 100
    assert plan.bases.count() == 3 and plan.sections.count() == 6 and plan.tasks.count() == 3
    screenshot("plan-editor")

    page.locator("form", has=page.get_by_role("button", name="Trình duyệt")).get_by_role(
        "button", name="Trình duyệt"
    ).click()
    page.get_by_text("Đã trình kế hoạch lên lãnh đạo.").wait_for()
    plan.refresh_from_db()
    assert plan.status == PlanStatus.SUBMITTED

    print(f"page loads: {len(loads)}, submissions: {len(submissions)}")
    assert len(loads) <= 3, loads
