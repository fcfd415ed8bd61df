"""The task list reads one page from the "task_urgency" index, at any volume (issue 19)."""

import pytest
from django.db import connection
from django.urls import reverse

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
