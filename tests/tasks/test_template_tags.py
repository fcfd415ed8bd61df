"""Task template tags read no database; what needs a query is computed by the view."""

from django.urls import reverse

from plans import selectors
from plans.models import Task
from plans.templatetags import task_tags
from tests.conftest import client_for


def test_plan_page_links_the_tasks_the_user_may_follow(world, plan, task, other_task):
    """Given a unit head whose unit leads one of two tasks, when they open the plan, then only that task is linked."""
    response = client_for(world.users["unit_head"]).get(reverse("plans:plan_detail", args=[plan.pk]))
    assert response.status_code == 200
    page = response.content.decode()
    assert reverse("tasks:task_detail", args=[task.pk]) in page
    assert reverse("tasks:task_detail", args=[other_task.pk]) not in page


def test_task_tags_read_no_database(world, plan, task, other_task, django_assert_num_queries):
    """Given list rows loaded as the list pages load them, when every tag draws them, then no query is made."""
    rows = list(selectors.task_rows(Task.objects.filter(plan=plan)))
    with django_assert_num_queries(0):
        for row in rows:
            task_tags.task_status(row)
            task_tags.task_due(row)
            task_tags.task_progress(row)
            task_tags.task_leads(row)
            task_tags.task_plan_line(row)
    assert not hasattr(task_tags, "visible_task_ids")
