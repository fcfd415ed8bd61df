"""The task list's counts are kept a few seconds, and dropped when a task or plan changes (issue 19)."""

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.conftest import client_for
from tests.factories import TaskFactory


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
