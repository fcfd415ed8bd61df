"""The one rule of "late" and "due soon": the per-task answer equals the queryset's on every kind of task."""

import datetime
import itertools

import pytest

from plans.choices import PlanStatus, TaskStatus, TimeframeKind
from plans.models import Task, due_soon_condition, late_condition
from tests.factories import IssuedPlanFactory, PlanFactory, TaskFactory

D = datetime.date
DUE = D(2025, 10, 15)
# The day after, the day of, and the day before the due day: late, not yet late, not late.
DAYS = [DUE + datetime.timedelta(days=1), DUE, DUE - datetime.timedelta(days=1), D(2025, 12, 20)]


@pytest.fixture
def varied(world):
    """Given a task of every status, in a plan of every status, due on DUE, one day either side, or never.

    A regular task has no due day; a deadline task is due on its deadline.
    """
    plans = {
        status: (IssuedPlanFactory if status in {PlanStatus.ISSUED, PlanStatus.COMPLETED} else PlanFactory)(
            issuing_unit=world.commune, created_by=world.users["official"], status=status
        )
        for status in PlanStatus.values
    }
    due_days = [DUE - datetime.timedelta(days=1), DUE, DUE + datetime.timedelta(days=1), None]
    for plan, status, due in itertools.product(plans.values(), TaskStatus.values, due_days):
        TaskFactory(
            plan=plan,
            status=status,
            progress=100 if status == TaskStatus.DONE else 0,
            timeframe_kind=TimeframeKind.DEADLINE if due else TimeframeKind.REGULAR,
            due_date=due,
        )
    return Task.objects.select_related("plan")


@pytest.mark.parametrize("on", DAYS)
def test_per_task_lateness_equals_the_querysets(varied, on):
    """Given the varied tasks, when each is asked whether it is late on a day, then it answers as Task.objects.late."""
    late_ids = set(Task.objects.late(on).values_list("pk", flat=True))
    per_task = {task.pk for task in varied if task.is_overdue_on(on)}
    assert per_task == late_ids
    assert {task.pk: task.days_late_on(on) > 0 for task in varied} == {task.pk: task.pk in late_ids for task in varied}


def test_the_varied_set_has_late_and_on_time_tasks(varied):
    """Given the varied tasks, the day after DUE finds late ones, and only open tasks of an issued plan among them."""
    late = list(Task.objects.late(DUE + datetime.timedelta(days=1)).select_related("plan"))
    # Two due days before the day asked, two open statuses: four late tasks.
    assert len(late) == 4
    assert {(t.plan.status, t.status) for t in late} == {
        (PlanStatus.ISSUED, TaskStatus.NOT_STARTED),
        (PlanStatus.ISSUED, TaskStatus.IN_PROGRESS),
    }
    assert not Task.objects.late(DUE - datetime.timedelta(days=1)).filter(next_due_on=DUE).exists()


@pytest.mark.parametrize("on", DAYS)
def test_late_and_due_soon_never_overlap(varied, on):
    """Given the varied tasks, no task is both late and due soon on the same day."""
    assert not Task.objects.filter(late_condition(on) & due_soon_condition(on, 14)).exists()
    assert Task.objects.due_soon(on, 14).exists()


@pytest.mark.parametrize(("status", "badge"), [("in_progress", "text-bg-danger"), ("cancelled", "text-bg-warning")])
def test_task_page_marks_the_missed_report_day_red_only_when_late(world, plan, status, badge):
    """Given a monthly task of H2 2025 never reported, when its page is opened, then its next report day is red
    only if the task is late: a cancelled task's missed day is not."""
    from django.urls import reverse

    from tests.conftest import client_for

    task = TaskFactory(plan=plan, status=status, timeframe_kind="recurring", recurrence="monthly")
    assert task.next_due_on == D(2025, 7, 31)
    page = client_for(world.users["official"]).get(reverse("tasks:task_detail", args=[task.pk])).content.decode()
    assert f'<span class="badge {badge}">31/07/2025</span>' in page
