"""The progress sheet takes only typed values (no formulas, no words for numbers), and only for tasks the unit
still leads when it is applied (issue #15, finding 15)."""

import io
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from plans.models import ProgressUpdate, Task, TaskSheetImport
from plans.task_sheets import read_progress_sheet
from tests.conftest import client_for
from tests.factories import TaskFactory
from tests.importing.test_readers import rewrite_docx
from tests.tasks.test_sheets import add_row, export, fill, upload


def refusal(sheet) -> dict:
    (row,) = [row for row in sheet.rows if row["action"] == "refuse"]
    return row


@pytest.mark.parametrize(
    ("cells", "column"),
    [(("=10*5", "Đã triển khai.", ""), "G"), ((50, '=HYPERLINK("http://x")', ""), "H"), ((50, "A", "=TODAY()"), "I")],
    ids=["percent", "text", "date"],
)
def test_a_formula_is_refused_with_its_cell_at_preview_and_at_apply(world, task, head, cells, column):
    """Given a formula in a cell of the unit's row, then the preview names the cell and the apply writes nothing."""
    client = client_for(head)
    response = upload(client, fill(export(client), {task.pk: cells}))
    sheet = TaskSheetImport.objects.get()
    row = refusal(sheet)
    formula = next(value for value in cells if isinstance(value, str) and value.startswith("="))
    assert row["reason"] == (
        f"Ô {column}{row['row']}: công thức “{formula}” không được nhận: hãy ghi giá trị, không ghi công thức."
    )
    page = client.get(response["Location"]).content.decode()
    assert f"Ô {column}{row['row']}: công thức" in page and "0% → 0%" not in page
    client.post(reverse("tasks:sheet_apply", args=[sheet.pk]))
    assert not ProgressUpdate.objects.filter(kind="progress").exists()
    assert TaskSheetImport.objects.get().applied_at is None


@pytest.mark.parametrize("value", ["năm mươi", "50%", "1e2"])
def test_a_word_in_the_percent_cell_is_refused_with_its_cell(world, task, head, value):
    client = client_for(head)
    upload(client, fill(export(client), {task.pk: (value, "Đã triển khai.", "")}))
    row = refusal(TaskSheetImport.objects.get())
    assert row["reason"] == f"Ô G{row['row']}: Tiến độ “{value}” không hợp lệ: phải là số nguyên từ 0 đến 100."


def test_a_formula_as_task_id_is_named(world, task, head):
    client = client_for(head)
    upload(client, add_row(export(client), f"={task.pk}", "", "", "", "", "", 40, "Mã là công thức"))
    row = refusal(TaskSheetImport.objects.get())
    assert row["reason"] == f"Ô A{row['row']}: Mã nhiệm vụ “={task.pk}” chứa công thức."


def test_apply_refuses_a_task_the_unit_no_longer_leads(world, task, other_task, head):
    """Given a previewed sheet, when the task is given to another unit before the apply, then the apply names the
    row and its cell, and writes nothing, the other rows included."""
    second = TaskFactory(plan=task.plan, lead_units=[world.other_department], content="Việc thứ hai")
    client = client_for(head)
    upload(client, fill(export(client), {task.pk: (40, "A", ""), second.pk: (60, "B", "")}))
    sheet = TaskSheetImport.objects.get()
    assert len(sheet.changes) == 2
    second.lead_units.set([world.department])
    number = next(row["row"] for row in sheet.changes if row["task_id"] == second.pk)
    response = client.post(reverse("tasks:sheet_apply", args=[sheet.pk]), follow=True)
    assert (
        f"Dòng {number}, ô A{number}: đơn vị bạn không còn chủ trì nhiệm vụ số {second.pk}. "
        "Chưa có thay đổi nào được ghi."
    ) in response.content.decode()
    assert not ProgressUpdate.objects.filter(kind="progress").exists()
    assert Task.objects.get(pk=task.pk).progress == 0
    assert TaskSheetImport.objects.get().applied_at is None


def test_the_sheet_reader_finds_an_entity_after_a_5_kb_comment(world, task, head):
    """The sheet import's own check (before openpyxl) reads whole parts, not their first 4 KB."""
    content = export(client_for(head))
    part = "xl/workbook.xml"
    xml = zipfile.ZipFile(io.BytesIO(content)).read(part)
    hidden = b"<!--" + b" " * 5 * 1024 + b'--><!DOCTYPE w [<!ENTITY x SYSTEM "file:///etc/passwd">]>' + xml
    with pytest.raises(ValidationError, match="Tệp Excel chứa khai báo XML không được phép"):
        read_progress_sheet(rewrite_docx(content, replace={part: hidden}))
