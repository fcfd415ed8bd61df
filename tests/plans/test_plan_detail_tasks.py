"""The plan page of a plan with many tasks: its task column and appendix drawn from values (issue 19)."""

import datetime
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from plans.document import coordinating_names, unit_names
from plans.models import Task
from tests.conftest import client_for
from tests.factories import IssuedPlanFactory, TaskFactory, UnitGroupFactory


@pytest.fixture
def issued_plan(world):
    """An issued plan of the commune that prints its tasks in an appendix table."""
    return IssuedPlanFactory(issuing_unit=world.commune, created_by=world.users["official"], has_appendix=True)


def add_tasks(plan, world, count: int) -> None:
    group = UnitGroupFactory(name="Các đoàn thể chính trị - xã hội")
    for index in range(count):
        task = TaskFactory(
            plan=plan,
            lead_units=[world.other_department, world.department],
            content=f"Nhiệm vụ <số {index}> của kế hoạch",
            timeframe_kind="deadline",
            due_date=datetime.date(2025, 8, 1),
            status="in_progress",
            progress=index * 10 % 100,
        )
        task.lead_groups.set([group])
        task.coordinating_units.set([world.department])


def get(client, plan):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(plan.get_absolute_url())
    assert response.status_code == 200
    return response, len(queries)


def test_an_issued_plan_page_runs_as_many_queries_and_templates_for_5_tasks_as_for_50(world, issued_plan, official):
    """Given an issued plan with an appendix, when it grows from 5 to 50 tasks, then its page runs the same number
    of queries and renders the same templates: no template is included once per task.
    """
    client = client_for(official)
    add_tasks(issued_plan, world, 5)
    get(client, issued_plan)
    few, few_queries = get(client, issued_plan)
    add_tasks(issued_plan, world, 45)
    many, many_queries = get(client, issued_plan)
    assert many_queries == few_queries
    assert len(many.templates) == len(few.templates)
    assert many.content.decode().count('class="list-group-item" data-task=') == 50


def test_each_task_prints_its_leads_coordinators_progress_status_and_link_as_the_plan_does(
    world, issued_plan, official
):
    """Given tasks led by units and a group, when the plan page shows them, then the column and the appendix print
    the names in the order the printed plan does, escaped, with the progress bar, the late badge and the tracker link.
    """
    add_tasks(issued_plan, world, 2)
    TaskFactory(
        plan=issued_plan, lead_text="Các xã, phường", coordinating_text="Công an xã", content="Việc theo văn bản"
    )
    page = client_for(official).get(issued_plan.get_absolute_url()).content.decode()
    page = re.sub(r"\s+<", "<", re.sub(r"\s+", " ", page))  # the same HTML apart from whitespace
    for task in Task.objects.filter(plan=issued_plan).prefetch_related(
        "lead_units", "lead_groups", "coordinating_units", "coordinating_groups"
    ):
        leads, coordinators = unit_names(task), coordinating_names(task)
        timeframe = task.timeframe_text or task.get_timeframe_kind_display()
        assert f'<div class="text-secondary">{leads} · {timeframe}</div>' in page
        assert f"<td>{leads}</td><td>{coordinators}</td>" in page
        assert f'href="{reverse("tasks:task_detail", args=[task.pk])}"' in page
    assert "Phòng Văn hóa - Xã hội, Văn phòng HĐND và UBND, Các đoàn thể chính trị - xã hội" in page
    assert "Nhiệm vụ &lt;số 1&gt; của kế hoạch" in page
    assert 'value="10" max="100"' in page
    assert "task-overdue" in page
