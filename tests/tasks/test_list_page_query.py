"""The task list reads one page from the "task_urgency" index, at any volume, late tasks only or all (issue 19)."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from plans import selectors
from plans.models import URGENCY_ORDER, Task
from tests.conftest import client_for
from tests.factories import IssuedPlanFactory, PlanFactory, TaskFactory


@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite matches an expression index by its literal text")
def test_the_urgency_order_is_written_as_the_index_is(db):
    """Given the list's order, when compiled for SQLite, then the urgency carries no bound parameter.

    SQLite uses the "task_urgency" expression index only for the same text with the
    same literals; with its values bound it sorted every task in scope for each page.
    """
    sql, params = Task.objects.order_by(*URGENCY_ORDER).query.sql_with_params()
    assert params == ()
    assert "THEN 2 WHEN" in sql


@pytest.mark.skipif(connection.vendor != "sqlite", reason="the plan SQLite chooses")
def test_the_first_page_is_read_in_index_order(world, task, other_task):
    """Given a city's supervisor, when the first page is asked, then SQLite walks the index and sorts nothing."""
    tasks = selectors.tasks_for_one_page(world.users["supervisor"]).order_by(*URGENCY_ORDER)[:50]
    sql, params = tasks.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN QUERY PLAN {sql}", params)
        plan = " ".join(str(row) for row in cursor.fetchall())
    assert "USE TEMP B-TREE FOR ORDER BY" not in plan


def test_one_page_holds_the_tasks_the_list_counts(world, plan, task, other_task):
    """Given tasks of issued, draft and other communes' plans, when read for one page, then they are the visible ones."""
    TaskFactory(plan=PlanFactory(issuing_unit=world.commune))
    TaskFactory(plan=IssuedPlanFactory(issuing_unit=world.other_commune))
    foreign = TaskFactory(plan=IssuedPlanFactory(issuing_unit=world.foreign_department))
    for role in ("supervisor", "leader", "official", "unit_head"):
        user = world.users[role]
        one_page = set(selectors.tasks_for_one_page(user).values_list("pk", flat=True))
        assert one_page == set(selectors.tasks_visible_to(user).values_list("pk", flat=True)), role
    assert foreign.pk in set(selectors.tasks_for_one_page(world.users["supervisor"]).values_list("pk", flat=True))


def test_the_supervisor_list_pages_and_counts_the_same(world, plan, task, other_task):
    """Given a supervisor, when the list is shown, then its rows and its count are the visible tasks."""
    page = client_for(world.users["supervisor"]).get(reverse("tasks:task_list")).context["page"]
    assert page.paginator.count == 2
    assert {row.pk for row in page.object_list} == {task.pk, other_task.pk}


def page_query_plan(client, url: str, params: dict) -> str:
    """GET `url` and return SQLite's plan of the query that read the page's task rows."""
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url, params).status_code == 200
    (page,) = [q["sql"] for q in queries if q["sql"].startswith('SELECT "plans_task"."id"') and " LIMIT " in q["sql"]]
    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN QUERY PLAN {page}")
        return " ".join(str(row) for row in cursor.fetchall())


@pytest.mark.skipif(connection.vendor != "sqlite", reason="the plan SQLite chooses")
def test_the_late_page_is_read_in_index_order(world, plan, task, other_task):
    """Given a city's supervisor, when only late tasks are asked, then SQLite walks the index and sorts nothing.

    With the urgency first in the order, SQLite 3.40 sorted every late task of the city for each page.
    """
    plan_text = page_query_plan(client_for(world.users["supervisor"]), reverse("tasks:task_list"), {"overdue": "on"})
    assert "task_urgency" in plan_text
    assert "USE TEMP B-TREE FOR ORDER BY" not in plan_text


def test_the_late_list_keeps_the_urgency_order(world, plan):
    """Given late tasks due on several days, two on the same day, when only late ones are listed, then they come
    in the list's usual order: earliest due first, the newer of a day first."""
    days = [datetime.date(2025, 9, 1), datetime.date(2025, 8, 1), datetime.date(2025, 9, 1), datetime.date(2025, 10, 1)]
    for day in days:
        TaskFactory(plan=plan, lead_units=[world.department], timeframe_kind="deadline", due_date=day)
    TaskFactory(plan=plan, lead_units=[world.department], timeframe_kind="deadline", due_date=datetime.date(2099, 1, 1))
    supervisor = world.users["supervisor"]
    expected = list(
        selectors.tasks_visible_to(supervisor).late(timezone.localdate()).order_by(*URGENCY_ORDER).values_list("pk")
    )
    for params in ({"overdue": "on"}, {"overdue": "on", "sort": "due"}):
        page = client_for(supervisor).get(reverse("tasks:task_list"), params).context["page"]
        assert [(row.pk,) for row in page.object_list] == expected
    assert len(expected) == 4


@pytest.mark.skipif(connection.vendor != "sqlite", reason="the plan SQLite chooses")
def test_the_inbox_reads_the_communes_tasks_from_an_index(world, plan, head, task, other_task):
    """Given a unit head, when the inbox is shown, then SQLite reads the commune's tasks by plan and checks each
    one's leads, rather than fetching the unit's tasks one by one by id (10-15 ms at 10,000)."""
    plan_text = page_query_plan(client_for(head), reverse("tasks:unit_tasks"), {})
    assert "(task_id=? AND unit_id=?)" in plan_text
    assert "LIST SUBQUERY" not in plan_text
