"""The counts of the task list and the unit inbox are kept a few seconds, dropped when a task or plan changes (issue 19)."""

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.conftest import client_for
from tests.factories import TaskFactory, UserFactory
from units.choices import Role


def test_counts_are_read_once_then_a_new_task_counts(world, plan, task, other_task):
    """Given the list shown once, when shown again, then nothing is counted; after a new task, it is counted."""
    client = client_for(world.users["supervisor"])
    assert client.get(reverse("tasks:task_list")).context["page"].paginator.count == 2
    with CaptureQueriesContext(connection) as queries:
        client.get(reverse("tasks:task_list"))
    assert not [q for q in queries if q["sql"].startswith("SELECT COUNT(*)") and "plans_task" in q["sql"]]
    TaskFactory(plan=plan, lead_units=[world.department])
    assert client.get(reverse("tasks:task_list")).context["page"].paginator.count == 3


def test_each_filter_has_its_own_count(world, plan, task, other_task):
    """Given two filters, when both are shown, then each shows its own count."""
    client = client_for(world.users["supervisor"])
    url = reverse("tasks:task_list")
    everything = client.get(url).context["page"].paginator.count
    searched = client.get(url, {"q": "khong co viec nao nhu the"}).context["page"].paginator.count
    assert (everything, searched) == (2, 0)


def task_counts_run(client, url: str) -> list[str]:
    """GET `url` and return the counting queries it ran on tasks."""
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return [q["sql"] for q in queries if "COUNT(" in q["sql"] and "plans_task" in q["sql"]]


def test_inbox_counts_are_read_once_then_a_new_task_counts(world, plan, head, task, other_task):
    """Given a unit head's inbox shown once, when shown again, then nothing is counted; after a new task, it is."""
    client = client_for(head)
    url = reverse("tasks:unit_tasks")
    assert client.get(url).context["page"].paginator.count == 1
    assert task_counts_run(client, url) == []
    TaskFactory(plan=plan, lead_units=[world.other_department])
    assert client.get(url).context["page"].paginator.count == 2


def test_each_unit_and_list_keeps_its_own_counts(world, plan, task, other_task):
    """Given the official's task list counted first, when the inboxes of two officials of different units are
    shown, then each shows its own unit's tasks: the list and an inbox, or two units, never share counts."""
    TaskFactory(plan=plan, lead_units=[world.department])
    official = client_for(world.users["official"])
    colleague = client_for(UserFactory(username="canbovp", unit=world.other_department, role=Role.OFFICIAL))
    assert official.get(reverse("tasks:task_list")).context["page"].paginator.count == 3
    mine = official.get(reverse("tasks:unit_tasks")).context["page"].paginator.count
    theirs = colleague.get(reverse("tasks:unit_tasks")).context["page"].paginator.count
    assert (mine, theirs) == (2, 1)


def test_a_task_given_to_the_unit_counts_at_once_in_its_inbox(world, plan, head, task, other_task):
    """Given the head's inbox shown once, when another task is given to the unit (no task saved), then it counts."""
    client = client_for(head)
    assert client.get(reverse("tasks:unit_tasks")).context["page"].paginator.count == 1
    other_task.lead_units.add(world.other_department)
    assert client.get(reverse("tasks:unit_tasks")).context["page"].paginator.count == 2
