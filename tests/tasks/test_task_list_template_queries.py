"""The task list and the unit inbox print rows the view built: the template runs no query (issue 19)."""

from unittest import mock

import pytest
from django.db import connection
from django.template.response import SimpleTemplateResponse
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from plans.document import unit_names
from plans.models import Task
from tests.conftest import client_for
from tests.factories import TaskFactory, UnitGroupFactory

# The navigation bar's unread count, asked by a context processor of every page: not the list's.
NAVIGATION = "units_notification"


def queries_while_rendering(client, url: str, params=None) -> list[str]:
    """GET `url` and return the SQL run while its template renders (after the view returned its context)."""
    captured = []
    render = SimpleTemplateResponse.render

    def capturing_render(response):
        with CaptureQueriesContext(connection) as queries:
            result = render(response)
        captured.extend(query["sql"] for query in queries)
        return result

    with mock.patch.object(SimpleTemplateResponse, "render", capturing_render):
        assert client.get(url, params or {}).status_code == 200
    return [sql for sql in captured if NAVIGATION not in sql]


@pytest.mark.parametrize(
    ("url", "role", "params"),
    [
        ("tasks:task_list", "leader", {}),
        ("tasks:task_list", "supervisor", {}),
        ("tasks:task_list", "leader", {"lead_unit": "0", "plan": "0", "overdue": "on"}),
        ("tasks:unit_tasks", "unit_head", {}),
    ],
)
def test_the_template_runs_no_query(world, task, other_task, url, role, params):
    """Given listed tasks, when the page renders, then every query ran in the view, none in the template."""
    assert queries_while_rendering(client_for(world.users[role]), reverse(url), params) == []


def test_lead_names_print_as_the_plan_prints_them(world, plan, leader):
    """Given a task led by two units and a group, when the list shows it, then its leads read as in the plan."""
    group = UnitGroupFactory(name="Các đoàn thể chính trị - xã hội")
    task = TaskFactory(plan=plan, lead_units=[world.other_department, world.department], content="Việc nhiều đơn vị")
    task.lead_groups.set([group])
    printed = unit_names(Task.objects.prefetch_related("lead_units", "lead_groups").get(pk=task.pk))
    assert printed.count(",") == 2 and printed.endswith(group.name)
    page = client_for(leader).get(reverse("tasks:task_list")).content.decode()
    assert f'data-label="Cơ quan chủ trì">{printed}</td>' in page
