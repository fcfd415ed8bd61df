"""The task list and the unit inbox: filters, search, order, scope and query counts."""

import datetime

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.conftest import client_for
from tests.factories import TaskFactory, UnitGroupFactory
from tests.tasks.views_helpers import make_tasks
from units.models import User

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
    cache.clear()  # both measured on a cold cache: the task list keeps its counts (plans/list_counts.py)
    with CaptureQueriesContext(connection) as few:
        assert client.get(reverse(url)).status_code == 200
    make_tasks(world, 40, world.other_department, overdue=True)
    cache.clear()
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


def test_inbox_holds_tasks_given_to_a_group_the_unit_belongs_to(world, plan, head, task):
    """Given tasks led by, and helped by, a group the head's unit belongs to, then both inboxes hold them."""
    group = UnitGroupFactory(owner=world.commune)
    group.members.set([world.other_department])
    led = TaskFactory(plan=plan, lead_units=[world.department])
    led.lead_groups.set([group])
    helped = TaskFactory(plan=plan, lead_units=[world.department])
    helped.coordinating_groups.set([group])
    client = client_for(head)
    assert ids(client.get(reverse("tasks:unit_tasks")).context["page"].object_list) == {task.pk, led.pk}
    coordinated = client.get(reverse("tasks:unit_tasks"), {"role": "coordinate"}).context["page"].object_list
    assert ids(coordinated) == {helped.pk}


def ids(rows) -> set[int]:
    return {row.pk for row in rows}


def test_unit_heads_have_no_cross_plan_list(head):
    assert client_for(head).get(reverse("tasks:task_list")).status_code == 403


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
