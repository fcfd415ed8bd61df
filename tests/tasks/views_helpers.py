"""What the task page tests (test_views_*.py) and the bad-input file tests share: a PDF, progress form data, many tasks."""

import datetime

from tests.factories import IssuedPlanFactory, TaskFactory
from tests.tasks.conftest import report_day

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def progress_data(plan, percent="50", **extra):
    return {"reported_on": f"{report_day(plan):%d/%m/%Y}", "percent": percent, "text": "Đã tổ chức hội nghị.", **extra}


def make_tasks(world, count, unit, *, overdue=False):
    plan = IssuedPlanFactory(issuing_unit=world.commune, created_by=world.users["official"])
    for index in range(count):
        task = TaskFactory(
            plan=plan,
            lead_units=[unit],
            timeframe_kind="deadline",
            due_date=datetime.date(2025, 8, 1) if overdue else datetime.date(2025, 12, 1),
            content=f"Nhiệm vụ tuyên truyền số {index}",
        )
        task.coordinating_units.set([world.department])
