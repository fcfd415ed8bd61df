"""Task pages: the list and the unit inbox, a task's page, progress with evidence, downloads, calendar, export."""

import datetime
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from plans.choices import TaskStatus
from plans.models import ProgressUpdate, Task
from plans.services import task_cancel, task_report_progress
from tests.conftest import client_for
from tests.factories import IssuedPlanFactory, TaskFactory
from tests.tasks.conftest import report_day
from units.models import User

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def progress_data(plan, percent="50", **extra):
    return {"reported_on": f"{report_day(plan):%d/%m/%Y}", "percent": percent, "text": "Đã tổ chức hội nghị.", **extra}


def make_tasks(world, count, unit, *, overdue=False):
    plan = IssuedPlanFactory(issuing_unit=world.commune, created_by=world.users["official"])
    for index in range(count):
        task = TaskFactory(
            plan=plan,
            lead_units=[unit],
            timeframe_kind="deadline",
            due_date=datetime.date(2025, 8, 1) if overdue else datetime.date(2025, 12, 1),
            content=f"Nhiệm vụ tuyên truyền số {index}",
        )
        task.coordinating_units.set([world.department])


# --- lists -----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("url", "role"),
    [("tasks:task_list", "leader"), ("tasks:task_list", "supervisor"), ("tasks:unit_tasks", "unit_head")],
)
def test_list_query_count_does_not_grow_with_tasks(world, url, role):
    """Given a few tasks, then many more, when the list is opened, then it costs the same number of queries."""
    client = client_for(world.users[role])
    make_tasks(world, 3, world.other_department)
    client.get(reverse(url))
    with CaptureQueriesContext(connection) as few:
        assert client.get(reverse(url)).status_code == 200
    make_tasks(world, 40, world.other_department, overdue=True)
    with CaptureQueriesContext(connection) as many:
        response = client.get(reverse(url))
    assert response.status_code == 200
    assert len(many) == len(few)
    assert "Quá hạn" in response.content.decode()


def test_leader_sees_late_tasks_flagged_and_can_keep_only_them(world, plan, task, other_task, leader):
    """Given one late task and one on time, when the leader filters "overdue", then only the late one remains."""
    on_time = TaskFactory(plan=plan, lead_units=[world.department], content="Việc còn hạn", timeframe_kind="regular")
    client = client_for(leader)
    page = client.get(reverse("tasks:task_list")).content.decode()
    assert "task-overdue" in page
    late = client.get(reverse("tasks:task_list"), {"overdue": "on"}).content.decode()
    assert task.content[:30] in late and on_time.content not in late


def test_filters_by_lead_and_coordinating_unit_status_and_due_window(world, plan, task, other_task, leader):
    task.coordinating_units.set([world.department])
    client = client_for(leader)

    def listed(**params):
        content = client.get(reverse("tasks:task_list"), params).content.decode()
        return {t.pk for t in (task, other_task) if f'data-task="{t.pk}"' in content}

    assert listed(lead_unit=world.other_department.pk) == {task.pk}
    assert listed(coordinating_unit=world.department.pk) == {task.pk}
    assert listed(status="not_started") == {task.pk, other_task.pk}
    assert listed(status="done") == set()
    assert listed(kind=plan.kind) == {task.pk, other_task.pk}
    assert listed(plan=plan.pk) == {task.pk, other_task.pk}


@pytest.mark.parametrize(
    "params",
    [
        {"due_within": "-5"},
        {"due_within": "abc"},
        {"due_within": "1e999"},
        {"lead_unit": "99999999"},
        {"plan": "abc"},
        {"q": "' OR 1=1 --"},
        {"sort": "password"},
        {"page": "-1"},
        {"due_on": "31/02/2025"},
    ],
)
def test_bad_filter_values_never_fail(world, task, leader, params):
    assert client_for(leader).get(reverse("tasks:task_list"), params).status_code == 200


def test_filter_by_a_unit_of_another_commune_shows_nothing(world, task, leader):
    content = client_for(leader).get(reverse("tasks:task_list"), {"lead_unit": world.foreign_department.pk})
    assert f'data-task="{task.pk}"' in content.content.decode()  # an unknown choice is ignored, not obeyed


@pytest.mark.parametrize("query", ["hoi nghi tuyen truyen", "HỘI NGHỊ", "dan van kheo"])
def test_search_ignores_diacritics(world, task, other_task, leader, query):
    content = client_for(leader).get(reverse("tasks:task_list"), {"q": query}).content.decode()
    assert f'data-task="{task.pk}"' in content and f'data-task="{other_task.pk}"' not in content


def test_inbox_lists_only_the_units_tasks_most_urgent_first(world, plan, head, other_task):
    """Given three tasks of the head's unit, then the late one is first, the regular one last; another unit's is absent."""
    later = TaskFactory(
        plan=plan, lead_units=[world.other_department], timeframe_kind="deadline", due_date=datetime.date(2025, 12, 20)
    )
    regular = TaskFactory(plan=plan, lead_units=[world.other_department], timeframe_kind="regular")
    late = TaskFactory(
        plan=plan, lead_units=[world.other_department], timeframe_kind="deadline", due_date=datetime.date(2025, 8, 1)
    )
    content = client_for(head).get(reverse("tasks:unit_tasks")).content.decode()
    positions = [content.index(f'data-task="{t.pk}"') for t in (late, later, regular)]
    assert positions == sorted(positions)
    assert f'data-task="{other_task.pk}"' not in content


def test_inbox_ignores_a_unit_in_the_query(world, head, other_task):
    """Bad input 48: a head asking for another unit's inbox gets their own."""
    content = client_for(head).get(reverse("tasks:unit_tasks"), {"unit": world.department.pk}).content.decode()
    assert f'data-task="{other_task.pk}"' not in content


def test_inbox_of_coordinated_tasks(world, plan, head):
    helped = TaskFactory(plan=plan, lead_units=[world.department], content="Phối hợp tuyên truyền")
    helped.coordinating_units.set([world.other_department])
    assert f'data-task="{helped.pk}"' not in client_for(head).get(reverse("tasks:unit_tasks")).content.decode()
    content = client_for(head).get(reverse("tasks:unit_tasks"), {"role": "coordinate"}).content.decode()
    assert f'data-task="{helped.pk}"' in content


def test_unit_heads_have_no_cross_plan_list(head):
    assert client_for(head).get(reverse("tasks:task_list")).status_code == 403


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
    assert client_for(head).get(reverse("tasks:evidence_download", args=[evidence.pk])).status_code == 403
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


# --- calendar and export ------------------------------------------------------------------------------


def test_calendar_shows_due_dates_of_the_month(world, task, leader):
    page = client_for(leader).get(reverse("tasks:task_calendar"), {"month": "2025-12"}).content.decode()
    assert "Tháng 12 năm 2025" in page and reverse("tasks:task_detail", args=[task.pk]) in page


@pytest.mark.parametrize("month", ["2025-13", "abc", "1999-01", "2025-1", "99999-01"])
def test_calendar_falls_back_to_this_month(world, leader, month):
    today = timezone.localdate()
    page = client_for(leader).get(reverse("tasks:task_calendar"), {"month": month}).content.decode()
    assert f"năm {today.year}" in page


def test_calendar_query_count_does_not_grow(world, leader):
    client = client_for(leader)
    make_tasks(world, 2, world.other_department)
    with CaptureQueriesContext(connection) as few:
        client.get(reverse("tasks:task_calendar"), {"month": "2025-12"})
    make_tasks(world, 30, world.department)
    with CaptureQueriesContext(connection) as many:
        page = client.get(reverse("tasks:task_calendar"), {"month": "2025-12"}).content.decode()
    assert len(many) == len(few)
    assert "Xem cả 32 việc" in page


def test_export_has_vietnamese_headers_real_dates_and_no_formulas(world, plan, leader):
    """Given a task whose content starts with "=", when exported, then it is text with a leading apostrophe."""
    task = TaskFactory(
        plan=plan,
        lead_units=[world.department],
        content='=HYPERLINK("http://evil.example","Bấm")',
        timeframe_kind="deadline",
        due_date=datetime.date(2025, 12, 15),
    )
    TaskFactory(plan=plan, lead_units=[world.department], content="@SUM(A1:A9)")
    response = client_for(leader).get(reverse("tasks:task_export"), {"status": "not_started"})
    assert response.status_code == 200
    assert "filename*=UTF-8''Danh%20s%C3%A1ch%20nhi%E1%BB%87m%20v%E1%BB%A5" in response["Content-Disposition"]
    sheet = load_workbook(io.BytesIO(response.content)).active
    headers = [cell.value for cell in sheet[4]]
    assert headers[:4] == ["STT", "Mã nhiệm vụ", "Nội dung nhiệm vụ", "Kế hoạch"]
    rows = {row[1]: row for row in sheet.iter_rows(min_row=5, values_only=True)}
    assert rows[task.pk][2] == "'" + task.content
    assert rows[task.pk][10] == datetime.datetime(2025, 12, 15)
    assert sheet.cell(row=5, column=11).number_format == "dd/mm/yyyy" or sheet.cell(row=6, column=11).number_format
    assert all(
        not str(cell.value).startswith(("=", "@", "+", "-")) for row in sheet.iter_rows() for cell in row if cell.value
    )


def test_admin_shows_reports_and_reminders_read_only(world, task, head):
    from tests.factories import UserFactory

    task_report_progress(task=task, by=head, reported_on=report_day(task.plan), percent=40)
    admin = UserFactory(username="quantri", unit=None, role="", is_staff=True, is_superuser=True)
    client = client_for(admin)
    for name in ["admin:plans_progressupdate_changelist", "admin:plans_taskreminder_changelist"]:
        assert client.get(reverse(name)).status_code == 200
    update = ProgressUpdate.objects.get()
    assert client.get(reverse("admin:plans_progressupdate_change", args=[update.pk])).status_code == 200
    assert client.get(reverse("admin:plans_progressupdate_add")).status_code == 403


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


def test_supervisor_scope_by_joins_matches_the_list_of_units(world, task):
    """Given a city supervisor, the join subquery finds exactly the units of the scope's list of ids; with a unit
    deeper than the joins reach, the list is used instead."""
    from plans.selectors import tasks_in_plan_scope
    from tests.factories import UnitFactory
    from units.models import Unit

    supervisor = User.objects.get(pk=world.users["supervisor"].pk)
    condition = supervisor.scope.condition("pk")
    assert "SELECT" in str(Unit.objects.filter(condition).query).split("WHERE", 1)[1]  # a subquery, not a list
    assert set(Unit.objects.filter(condition).values_list("pk", flat=True)) == supervisor.scope.unit_ids
    assert list(tasks_in_plan_scope(supervisor)) == [task]
    # Five levels below the city: deeper than the joins reach.
    unit = world.department
    for depth in range(3):
        unit = UnitFactory(parent=unit, name=f"Tổ {depth}")
    fresh = User.objects.get(pk=supervisor.pk)
    deep = Unit.objects.filter(fresh.scope.condition("pk"))
    assert unit.pk in fresh.scope.unit_ids
    assert set(deep.values_list("pk", flat=True)) == fresh.scope.unit_ids
