"""Demo progress: the Thượng Hồng plan's tasks get realistic reports once; --scale adds volume once."""

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from plans import demo
from plans.choices import TaskStatus
from plans.models import ProgressUpdate, Task
from tests.conftest import client_for
from units.models import User


@pytest.fixture
def seeded(db):
    call_command("seed_demo", force=True, stdout=open("/dev/null", "w"))  # noqa: SIM115


def test_seed_plan_tasks_get_progress_once(seeded):
    """Given the seed data (seed_demo seeds progress too), then the issued Thượng Hồng plan has tasks done, under way,
    one late past its deadline; seeding progress again adds nothing."""
    demo.seed_task_progress()
    assert ProgressUpdate.objects.filter(task__plan__issuing_unit__place_name="Thượng Hồng").count() >= 8
    assert demo.seed_task_progress() == {"updates": 0, "tasks": 0}
    # The seed plan of 2025 only: seed_demo also adds this year's plans, with their own late tasks.
    tasks = Task.objects.tracked().filter(plan__issuing_unit__place_name="Thượng Hồng", plan__year=2025)
    statuses = set(tasks.values_list("status", flat=True))
    assert {TaskStatus.DONE, TaskStatus.IN_PROGRESS, TaskStatus.NOT_STARTED} <= statuses
    late = list(tasks.late(timezone.localdate()))
    assert len(late) == 1 and late[0].due_date < timezone.localdate()
    assert ProgressUpdate.objects.filter(files__isnull=False).exists()
    head = User.objects.get(username="truongphong")
    page = client_for(head).get(reverse("tasks:unit_tasks")).content.decode()
    assert page.count("data-task=") >= 2


def test_scale_adds_tracked_tasks_once(db, monkeypatch):
    from units.demo import seed_units

    monkeypatch.setattr(demo, "SCALE_TASKS_PER_PLAN", 5)
    seed_units(password="danvan-demo", scale=1)
    created = demo.seed_task_progress(scale=1)["tasks"]
    assert created == 25 * demo.SCALE_PLANS_PER_COMMUNE * 5
    assert demo.seed_task_progress(scale=1)["tasks"] == 0
    tracked = Task.objects.tracked()
    assert tracked.count() == created
    assert tracked.exclude(next_due_on=None).exists() and ProgressUpdate.objects.exists()
    assert set(tracked.values_list("status", flat=True)) >= {TaskStatus.DONE, TaskStatus.NOT_STARTED}
    assert not ProgressUpdate.objects.filter(reported_on__gt=timezone.localdate()).exists()
