"""The task calendar, the Excel export of the list, and the admin's read-only view of reports and reminders."""

import datetime
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from plans.models import ProgressUpdate
from plans.services import task_report_progress
from tests.conftest import client_for
from tests.factories import TaskFactory
from tests.tasks.conftest import report_day
from tests.tasks.views_helpers import make_tasks

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
