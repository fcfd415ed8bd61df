"""The one query layer of every figure: reports.selectors."""

import datetime

from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from reports.choices import PeriodKind
from reports.selectors import Period, commune_figures, rollup_figures
from tests.factories import TaskFactory, UnitGroupFactory
from tests.reports.conftest import TODAY
from units.services import synthetic_communes_create

H2_2025 = Period(PeriodKind.SECOND_HALF, 2025)


def test_commune_figures_count_the_seeded_data(world, seeded):
    """Given the seeded commune, when its H2 2025 figures are read, then every count matches the data."""
    f = commune_figures(world.commune, H2_2025, today=TODAY)
    assert f.summary == {
        "plans_issued": 1,
        "tasks_total": 5,
        "tasks_done": 1,
        "tasks_late": 2,
        "tasks_done_percent": 20,
        "registrations": 2,
        "recognized": 1,
        "eligible": 2,
        "counted": 1,
        "coverage_percent": 50,
    }
    assert f.as_of == "2026-01-01"
    assert {r["status"]: r["n"] for r in f.tasks_by_status} == {
        "not_started": 1,
        "in_progress": 2,
        "done": 1,
        "cancelled": 1,
    }
    late_units = {r["unit"]: r["n"] for r in f.late_by_unit}
    assert late_units == {
        world.other_department.short_name or world.other_department.name: 2,
        world.department.short_name or world.department.name: 1,
    }
    assert [t["id"] for t in f.late_tasks] == [seeded.tasks["late"].pk, seeded.tasks["late2"].pk]
    assert f.plan_progress[0]["total"] == 5 and f.plan_progress[0]["late"] == 2
    assert [e["name"] for e in f.exemplars] == [r["name"] for r in f.commendations]
    assert f.coverage[0]["counted"] == 1 and f.coverage[0]["eligible"] == 2
    assert not f.is_empty


def test_empty_period_says_so(world, seeded):
    """Given no data in the first half of 2020, when its figures are read, then they are empty, not an error."""
    f = commune_figures(world.commune, Period(PeriodKind.FIRST_HALF, 2020), today=TODAY)
    assert f.is_empty
    assert f.summary["tasks_total"] == 0 and f.summary["coverage_percent"] == 0


def test_figures_survive_a_json_round_trip(world, seeded):
    from reports.selectors import CommuneFigures

    f = commune_figures(world.commune, H2_2025, today=TODAY)
    assert CommuneFigures.from_dict(f.as_dict()) == f


def test_rollup_row_equals_the_commune_summary(world, seeded):
    """Given the seeded commune, when the city's roll-up is read, then its row is the commune's own summary."""
    rows = {row["id"]: row for row in rollup_figures(world.city, H2_2025, today=TODAY)}
    summary = commune_figures(world.commune, H2_2025, today=TODAY).summary
    assert {k: v for k, v in rows[world.commune.pk].items() if k not in {"id", "name"}} == summary
    assert rows[world.other_commune.pk]["tasks_total"] == 0


def _queries(fn) -> int:
    with CaptureQueriesContext(connection) as queries:
        fn()
    return len(queries)


def test_rollup_queries_do_not_grow_with_communes(world, seeded):
    """Given 3 then 30 more communes, the roll-up takes the same number of queries."""
    synthetic_communes_create(city=world.city, count=3)
    few = _queries(lambda: rollup_figures(world.city, H2_2025, today=TODAY))
    synthetic_communes_create(city=world.city, count=30)
    cache.clear()  # both measured on a cold cache: the scope keeps the depth of the city's tree (units/scope.py)
    many = _queries(lambda: rollup_figures(world.city, H2_2025, today=TODAY))
    assert many == few


def test_commune_figures_queries_do_not_grow_with_tasks(world, seeded):
    """Given ten more late tasks, the commune's figures take the same number of queries."""
    few = _queries(lambda: commune_figures(world.commune, H2_2025, today=TODAY))
    for _ in range(10):
        TaskFactory(
            plan=seeded.plan,
            status="in_progress",
            timeframe_kind="deadline",
            due_date=datetime.date(2025, 8, 1),
            lead_units=[world.department],
        )
    many = _queries(lambda: commune_figures(world.commune, H2_2025, today=TODAY))
    assert many == few


def test_commune_figures_read_no_row_per_task(world, seeded):
    """Given thirty more tasks led by one unit, when the commune's figures are read, then no query returns a row
    per task: the counts per lead unit come from the database (issue 19: 10,000 rows read into Python)."""
    for _ in range(30):
        TaskFactory(plan=seeded.plan, status="in_progress", lead_units=[world.department])
    with CaptureQueriesContext(connection) as queries:
        commune_figures(world.commune, H2_2025, today=TODAY)
    with connection.cursor() as cursor:
        for query in queries:
            cursor.execute(query["sql"])
            assert len(cursor.fetchall()) < 30, query["sql"]


def test_a_unit_named_directly_and_through_a_group_counts_once(world, seeded):
    """Given a task led by the department directly and by a group of both departments, when counted per unit,
    then it counts once for the department and once for the office."""
    group = UnitGroupFactory(owner=world.commune)
    group.members.set([world.department, world.other_department])
    task = TaskFactory(plan=seeded.plan, status="in_progress", lead_units=[world.department])
    task.lead_groups.set([group])
    totals = {r["unit_id"]: r["total"] for r in commune_figures(world.commune, H2_2025, today=TODAY).tasks_by_unit}
    assert totals == {world.department.pk: 4, world.other_department.pk: 3}
