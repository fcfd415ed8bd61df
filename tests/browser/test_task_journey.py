"""A task's journey in a real browser: the unit head reports 50% with a PDF, then 100%; the leader sees it done
and another task flagged late."""

import datetime
import re

import pytest
from django.utils import timezone

from plans.models import Task
from tests.browser.conftest import login
from tests.factories import TEST_PASSWORD, IssuedPlanFactory, TaskFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PDF = b"%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"


def logout(page):
    page.locator("nav .dropdown-toggle").click()
    page.get_by_role("button", name="Đăng xuất").click()
    page.wait_for_url(re.compile(r"/accounts/login/"))


def test_head_reports_progress_and_leader_sees_it(world, live_server, page, screenshot, tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path / "media"
    plan = IssuedPlanFactory(
        issuing_unit=world.commune, created_by=world.users["official"], title="Kế hoạch công tác dân vận năm 2025"
    )
    ours = TaskFactory(
        plan=plan,
        lead_units=[world.other_department],
        content="Tổ chức hội nghị đối thoại với Nhân dân về cải cách hành chính",
        timeframe_kind="deadline",
        due_date=timezone.localdate() + datetime.timedelta(days=20),
    )
    late = TaskFactory(
        plan=plan,
        lead_units=[world.department],
        content="Biên tập chuyên mục Dân vận khéo trên trang thông tin điện tử",
        timeframe_kind="deadline",
        due_date=datetime.date(2025, 10, 31),
    )
    evidence = tmp_path / "Biên bản hội nghị đối thoại.pdf"
    evidence.write_bytes(PDF)

    # truongphong opens their unit's tasks and reports 50% with the minutes attached.
    login(page, live_server, "truongphong", TEST_PASSWORD)
    page.wait_for_url(f"{live_server.url}/")
    page.get_by_role("link", name="Nhiệm vụ", exact=True).click()
    page.wait_for_url(re.compile(r"/tasks/mine/"))
    assert page.get_by_text(late.content).count() == 0
    page.get_by_role("link", name=ours.content).click()
    page.wait_for_url(re.compile(rf"/tasks/{ours.pk}/"))
    page.get_by_label("Tiến độ (%)").fill("50")
    page.get_by_label("Nội dung đã thực hiện").fill("Đã tổ chức hội nghị đối thoại tại nhà văn hóa thôn 3.")
    page.get_by_label("Tệp minh chứng").set_input_files(str(evidence))
    page.get_by_role("button", name="Gửi báo cáo").click()
    page.get_by_text("Đã báo cáo tiến độ 50%.").wait_for()
    page.locator("#timeline").get_by_role("link", name="Biên bản hội nghị đối thoại.pdf").wait_for()
    with page.expect_download() as download_info:
        page.locator("#timeline").get_by_role("link", name="Biên bản hội nghị đối thoại.pdf").click()
    assert download_info.value.suggested_filename == "Biên bản hội nghị đối thoại.pdf"

    # Then 100%: the task is done.
    page.get_by_label("Tiến độ (%)").fill("100")
    page.get_by_label("Nội dung đã thực hiện").fill("Đã gửi báo cáo kết quả hội nghị về UBND xã.")
    page.get_by_role("button", name="Gửi báo cáo").click()
    page.get_by_text("Đã ghi nhận hoàn thành nhiệm vụ.").wait_for()
    assert Task.objects.get(pk=ours.pk).status == "done"
    screenshot("task-done-timeline")
    logout(page)

    # lanhdao sees it done, and the other task flagged late on the leader's list.
    login(page, live_server, "lanhdao", TEST_PASSWORD)
    page.wait_for_url(f"{live_server.url}/")
    page.get_by_role("link", name="Nhiệm vụ", exact=True).click()
    page.wait_for_url(re.compile(r"/tasks/$"))
    done_row = page.locator(f'tr[data-task="{ours.pk}"]')
    assert "Hoàn thành" in done_row.inner_text()
    late_row = page.locator(f'tr[data-task="{late.pk}"]')
    assert re.search(r"Quá hạn \d+ ngày", late_row.inner_text())
    page.locator("#count-overdue").click()
    page.wait_for_url(re.compile(r"overdue=on"))
    assert page.locator(f'tr[data-task="{late.pk}"]').count() == 1
    assert page.locator(f'tr[data-task="{ours.pk}"]').count() == 0
    screenshot("task-leader-overdue")
