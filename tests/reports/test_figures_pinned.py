"""Every task figure of one commune pinned on a known data set, so a change of how they are read shows."""

import datetime

import pytest

from reports.choices import PeriodKind
from reports.selectors import Period, commune_figures, rollup_figures
from tests.factories import IssuedPlanFactory, TaskFactory, UnitGroupFactory
from tests.reports.conftest import TODAY

H2_2025 = Period(PeriodKind.SECOND_HALF, 2025)


@pytest.fixture
def known(world, seeded):
    """Given the seeded plan plus a task led by a group of both departments, and a completed plan.

    The completed plan's open task is past its deadline but not late: a completed plan closes its tasks.
    """
    group = UnitGroupFactory(owner=world.commune, name="các phòng chuyên môn")
    group.members.set([world.department, world.other_department])
    grouped = TaskFactory(
        plan=seeded.plan,
        status="in_progress",
        progress=20,
        timeframe_kind="deadline",
        due_date=datetime.date(2025, 10, 15),
    )
    grouped.lead_groups.set([group])
    completed = IssuedPlanFactory(
        issuing_unit=world.commune,
        created_by=world.users["official"],
        title="Kế hoạch đã hoàn thành",
        status="completed",
        issued_on=datetime.date(2025, 8, 1),
    )
    closed_late = TaskFactory(
        plan=completed,
        status="in_progress",
        progress=60,
        timeframe_kind="deadline",
        due_date=datetime.date(2025, 9, 1),
        lead_units=[world.department],
    )
    TaskFactory(plan=completed, status="done", progress=100, lead_units=[world.other_department])
    return {"grouped": grouped, "completed": completed, "closed_late": closed_late}


def test_task_figures_of_a_known_commune(world, seeded, known):
    """Given the known data set, when the H2 2025 figures are read on 1/3/2026, then each task figure is pinned."""
    f = commune_figures(world.commune, H2_2025, today=TODAY)
    dept, office = world.department, world.other_department
    plan, completed, tasks = seeded.plan, known["completed"], seeded.tasks | known

    assert f.summary == {
        "plans_issued": 2,
        "tasks_total": 8,
        "tasks_done": 2,
        "tasks_late": 3,
        "tasks_done_percent": 25,
        "registrations": 2,
        "recognized": 1,
        "eligible": 2,
        "counted": 1,
        "coverage_percent": 50,
    }
    assert [(p["id"], p["reference"], p["issued_on"]) for p in f.plans_issued] == [
        (plan.pk, f"{plan.number:02d}/KH-UBND", "10/07/2025"),
        (completed.pk, f"{completed.number:02d}/KH-UBND", "01/08/2025"),
    ]
    assert [(r["status"], r["n"]) for r in f.tasks_by_status] == [
        ("not_started", 1),
        ("in_progress", 4),
        ("done", 2),
        ("cancelled", 1),
    ]
    by_unit = {"cancelled": 0, "done": 0, "in_progress": 0, "not_started": 0}
    assert f.tasks_by_unit == [
        by_unit
        | {"unit_id": dept.pk, "unit": dept.short_name or dept.name, "total": 5, "late": 2}
        | {"cancelled": 1, "done": 1, "in_progress": 2, "not_started": 1},
        by_unit
        | {"unit_id": office.pk, "unit": office.short_name or office.name, "total": 4, "late": 3}
        | {"done": 1, "in_progress": 2, "not_started": 1},
    ]
    assert f.late_by_unit == [
        {"unit_id": office.pk, "unit": office.short_name or office.name, "n": 3},
        {"unit_id": dept.pk, "unit": dept.short_name or dept.name, "n": 2},
    ]
    both = f"{dept.short_name or dept.name}, {office.short_name or office.name}"  # lead units in order of id
    assert [(t["id"], t["due"], t["days_late"], t["plan_id"], t["units"]) for t in f.late_tasks] == [
        (tasks["late"].pk, "30/09/2025", 93, plan.pk, office.short_name or office.name),
        (tasks["grouped"].pk, "15/10/2025", 78, plan.pk, both),
        (tasks["late2"].pk, "30/11/2025", 32, plan.pk, both),
    ]
    assert tasks["closed_late"].pk not in {t["id"] for t in f.late_tasks}
    assert [(p["id"], p["total"], p["done"], p["late"], p["progress"]) for p in f.plan_progress] == [
        (plan.pk, 6, 1, 3, 42),
        (completed.pk, 2, 1, 0, 80),
    ]


def test_rollup_row_of_the_known_commune_equals_its_summary(world, seeded, known):
    """Given the known data set, when the city's roll-up is read, then the commune's row is its own summary."""
    rows = {row["id"]: row for row in rollup_figures(world.city, H2_2025, today=TODAY)}
    summary = commune_figures(world.commune, H2_2025, today=TODAY).summary
    assert {k: v for k, v in rows[world.commune.pk].items() if k not in {"id", "name"}} == summary
