"""The progress upload names every error of a row with its cell, not only the first."""

import datetime

from plans.models import ProgressUpdate, TaskSheetImport
from tests.conftest import client_for
from tests.tasks.test_sheets import add_row, export, upload


def test_every_error_of_a_row_is_named_with_its_cell(world, task, head):
    """Given a row with a percent out of range and a date that is no date, then both are refused, each with its cell."""
    client = client_for(head)
    content = add_row(export(client), task.pk, "", "", "", "", "", 150, "Đã triển khai.", "31/02/2025")
    response = upload(client, content)
    sheet = TaskSheetImport.objects.get()
    (row,) = [row for row in sheet.rows if row["action"] == "refuse"]
    number = row["row"]
    assert row["errors"] == [
        f"Ô G{number}: Tiến độ “150” không hợp lệ: phải là số nguyên từ 0 đến 100.",
        f"Ô I{number}: Ngày báo cáo không hợp lệ: ghi theo dạng dd/mm/yyyy.",
    ]
    assert row["reason"] == "; ".join(row["errors"])
    page = client.get(response["Location"]).content.decode()
    assert f"<li>Ô G{number}: Tiến độ" in page and f"<li>Ô I{number}: Ngày báo cáo không hợp lệ" in page
    assert not ProgressUpdate.objects.filter(kind="progress").exists()


def test_a_future_date_and_a_long_text_are_both_named(world, task, head):
    """Given a row whose text is too long and whose date is ahead, then the text cell and the date cell are named."""
    client = client_for(head)
    ahead = datetime.date.today() + datetime.timedelta(days=3)
    content = add_row(export(client), task.pk, "", "", "", "", "", 40, "x" * 4001, f"{ahead:%d/%m/%Y}")
    upload(client, content)
    (row,) = [row for row in TaskSheetImport.objects.get().rows if row["action"] == "refuse"]
    number = row["row"]
    assert [error.split(":")[0] for error in row["errors"]] == [f"Ô H{number}", f"Ô I{number}"]
    assert "ở tương lai" in row["reason"] and "dài quá 4000 ký tự" in row["reason"]


def test_an_unknown_task_names_the_task_id_cell(world, head):
    client = client_for(head)
    upload(client, add_row(export(client), "abc", "", "", "", "", "", 10, "Mã sai"))
    (row,) = TaskSheetImport.objects.get().rows
    assert row["reason"].startswith(f"Ô A{row['row']}: Mã nhiệm vụ “abc”")
