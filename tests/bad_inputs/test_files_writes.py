"""Bad inputs 33-35: what an upload writes: stored file names, a second import, one bad row among 500."""

import io
import re
from urllib.parse import unquote

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook

from models_registry.models import EvidenceFile as RegistrationEvidence
from plans.models import EvidenceFile as TaskEvidence
from plans.models import ImportRecord, Plan, ProgressUpdate, Task, TaskSheetImport
from plans.services import task_cancel
from tests.bad_inputs.files_helpers import UploadPage, files_under, folders, page, plan_import_page  # noqa: F401 (fixtures)
from tests.conftest import client_for
from tests.factories import IssuedPlanFactory, TaskFactory
from tests.models_registry.test_evidence import real_docx
from tests.plans.test_import import THUONG_HONG
from tests.tasks.test_sheets import export, fill
from tests.tasks.test_sheets import upload as upload_sheet
from tests.tasks.views_helpers import PDF

# --- row 33: file names ----------------------------------------------------------------------------------------

GENERATED = {
    "task-evidence": re.compile(r"^tasks/evidence/\d{4}/\d{2}/[0-9a-f]{32}\.(pdf|docx)$"),
    "registration-evidence": re.compile(r"^models_registry/evidence/\d+/[0-9a-f]{32}\.(pdf|docx)$"),
}
LONG_NAME = "Biên bản hội nghị triển khai phong trào Dân vận khéo " * 6 + ".pdf"
NAMES = {
    "traversal": ("../../x.pdf", PDF, "x.pdf"),
    "windows-device": ("con.docx", None, "con.docx"),
    "300-chars": (LONG_NAME[-300:], PDF, None),
    "vietnamese": ("Kế hoạch.docx", None, "Kế hoạch.docx"),
}


def stored_evidence(page: UploadPage):
    return (TaskEvidence if page.key == "task-evidence" else RegistrationEvidence).objects.get()


def download_url(page: UploadPage, evidence) -> str:
    name = "tasks:evidence_download" if page.key == "task-evidence" else "models_registry:evidence_download"
    return reverse(name, args=[evidence.pk])


@pytest.mark.parametrize("case", NAMES)
@pytest.mark.parametrize("page", ["task-evidence", "registration-evidence"], indirect=True)
def test_row33_evidence_is_stored_under_a_generated_name_and_offered_under_its_own(page, case, folders):
    """Given a file name with folders, a Windows device name, 300 characters or Vietnamese, when the file is
    uploaded, then it is stored under a name the portal made up, inside MEDIA_ROOT, and downloads under
    the given base name with an ASCII fallback and an RFC 6266 UTF-8 name."""
    name, content, expected = NAMES[case]
    content = content or real_docx()
    status, _ = page.send_raw(name, content)
    assert status == 302
    evidence = stored_evidence(page)
    assert GENERATED[page.key].match(evidence.file.name), evidence.file.name
    (stored,) = files_under(folders / "media")
    assert stored.read_bytes() == content
    assert [path for path in files_under(folders) if path.name in ("x.pdf", "con.docx")] == []
    extension = name.rpartition(".")[2]
    assert len(evidence.original_name) <= 255 and evidence.original_name.endswith(f".{extension}")
    if expected:
        assert evidence.original_name == expected
    download = page.client.get(download_url(page, evidence))
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == content
    disposition = download["Content-Disposition"]
    match = re.fullmatch(r"attachment; filename=\"([ -~]+)\"; filename\*=UTF-8''([A-Za-z0-9%._~-]+)", disposition)
    assert match, disposition
    fallback, utf8 = match[1], unquote(match[2])
    assert fallback.isascii() and '"' not in fallback and fallback.endswith(f".{extension}")
    assert "/" not in utf8 and "\\" not in utf8 and utf8.endswith(f".{extension}")
    if expected:
        assert utf8 == expected


@pytest.mark.parametrize("page", ["task-evidence", "registration-evidence"], indirect=True)
def test_row33_a_path_to_a_python_file_is_refused_and_written_nowhere(page, folders):
    before = page.records()
    status, text = page.send_raw("../../x.py", b"print('xin chao')\n")
    assert status == page.refused_status
    assert "“x.py” không được nhận" in text
    assert page.records() == before
    assert list(folders.parent.rglob("x.py")) == []


# --- row 34: the same import twice -------------------------------------------------------------------------------


@pytest.mark.parametrize("second_name", ["ke-hoach-31.txt", "ban-sao cua ke-hoach.txt"], ids=["same-name", "renamed"])
def test_row34_a_plan_imported_twice_is_already_imported(world, second_name):
    """Given a plan document imported once, when the same bytes are uploaded again under any name,
    then the person is shown the finished import (its job, with the link to its review) and no second plan is made."""
    page = plan_import_page(world)
    first = page.post(page.url, {"file": SimpleUploadedFile("ke-hoach-31.txt", THUONG_HONG)})
    assert first.status_code == 302
    again = page.post(page.url, {"file": SimpleUploadedFile(second_name, THUONG_HONG)})
    assert again["Location"] == first["Location"]
    review = reverse("plans:import_review", args=[ImportRecord.objects.get().pk])
    assert f'href="{review}"' in page.client.get(again["Location"]).content.decode()
    assert Plan.objects.count() == 1 and ImportRecord.objects.count() == 1


def test_row34_a_progress_sheet_applied_twice_is_already_applied(world):
    plan = IssuedPlanFactory(issuing_unit=world.commune, created_by=world.users["official"])
    task = TaskFactory(plan=plan, lead_units=[world.other_department])
    client = client_for(world.users["unit_head"])
    content = fill(export(client), {task.pk: (30, "Đã họp triển khai.", "")})
    first = upload_sheet(client, content)
    assert first.status_code == 302
    assert client.post(reverse("tasks:sheet_apply", args=[TaskSheetImport.objects.get().pk])).status_code == 302
    again = upload_sheet(client, content, name="tien-do (1).xlsx")
    assert again.status_code == 400 and "đã được áp dụng" in again.content.decode()
    assert ProgressUpdate.objects.count() == 1


# --- row 35: one bad row of 500 -------------------------------------------------------------------------------------


@pytest.fixture
def five_hundred_tasks(world) -> list[Task]:
    """500 open tasks led by the unit head's unit, made in bulk."""
    plan = IssuedPlanFactory(issuing_unit=world.commune, created_by=world.users["official"])
    tasks = Task.objects.bulk_create(
        Task(plan=plan, position=number, content=f"Nhiệm vụ tuyên truyền số {number}", timeframe_kind="regular")
        for number in range(1, 501)
    )
    Task.lead_units.through.objects.bulk_create(
        Task.lead_units.through(task_id=task.pk, unit_id=world.other_department.pk) for task in tasks
    )
    return tasks


def sheet_rows(content: bytes) -> dict[int, int]:
    """Return the spreadsheet row number of each task id in an exported progress sheet."""
    sheet = load_workbook(io.BytesIO(content)).active
    return {row[0].value: row[0].row for row in sheet.iter_rows(min_row=5) if isinstance(row[0].value, int)}


def test_row35_one_bad_row_of_500_is_named_and_nothing_is_written(world, five_hundred_tasks):
    """Given the sheet of 500 tasks filled in with one percent typed as "５０", when it is uploaded, then the
    preview names that row, offers no apply, and applying anyway writes nothing."""
    client = client_for(world.users["unit_head"])
    exported = export(client)
    rows = sheet_rows(exported)
    assert len(rows) == 500
    bad = five_hundred_tasks[250]
    values = {task.pk: (40, "Đã triển khai.", "") for task in five_hundred_tasks}
    values[bad.pk] = ("５０", "Đã triển khai.", "")
    response = upload_sheet(client, fill(exported, values))
    assert response.status_code == 302
    preview = client.get(response["Location"]).content.decode()
    assert "1 dòng bị từ chối" in preview and "Áp dụng" not in preview
    refused = re.findall(r'data-action="refuse">\s*<td>(\d+)</td>', preview)
    assert refused == [str(rows[bad.pk])]
    sheet = TaskSheetImport.objects.get()
    applied = client.post(reverse("tasks:sheet_apply", args=[sheet.pk]), follow=True)
    assert applied.status_code == 200 and "Chưa có thay đổi nào được ghi" in applied.content.decode()
    assert not ProgressUpdate.objects.exists()
    assert set(Task.objects.filter(plan=bad.plan).values_list("progress", flat=True)) == {0}


def test_row35_a_row_failing_at_apply_time_is_named_and_rolls_back_the_rows_before_it(world, five_hundred_tasks):
    """Given a previewed sheet of 500 good rows, when the 50th row's task is cancelled before the apply, then the
    apply names that row and the 49 reports written before it are rolled back: nothing is kept."""
    client = client_for(world.users["unit_head"])
    exported = export(client)
    rows = sheet_rows(exported)
    response = upload_sheet(
        client, fill(exported, {task.pk: (40, "Đã triển khai.", "") for task in five_hundred_tasks})
    )
    assert response.status_code == 302
    sheet = TaskSheetImport.objects.get()
    assert len(sheet.changes) == 500
    late = sorted(five_hundred_tasks, key=lambda task: rows[task.pk])[49]
    task_cancel(task=late, by=world.users["official"], reason="Không còn phù hợp.")
    applied = client.post(reverse("tasks:sheet_apply", args=[sheet.pk]), follow=True)
    page = applied.content.decode()
    assert applied.status_code == 200
    assert f"Dòng {rows[late.pk]}" in page and "Chưa có thay đổi nào được ghi" in page
    assert not ProgressUpdate.objects.filter(kind="progress").exists()
    assert set(Task.objects.exclude(pk=late.pk).filter(plan=late.plan).values_list("progress", flat=True)) == {0}
    assert TaskSheetImport.objects.get().applied_at is None
