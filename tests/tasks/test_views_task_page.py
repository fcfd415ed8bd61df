"""A task's page: progress with evidence, refused files and values, other units' tasks, comments, its timeline."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from plans.choices import TaskStatus
from plans.models import ProgressUpdate, Task
from plans.services import task_cancel, task_report_progress
from tests.conftest import client_for
from tests.factories import IssuedPlanFactory, TaskFactory
from tests.tasks.conftest import report_day
from tests.tasks.views_helpers import PDF, progress_data

# --- a task's page and its progress ----------------------------------------------------------------


def test_head_reports_progress_with_a_pdf(world, task, head, media_root):
    """Given the head of the lead unit, when they post 50% with a PDF, then the timeline shows it and the file downloads."""
    client = client_for(head)
    upload = SimpleUploadedFile("Biên bản hội nghị.pdf", PDF, content_type="application/pdf")
    response = client.post(
        reverse("tasks:task_progress", args=[task.pk]), {**progress_data(task.plan), "files": [upload]}
    )
    assert response.status_code == 302
    task.refresh_from_db()
    assert (task.progress, task.status) == (50, TaskStatus.IN_PROGRESS)
    page = client.get(reverse("tasks:task_detail", args=[task.pk])).content.decode()
    evidence = ProgressUpdate.objects.get().files.get()
    assert "Biên bản hội nghị.pdf" in page and reverse("tasks:evidence_download", args=[evidence.pk]) in page
    download = client.get(reverse("tasks:evidence_download", args=[evidence.pk]))
    assert download.status_code == 200 and b"".join(download.streaming_content) == PDF
    assert download["Content-Disposition"] == (
        "attachment; filename=\"Bien ban hoi nghi.pdf\"; filename*=UTF-8''Bi%C3%AAn%20b%E1%BA%A3n%20h%E1%BB%99i%20ngh%E1%BB%8B.pdf"
    )


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("virus.pdf", b"MZ\x90\x00\x03" + b"\x00" * 64, "không phải PDF"),
        ("bao-cao.docx", PDF, "không phải Word"),
        ("anh.png", b"\xff\xd8\xff\xe0" + b"\x00" * 32, "không phải ảnh PNG"),
        ("setup.exe", b"MZ" + b"\x00" * 64, "không được nhận"),
        ("rong.pdf", b"", "rỗng"),
        ("hoso\u202efdp.exe", PDF, "không được nhận"),  # Django drops the U+202E; the .exe is refused
    ],
)
def test_forbidden_files_are_refused_by_content_and_nothing_is_written(world, task, head, name, content, message):
    upload = SimpleUploadedFile(name, content)
    response = client_for(head).post(
        reverse("tasks:task_progress", args=[task.pk]), {**progress_data(task.plan), "files": [upload]}
    )
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not ProgressUpdate.objects.exists()


def test_a_file_over_10_mb_is_refused_and_its_temporary_copy_removed(world, task, head, settings, tmp_path):
    """Bad input 27: 50 MB (limit 10 MB) gives a form error; the temporary upload file is gone afterwards."""
    settings.FILE_UPLOAD_TEMP_DIR = str(tmp_path / "uploads")
    (tmp_path / "uploads").mkdir()
    upload = SimpleUploadedFile("lon.pdf", PDF + b"0" * (50 * 1024 * 1024))
    response = client_for(head).post(
        reverse("tasks:task_progress", args=[task.pk]), {**progress_data(task.plan), "files": [upload]}
    )
    assert response.status_code == 400 and "lớn hơn 10 MB" in response.content.decode()
    assert not ProgressUpdate.objects.exists()
    assert list((tmp_path / "uploads").iterdir()) == []


@pytest.mark.parametrize("percent", ["-1", "101", "50.5", "NaN", "inf", "", "٥٠", "５０", "5_0", "1e2", "0x32", "50%"])
def test_bad_percent_is_a_field_error_and_nothing_is_written(world, task, head, percent):
    """Bad inputs 40-41: out of range, not whole, not a number, non-ASCII digits."""
    response = client_for(head).post(reverse("tasks:task_progress", args=[task.pk]), progress_data(task.plan, percent))
    assert response.status_code == 400
    assert not ProgressUpdate.objects.exists()
    assert Task.objects.get(pk=task.pk).progress == 0


@pytest.mark.parametrize("day", ["31/02/2025", "32/12/2025", "2025-13-01", "01/01/0001", "31/12/9999"])
def test_bad_report_dates_are_refused(world, task, head, day):
    data = {**progress_data(task.plan), "reported_on": day}
    assert client_for(head).post(reverse("tasks:task_progress", args=[task.pk]), data).status_code == 400
    assert not ProgressUpdate.objects.exists()


def test_report_dated_tomorrow_is_refused(world, task, head):
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    data = {**progress_data(task.plan), "reported_on": f"{tomorrow:%d/%m/%Y}"}
    response = client_for(head).post(reverse("tasks:task_progress", args=[task.pk]), data)
    assert response.status_code == 400 and "không được sau hôm nay" in response.content.decode()


def test_lowering_progress_without_a_reason_is_refused_on_the_page(world, task, head):
    task_report_progress(task=task, by=head, reported_on=report_day(task.plan), percent=80)
    response = client_for(head).post(
        reverse("tasks:task_progress", args=[task.pk]), {**progress_data(task.plan, "30"), "text": ""}
    )
    assert response.status_code == 400 and "cần ghi lý do" in response.content.decode()
    assert Task.objects.get(pk=task.pk).progress == 80


def test_another_units_task_is_404_and_nothing_is_written(world, other_task, head):
    """Given a task of a plan the head can read but another unit leads, then reading and reporting are 404."""
    client = client_for(head)
    assert client.get(reverse("tasks:task_detail", args=[other_task.pk])).status_code == 404
    response = client.post(reverse("tasks:task_progress", args=[other_task.pk]), progress_data(other_task.plan))
    assert response.status_code == 404
    assert not ProgressUpdate.objects.exists()


def test_task_of_another_commune_is_404(world, head, leader):
    foreign = IssuedPlanFactory(issuing_unit=world.other_commune, created_by=world.users["official"])
    task = TaskFactory(plan=foreign, lead_units=[world.foreign_department])
    assert client_for(leader).get(reverse("tasks:task_detail", args=[task.pk])).status_code == 404
    assert (
        client_for(head).post(reverse("tasks:task_progress", args=[task.pk]), progress_data(foreign)).status_code == 404
    )
    assert client_for(world.users["supervisor"]).get(reverse("tasks:task_detail", args=[task.pk])).status_code == 200


def test_cancelled_task_offers_no_report_form_and_refuses_a_post(world, task, head, official):
    task_cancel(task=task, by=official, reason="Lồng ghép vào kế hoạch khác.")
    client = client_for(head)
    page = client.get(reverse("tasks:task_detail", args=[task.pk])).content.decode()
    assert "Báo cáo tiến độ" not in page and "đã bị hủy" in page
    assert client.post(reverse("tasks:task_progress", args=[task.pk]), progress_data(task.plan)).status_code == 403
    assert not task.updates.filter(kind="progress").exists()


def test_only_the_reporting_head_sees_the_report_form(world, task, head, official, leader):
    assert 'id="progress-card"' in client_for(head).get(reverse("tasks:task_detail", args=[task.pk])).content.decode()
    for user in (official, leader, world.users["supervisor"]):
        page = client_for(user).get(reverse("tasks:task_detail", args=[task.pk])).content.decode()
        assert 'id="progress-card"' not in page


def test_evidence_of_another_units_task_is_refused(world, other_task, other_head, head):
    upload = SimpleUploadedFile("anh.png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 32)
    update = task_report_progress(
        task=other_task, by=other_head, reported_on=report_day(other_task.plan), percent=20, files=[upload]
    )
    evidence = update.files.get()
    # Outside one's rights is 404, as the task itself answers (#15 item 13): evidence ids cannot be probed.
    assert client_for(head).get(reverse("tasks:evidence_download", args=[evidence.pk])).status_code == 404
    assert (
        client_for(world.users["leader"]).get(reverse("tasks:evidence_download", args=[evidence.pk])).status_code == 200
    )


def test_comment_and_cancel_from_the_page(world, task, official):
    client = client_for(official)
    assert (
        client.post(reverse("tasks:task_comment", args=[task.pk]), {"text": "Đề nghị bổ sung ảnh."}).status_code == 302
    )
    assert client.post(reverse("tasks:task_comment", args=[task.pk]), {"text": ""}).status_code == 400
    assert (
        client.post(reverse("tasks:task_cancel", args=[task.pk]), {"reason": "Không còn phù hợp."}).status_code == 302
    )
    task.refresh_from_db()
    assert task.status == TaskStatus.CANCELLED
    page = client.get(reverse("tasks:task_detail", args=[task.pk])).content.decode()
    assert "Đề nghị bổ sung ảnh." in page and "Không còn phù hợp." in page


def test_text_is_escaped_on_the_page(world, task, head):
    data = {**progress_data(task.plan), "text": "<script>alert(1)</script>"}
    client_for(head).post(reverse("tasks:task_progress", args=[task.pk]), data)
    page = client_for(head).get(reverse("tasks:task_detail", args=[task.pk])).content.decode()
    assert "<script>alert(1)</script>" not in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page


def test_plan_page_shows_each_tasks_progress(world, task, head, leader):
    task_report_progress(task=task, by=head, reported_on=report_day(task.plan), percent=40)
    page = client_for(leader).get(task.plan.get_absolute_url()).content.decode()
    assert 'value="40" max="100"' in page and reverse("tasks:task_detail", args=[task.pk]) in page
    assert "task-overdue" in page


def test_task_page_query_count_does_not_grow_with_its_timeline(world, task, head, other_head):
    client = client_for(head)
    url = reverse("tasks:task_detail", args=[task.pk])
    task_report_progress(task=task, by=head, reported_on=report_day(task.plan), percent=10)
    client.get(url)
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    for step in range(2, 12):
        upload = SimpleUploadedFile(f"anh-{step}.png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 16)
        task_report_progress(
            task=task, by=head, reported_on=report_day(task.plan, step), percent=step * 5, files=[upload]
        )
    with CaptureQueriesContext(connection) as many:
        page = client.get(url).content.decode()
    assert len(many) == len(few)
    assert page.count("timeline-entry") == 11
