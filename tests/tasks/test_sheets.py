"""The spreadsheet round trip: export the unit's open tasks, fill in offline, upload, preview row by row, apply once."""

import datetime
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook

from plans.choices import TaskStatus
from plans.models import ProgressUpdate, Task, TaskSheetImport
from plans.services import task_cancel
from tests.conftest import client_for
from tests.factories import IssuedPlanFactory, TaskFactory

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def export(client) -> bytes:
    response = client.get(reverse("tasks:unit_task_export"))
    assert response.status_code == 200 and response["Content-Type"] == XLSX
    return response.content


def fill(content: bytes, values: dict[int, tuple]) -> bytes:
    """Return the exported sheet with (percent, text, date) written on the rows of the given task ids."""
    workbook = load_workbook(io.BytesIO(content))
    sheet = workbook.active
    for row in sheet.iter_rows(min_row=5):
        task_id = row[0].value
        if task_id in values:
            for cell, value in zip(row[6:9], values[task_id], strict=True):
                cell.value = value
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def add_row(content: bytes, *cells) -> bytes:
    workbook = load_workbook(io.BytesIO(content))
    workbook.active.append(list(cells))
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def upload(client, content: bytes, name="tien-do.xlsx"):
    return client.post(reverse("tasks:sheet_import"), {"file": SimpleUploadedFile(name, content, content_type=XLSX)})


@pytest.fixture
def second_task(plan, world):
    return TaskFactory(plan=plan, lead_units=[world.other_department], content="Biên tập tin bài về mô hình")


def test_export_lists_the_units_open_tasks_to_fill_in(world, task, second_task, other_task, head):
    done = TaskFactory(plan=task.plan, lead_units=[world.other_department], content="Việc đã xong")
    Task.objects.filter(pk=done.pk).update(status=TaskStatus.DONE, progress=100)
    sheet = load_workbook(io.BytesIO(export(client_for(head)))).active
    assert [cell.value for cell in sheet[4]][:3] == ["Mã nhiệm vụ", "Kế hoạch", "Nội dung nhiệm vụ"]
    ids = [row[0] for row in sheet.iter_rows(min_row=5, values_only=True)]
    assert sorted(ids) == sorted([task.pk, second_task.pk])
    assert sheet.data_validations.dataValidation[0].sqref  # percent is checked by Excel too


def test_round_trip_previews_then_applies_in_one_go(world, task, second_task, head, django_capture_on_commit_callbacks):
    """Given two filled rows, when uploaded, then the preview lists both changes and nothing is written; when
    applied, then both tasks move and the timeline says they came from the file."""
    client = client_for(head)
    content = fill(
        export(client),
        {
            task.pk: (100, "Đã tổ chức hội nghị ngày 20/10.", "20/10/2025"),
            second_task.pk: ("40", "Đã đăng 4 tin bài.", datetime.datetime(2025, 10, 21)),
        },
    )
    response = upload(client, content)
    assert response.status_code == 302
    sheet = TaskSheetImport.objects.get()
    assert [row["action"] for row in sheet.rows] == ["change", "change"]
    assert not ProgressUpdate.objects.exists()
    preview = client.get(response["Location"]).content.decode()
    assert "0% → <strong>100%</strong>" in preview and "Áp dụng 2 thay đổi" in preview
    with django_capture_on_commit_callbacks(execute=True):
        applied = client.post(reverse("tasks:sheet_apply", args=[sheet.pk]))
    assert applied.status_code == 302 and applied["Location"] == reverse("tasks:unit_tasks")
    task.refresh_from_db()
    second_task.refresh_from_db()
    assert (task.status, task.progress, task.last_reported_on) == (TaskStatus.DONE, 100, datetime.date(2025, 10, 20))
    assert (second_task.progress, second_task.last_reported_on) == (40, datetime.date(2025, 10, 21))
    assert ProgressUpdate.objects.filter(sheet=sheet).count() == 2


def test_same_file_twice_is_not_applied_twice(world, task, head):
    client = client_for(head)
    content = fill(export(client), {task.pk: (30, "Đã họp triển khai.", "")})
    upload(client, content)
    sheet = TaskSheetImport.objects.get()
    client.post(reverse("tasks:sheet_apply", args=[sheet.pk]))
    client.post(reverse("tasks:sheet_apply", args=[sheet.pk]))  # a double click
    assert ProgressUpdate.objects.count() == 1
    again = upload(client, content)
    assert again.status_code == 400 and "đã được áp dụng" in again.content.decode()
    assert ProgressUpdate.objects.count() == 1


def test_refusals_are_shown_row_by_row_and_block_the_apply(world, plan, task, other_task, head):
    """Given rows for an unknown task, another unit's task, a bad percent and a good one, then each refusal is named
    and nothing at all is written, the good row included."""
    foreign_plan = IssuedPlanFactory(issuing_unit=world.other_commune, created_by=world.users["official"])
    foreign = TaskFactory(plan=foreign_plan, lead_units=[world.foreign_department])
    client = client_for(head)
    content = fill(export(client), {task.pk: (50, "Đã triển khai.", "")})
    content = add_row(content, 99999999, "", "", "", "", "", 40, "Không có nhiệm vụ này")
    content = add_row(content, other_task.pk, "", "", "", "", "", 40, "Việc của phòng khác")
    content = add_row(content, foreign.pk, "", "", "", "", "", 40, "Việc của xã khác")
    content = add_row(content, task.pk, "", "", "", "", "", 60, "Trùng dòng")
    for bad in ("５０", "5_0", "50.5", 150, "NaN"):
        bad_task = TaskFactory(plan=plan, lead_units=[world.other_department])
        content = add_row(content, bad_task.pk, "", "", "", "", "", bad, "Tiến độ sai")
    tomorrow = datetime.date.today() + datetime.timedelta(days=2)
    future = TaskFactory(plan=plan, lead_units=[world.other_department])
    content = add_row(content, future.pk, "", "", "", "", "", 10, "Ngày tương lai", f"{tomorrow:%d/%m/%Y}")
    content = add_row(content, "abc", "", "", "", "", "", 10, "Mã sai")
    response = upload(client, content)
    sheet = TaskSheetImport.objects.get()
    reasons = {row["row"]: row.get("reason", "") for row in sheet.rows if row["action"] == "refuse"}
    assert len(reasons) == 11
    joined = " | ".join(reasons.values())
    assert "Không tìm thấy nhiệm vụ số 99999999" in joined
    assert "Nhiệm vụ của đơn vị khác" in joined
    assert f"Không tìm thấy nhiệm vụ số {foreign.pk}" in joined  # another commune's task is not revealed
    assert "đã có ở dòng" in joined and "ở tương lai" in joined and "Mã nhiệm vụ “abc”" in joined
    assert joined.count("không hợp lệ: phải là số nguyên") == 5
    preview = client.get(response["Location"]).content.decode()
    assert "11 dòng bị từ chối" in preview and "Áp dụng" not in preview
    refused = client.post(reverse("tasks:sheet_apply", args=[sheet.pk]))
    assert refused.status_code == 302
    assert not ProgressUpdate.objects.exists()


def test_a_row_failing_at_apply_time_rolls_back_every_row(world, task, second_task, head, official):
    """Bad input 35: a task cancelled between preview and apply makes the apply write nothing and name the row."""
    client = client_for(head)
    upload(client, fill(export(client), {task.pk: (40, "A", ""), second_task.pk: (60, "B", "")}))
    sheet = TaskSheetImport.objects.get()
    task_cancel(task=second_task, by=official, reason="Không còn phù hợp.")
    response = client.post(reverse("tasks:sheet_apply", args=[sheet.pk]), follow=True)
    assert "Dòng 6" in response.content.decode() and "Chưa có thay đổi nào được ghi" in response.content.decode()
    assert not ProgressUpdate.objects.filter(kind="progress").exists()
    assert Task.objects.get(pk=task.pk).progress == 0
    assert TaskSheetImport.objects.get().applied_at is None


def test_lowering_in_the_sheet_needs_a_reason(world, task, head):
    from plans.services import task_report_progress

    task_report_progress(task=task, by=head, reported_on=datetime.date(2025, 9, 1), percent=80)
    client = client_for(head)
    upload(client, fill(export(client), {task.pk: (30, None, "")}))
    (row,) = TaskSheetImport.objects.get().rows
    assert row["action"] == "refuse" and "cần ghi lý do" in row["reason"]


def test_another_persons_sheet_is_404(world, task, head, other_head):
    client = client_for(head)
    upload(client, fill(export(client), {task.pk: (30, "A", "")}))
    sheet = TaskSheetImport.objects.get()
    assert client_for(other_head).get(reverse("tasks:sheet_preview", args=[sheet.pk])).status_code == 404
    assert client_for(other_head).post(reverse("tasks:sheet_apply", args=[sheet.pk])).status_code == 404
    assert not ProgressUpdate.objects.exists()


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("tien-do.xlsx", b"%PDF-1.4 renamed", "không phải Excel"),
        ("tien-do.pdf", b"%PDF-1.4", "Chỉ nhận tệp Excel"),
        ("tien-do.xlsx", b"PK\x03\x04broken", "Không đọc được"),
    ],
)
def test_upload_that_is_not_a_progress_sheet(world, head, name, content, message):
    response = upload(client_for(head), content, name=name)
    assert response.status_code == 400 and message in response.content.decode()
    assert not TaskSheetImport.objects.exists()


def test_a_workbook_without_the_header_row(world, head):
    from openpyxl import Workbook

    workbook = Workbook()
    workbook.active.append(["Cột A", "Cột B"])
    buffer = io.BytesIO()
    workbook.save(buffer)
    response = upload(client_for(head), buffer.getvalue())
    assert response.status_code == 400 and "Mã nhiệm vụ" in response.content.decode()
