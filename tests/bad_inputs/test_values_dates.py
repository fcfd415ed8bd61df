"""Bad inputs 36-39: impossible dates, day-first dates, other spellings and years, cross-field dates."""

import datetime

import pytest
from django.db import IntegrityError, transaction
from django.urls import reverse

from plans.choices import TaskStatus
from plans.models import Plan, ProgressUpdate, Task
from tests.bad_inputs.values_helpers import draft, edit_plan, report_progress, stored_plan, stored_task, task  # noqa: F401 (fixtures)
from tests.conftest import client_for
from tests.factories import IssuedPlanFactory, TaskFactory

INVALID_DATE = "Nhập một ngày hợp lệ."  # Django's own message in its vi catalogue
OUT_OF_RANGE = "Ngày phải nằm trong khoảng 01/01/2000 đến 31/12/2100."


# --- row 36: impossible dates -------------------------------------------------------------------

IMPOSSIBLE = pytest.mark.parametrize(
    "typed",
    ["31/02/2025", "29/02/2025", "00/01/2025", "32/12/2025"],
    ids=["31-february", "29-february-not-leap", "day-zero", "day-32"],
)


@IMPOSSIBLE
def test_row36_impossible_dates_are_refused_on_the_plan_page(draft, official, typed):
    """Given an impossible period start, the edit page says "Nhập một ngày hợp lệ." and saves nothing."""
    before = stored_plan(draft)
    response = edit_plan(client_for(official), draft, title="Tiêu đề không được lưu", period_start=typed)
    assert response.status_code == 400
    assert INVALID_DATE in response.content.decode()
    assert stored_plan(draft) == before


@IMPOSSIBLE
def test_row36_impossible_dates_are_refused_in_a_progress_report(task, unit_head, typed):
    response = report_progress(client_for(unit_head), task, reported_on=typed)
    assert response.status_code == 400
    assert INVALID_DATE in response.content.decode()
    assert not ProgressUpdate.objects.filter(task=task).exists()
    assert stored_task(task) == {"progress": 0, "status": TaskStatus.NOT_STARTED, "last_reported_on": None}


# --- row 37: day first ---------------------------------------------------------------------------


def test_row37_day_first_date_is_read_as_5_march(draft, official):
    """Given "05/03/2025", the plan starts on 5 March 2025 (not 3 May) and the page shows it back as typed."""
    client = client_for(official)
    response = edit_plan(client, draft, period_start="05/03/2025")
    assert response.status_code == 302, response.content.decode()[:2000]
    assert Plan.objects.get(pk=draft.pk).period_start == datetime.date(2025, 3, 5)
    assert 'value="05/03/2025"' in client.get(reverse("plans:plan_edit", args=[draft.pk])).content.decode()


def test_row37_day_first_report_date_is_read_as_5_march(world, unit_head):
    """A progress report dated "05/03/2026" is stored as 5 March 2026."""
    plan = IssuedPlanFactory(
        issuing_unit=world.commune,
        created_by=world.users["official"],
        issued_on=datetime.date(2026, 1, 5),
        period_start=datetime.date(2026, 1, 1),
        period_end=datetime.date(2026, 12, 31),
    )
    task = TaskFactory(plan=plan, lead_units=[world.other_department])
    response = report_progress(client_for(unit_head), task, reported_on="05/03/2026")
    assert response.status_code == 302, response.content.decode()[:2000]
    assert ProgressUpdate.objects.get(task=task).reported_on == datetime.date(2026, 3, 5)


# --- row 38: other spellings and dates outside 2000-2100 ----------------------------------------


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("2025-13-01", INVALID_DATE),
        ("1/1/25", INVALID_DATE),
        ("01/01/0001", OUT_OF_RANGE),
        ("31/12/9999", OUT_OF_RANGE),
    ],
    ids=["iso-month-13", "two-digit-year", "year-1", "year-9999"],
)
def test_row38_malformed_or_far_dates_are_refused(draft, official, typed, message):
    before = stored_plan(draft)
    response = edit_plan(client_for(official), draft, period_end=typed)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert stored_plan(draft) == before


# --- row 39: cross-field dates --------------------------------------------------------------------


def test_row39_plan_ending_before_it_starts_is_refused(draft, official):
    before = stored_plan(draft)
    response = edit_plan(client_for(official), draft, period_start="31/12/2025", period_end="01/07/2025")
    assert response.status_code == 400
    assert "Ngày kết thúc phải sau ngày bắt đầu." in response.content.decode()
    assert stored_plan(draft) == before


def task_form(world, **overrides) -> dict:
    return {
        "content": "Tổ chức hội nghị tuyên truyền Quy chế dân chủ ở cơ sở",
        "lead_units": [world.department.pk],
        "timeframe_kind": "deadline",
        "due_date": "15/12/2025",
        **overrides,
    }


@pytest.mark.parametrize(
    ("dates", "message"),
    [
        ({"due_date": "15/01/2026"}, "Hạn nhiệm vụ không được sau ngày kết thúc của kế hoạch (31/12/2025)."),
        (
            {"timeframe_kind": "period", "start_date": "01/11/2025", "end_date": "01/10/2025", "due_date": ""},
            "Ngày kết thúc phải sau ngày bắt đầu.",
        ),
        (
            {"timeframe_kind": "period", "start_date": "01/11/2025", "end_date": "31/01/2026", "due_date": ""},
            "Hạn nhiệm vụ không được sau ngày kết thúc của kế hoạch (31/12/2025).",
        ),
    ],
    ids=["due-after-plan-end", "task-ends-before-it-starts", "task-ends-after-plan-end"],
)
def test_row39_task_dates_outside_the_plan_are_refused(world, draft, official, dates, message):
    before = stored_plan(draft)
    response = client_for(official).post(reverse("plans:task_add", args=[draft.pk]), task_form(world, **dates))
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not draft.tasks.exists()
    assert stored_plan(draft) == before


@pytest.mark.parametrize(
    "write",
    [
        lambda plan, task: Plan.objects.filter(pk=plan.pk).update(period_end=datetime.date(2025, 6, 30)),
        lambda plan, task: Task.objects.filter(pk=task.pk).update(
            start_date=datetime.date(2025, 11, 1), end_date=datetime.date(2025, 10, 1)
        ),
    ],
    ids=["plan-period", "task-period"],
)
def test_row39_the_database_refuses_reversed_periods(world, draft, write):
    """The CHECK constraints are the backstop for any write that skips the forms (scripts, the admin, bugs)."""
    task = TaskFactory(plan=draft, lead_units=[world.department])
    with pytest.raises(IntegrityError), transaction.atomic():
        write(draft, task)
