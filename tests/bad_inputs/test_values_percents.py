"""Bad inputs 40-42: percents out of range or not whole, non-ASCII digits, a closed plan, a lowered percent."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse

from plans.choices import PlanStatus
from plans.models import Plan, ProgressUpdate, Task
from plans.services import task_report_progress
from tests.bad_inputs.values_helpers import (
    report_progress,
    stored_task,
    task,  # noqa: F401 (fixtures)
)
from tests.conftest import client_for

PERCENT_ERROR = "Tiến độ phải là số nguyên từ 0 đến 100"


# --- row 40: percents out of range, not whole, not numbers -----------------------------------


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("-1", PERCENT_ERROR),
        ("101", PERCENT_ERROR),
        ("50.5", PERCENT_ERROR),
        ("NaN", PERCENT_ERROR),
        ("inf", PERCENT_ERROR),
        ("", "Trường này là bắt buộc."),
    ],
    ids=["minus-one", "over-100", "fraction", "nan", "infinity", "empty"],
)
def test_row40_bad_percents_are_a_field_error(task, unit_head, typed, message):
    response = report_progress(client_for(unit_head), task, percent=typed)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not ProgressUpdate.objects.filter(task=task).exists()
    assert stored_task(task)["progress"] == 0


@pytest.mark.parametrize("percent", [-1, 101], ids=["minus-one", "over-100"])
def test_row40_the_database_refuses_a_percent_outside_0_100(task, unit_head, percent):
    """Writing straight through the ORM (no form, no service) is stopped by the CHECK constraints."""
    with pytest.raises(IntegrityError), transaction.atomic():
        Task.objects.filter(pk=task.pk).update(progress=percent)
    with pytest.raises(IntegrityError), transaction.atomic():
        ProgressUpdate.objects.create(
            task=task, reported_on=datetime.date(2025, 10, 15), percent=percent, previous_percent=0, author=unit_head
        )
    assert stored_task(task)["progress"] == 0


@pytest.mark.parametrize("percent", [-1, 101, 50.5, float("nan"), float("inf"), "50", None])
def test_row40_the_service_refuses_what_is_not_a_whole_percent(task, unit_head, percent):
    """Scripts and the spreadsheet import call the service directly: it checks again."""
    with pytest.raises(ValidationError):
        task_report_progress(task=task, by=unit_head, reported_on=datetime.date(2025, 10, 15), percent=percent)
    assert not ProgressUpdate.objects.filter(task=task).exists()


# --- row 41: digits that are not ASCII ----------------------------------------------------------


@pytest.mark.parametrize(
    "typed",
    ["٥٠", "５０", "5_0", "۵۰", "५०"],
    ids=["arabic-indic", "fullwidth", "underscore", "persian", "devanagari"],
)
def test_row41_only_ascii_digits_make_a_percent(task, unit_head, typed):
    """Django's IntegerField would read each of these as 50; the progress form refuses them."""
    response = report_progress(client_for(unit_head), task, percent=typed)
    assert response.status_code == 400
    assert PERCENT_ERROR in response.content.decode()
    assert not ProgressUpdate.objects.filter(task=task).exists()
    assert stored_task(task)["progress"] == 0


# --- row 42: a closed plan; a lower percent ----------------------------------------------------


def test_row42_no_report_on_a_task_of_a_completed_plan(task, unit_head):
    Plan.objects.filter(pk=task.plan_id).update(status=PlanStatus.COMPLETED)
    client = client_for(unit_head)
    response = report_progress(client, task, percent="60")
    assert response.status_code == 403
    assert not ProgressUpdate.objects.filter(task=task).exists()
    assert stored_task(task)["progress"] == 0
    page = client.get(reverse("tasks:task_detail", args=[task.pk])).content.decode()
    assert reverse("tasks:task_progress", args=[task.pk]) not in page
    with pytest.raises(ValidationError, match="Kế hoạch đã kết thúc"):
        task_report_progress(task=task, by=unit_head, reported_on=datetime.date(2025, 10, 15), percent=60)


def test_row42_lowering_80_to_30_needs_a_reason(task, unit_head):
    task_report_progress(task=task, by=unit_head, reported_on=datetime.date(2025, 10, 1), percent=80)
    client = client_for(unit_head)
    refused = report_progress(client, task, percent="30", text="   ")
    assert refused.status_code == 400
    assert "Tiến độ giảm từ 80% xuống 30%: cần ghi lý do" in refused.content.decode()
    assert stored_task(task)["progress"] == 80
    assert ProgressUpdate.objects.filter(task=task).count() == 1
    accepted = report_progress(client, task, percent="30", text="Hội nghị phải tổ chức lại do mưa bão.")
    assert accepted.status_code == 302
    assert stored_task(task)["progress"] == 30
    lowered = ProgressUpdate.objects.filter(task=task).latest("pk")
    assert (lowered.previous_percent, lowered.percent, lowered.lowered) == (80, 30, True)
