"""The calendar shows every occurrence of a recurring task in the month, not only its next due date."""

import datetime

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from plans.services import task_report_progress
from tests.conftest import client_for
from tests.factories import IssuedPlanFactory, TaskFactory


def calendar_entries(client, month: str) -> dict[datetime.date, list]:
    response = client.get(reverse("tasks:task_calendar"), {"month": month})
    assert response.status_code == 200
    return {cell["day"]: cell["tasks"] for week in response.context["weeks"] for cell in week if cell["in_month"]}


def monthly_task(plan, unit, **extra):
    return TaskFactory(
        plan=plan, lead_units=[unit], timeframe_kind="recurring", recurrence="monthly", content="Báo cáo tháng", **extra
    )


def test_a_monthly_task_falls_due_at_the_end_of_every_month(world, plan, leader):
    """Given a monthly task of a plan running July-December 2025, never reported, then every month's calendar shows
    it at the month's end, though its next due date is 31/07/2025; the overdue ones are marked late."""
    task = monthly_task(plan, world.department)
    assert task.next_due_on == datetime.date(2025, 7, 31)
    client = client_for(leader)
    for month, last_day in (("2025-07", 31), ("2025-10", 31), ("2025-11", 30), ("2025-12", 31)):
        days = calendar_entries(client, month)
        due = datetime.date(2025, int(month[-2:]), last_day)
        assert [entry.task.pk for entry in days[due]] == [task.pk], month
        assert days[due][0].late and not days[due][0].reported
        assert sum(len(entries) for entries in days.values()) == 1
    page = client.get(reverse("tasks:task_calendar"), {"month": "2025-10"}).content.decode()
    assert reverse("tasks:task_detail", args=[task.pk]) in page and "Kỳ báo cáo định kỳ" in page
    # Outside the plan's period there is nothing.
    assert not any(calendar_entries(client, "2026-01").values())


def test_reported_occurrences_are_marked_and_a_short_period_ends_mid_month(world, plan, leader, head):
    """Given a monthly task reported on 20/07 (its July report) and another whose own period ends on 15/10, then July's
    occurrence is reported, August's is not, and October holds the second task's last report on the 15th."""
    task = monthly_task(plan, world.other_department)
    task_report_progress(task=task, by=head, reported_on=datetime.date(2025, 7, 20), percent=20)
    short = monthly_task(
        plan, world.department, start_date=datetime.date(2025, 9, 1), end_date=datetime.date(2025, 10, 15)
    )
    client = client_for(leader)
    july = calendar_entries(client, "2025-07")[datetime.date(2025, 7, 31)]
    assert [(entry.task.pk, entry.reported) for entry in july] == [(task.pk, True)]
    august = calendar_entries(client, "2025-08")[datetime.date(2025, 8, 31)]
    assert [(entry.task.pk, entry.reported) for entry in august] == [(task.pk, False)]
    october = calendar_entries(client, "2025-10")
    assert [entry.task.pk for entry in october[datetime.date(2025, 10, 15)]] == [short.pk]
    assert [entry.task.pk for entry in october[datetime.date(2025, 10, 31)]] == [task.pk]


def test_occurrences_cost_a_constant_number_of_queries(world, leader):
    """Given 2, then 32 recurring tasks over two plans, then the calendar makes the same number of queries and
    counts every occurrence of the day."""
    client = client_for(leader)

    def add(count):
        plan = IssuedPlanFactory(issuing_unit=world.commune, created_by=world.users["official"])
        for _ in range(count):
            monthly_task(plan, world.department)

    add(2)
    with CaptureQueriesContext(connection) as few:
        client.get(reverse("tasks:task_calendar"), {"month": "2025-11"})
    add(30)
    with CaptureQueriesContext(connection) as many:
        page = client.get(reverse("tasks:task_calendar"), {"month": "2025-11"}).content.decode()
    assert len(many) == len(few)
    assert "Xem cả 32 việc" in page


def test_a_month_is_read_once_then_a_new_task_shows_at_once(world, plan, leader):
    """Given the month shown once, when shown again, then no task is read; after a new task, it is on its day."""
    monthly_task(plan, world.department)
    client = client_for(leader)
    calendar_entries(client, "2025-10")
    with CaptureQueriesContext(connection) as queries:
        calendar_entries(client, "2025-10")
    assert not [q for q in queries if "plans_task" in q["sql"]]
    deadline = TaskFactory(
        plan=plan, lead_units=[world.department], timeframe_kind="deadline", due_date=datetime.date(2025, 10, 15)
    )
    assert [entry.task.pk for entry in calendar_entries(client, "2025-10")[datetime.date(2025, 10, 15)]] == [
        deadline.pk
    ]
