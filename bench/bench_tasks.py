"""Task list and unit inbox at 100,000 tasks: SQL query count, median and 95th-percentile server time.

Run with `make bench` or `.venv/bin/python bench/bench_tasks.py [SCALE]`.

How the database is set up: `bench/harness.py` creates a throw-away test
database (SQLite in memory by default, a temporary PostgreSQL database when
DATABASE_URL points at PostgreSQL) and runs every migration. The data are the
demo data at scale: `units.demo.seed_units(scale=SCALE)` adds 25 synthetic
communes per step and `plans.demo.seed_task_progress(scale=SCALE)` gives them
SCALE × 10,000 tracked tasks with progress reports, by bulk_create (about 35
per unit). One part is concentrated on purpose: 10,000 more tasks of the
commune "Mẫu 001", all led by its Văn phòng, whose head's inbox is the worst
case ("unit_inbox_heavy"; "unit_inbox" is a typical unit). The default SCALE
of 9 makes 90,000 + 10,000 = 100,000 tasks. The city's supervisor reads all
100,000 in the task list.

Pages are requested with Django's test client (no network), so the times are
server time: routing, middleware, views, queries and templates.

Targets (issue 5): every list page under 30 ms median and 60 ms p95 for one
client on a 2-core machine with PostgreSQL.
"""

import sys
import time

from harness import bench_database, connection, logged_in_clients, measure_page, report, report_page, settle

SCALE = int(sys.argv[1]) if len(sys.argv) > 1 else 9
HOT_TASKS = 10_000


def build(scale: int):
    import datetime

    from django.contrib.auth import get_user_model

    from danvan.text import fold
    from plans.choices import PlanStatus, TimeframeKind
    from plans.demo import seed_task_progress
    from plans.models import Plan, ProgressUpdate, Task
    from plans.schedule import next_due
    from units.choices import Role
    from units.demo import seed_units
    from units.models import Unit

    started = time.perf_counter()
    seed_units(password="bench-only-password", scale=scale)
    seed_task_progress(scale=scale)
    report("build_seed_seconds", time.perf_counter() - started)

    User = get_user_model()
    commune = Unit.objects.get(name="Ủy ban nhân dân xã Mẫu 001")
    office = commune.children.get(name="Văn phòng HĐND và UBND")
    # An official (leaders pass a second factor at login, which the test client cannot type).
    official = User.objects.create_user(
        "canbo.mau001", unit=commune.children.get(name="Phòng Văn hóa - Xã hội"), role=Role.OFFICIAL, full_name="Cán bộ"
    )
    head = User.objects.create_user("truongphong.mau001", unit=office, role=Role.UNIT_HEAD, full_name="Trưởng phòng")
    # A typical unit: the Văn phòng of Mẫu 002, with its share of the spread tasks.
    typical_office = Unit.objects.get(name="Ủy ban nhân dân xã Mẫu 002").children.get(name="Văn phòng HĐND và UBND")
    typical = User.objects.create_user(
        "truongphong.mau002", unit=typical_office, role=Role.UNIT_HEAD, full_name="Trưởng phòng"
    )
    author = User.objects.get(username="nhiemvu-tonghop")
    # The concentrated part: 20 issued plans of Mẫu 001 with 500 tasks each, all led by its Văn phòng.
    plans = Plan.objects.bulk_create(
        Plan(
            issuing_unit=commune,
            created_by=author,
            title=f"Kế hoạch tập trung số {n}",
            symbol="KH-UBND",
            status=PlanStatus.ISSUED,
            number=100 + n,
            year=2026,
            issued_on=datetime.date(2026, 1, 5),
            period_start=datetime.date(2026, 1, 1),
            period_end=datetime.date(2026, 12, 31),
        )
        for n in range(20)
    )
    tasks = []
    for plan in plans:
        for index in range(HOT_TASKS // len(plans)):
            due = datetime.date(2026, 1, 15) + datetime.timedelta(days=(plan.pk * 7 + index * 3) % 340)
            kind = TimeframeKind.DEADLINE if index % 3 else TimeframeKind.REGULAR
            content = f"Vận động Nhân dân thực hiện dân vận khéo, nhiệm vụ tập trung {plan.pk}-{index}"
            task = Task(
                plan=plan,
                position=index,
                content=content,
                search_text=fold(content),
                timeframe_kind=kind,
                due_date=due if kind == TimeframeKind.DEADLINE else None,
                progress=(index * 7) % 100,
                status="in_progress" if index % 4 else "not_started",
            )
            task.next_due_on = next_due(timeframe_kind=kind, due_date=task.due_date)
            tasks.append(task)
    tasks = Task.objects.bulk_create(tasks, batch_size=2000)
    Task.lead_units.through.objects.bulk_create(
        (Task.lead_units.through(task_id=t.pk, unit_id=office.pk) for t in tasks), batch_size=5000
    )
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")  # what autovacuum does shortly after a bulk load on a real server
    report("build_seconds", time.perf_counter() - started)
    report("tasks", Task.objects.count())
    report("tracked_tasks", Task.objects.tracked().count())
    report("progress_updates", ProgressUpdate.objects.count())
    report("inbox_tasks_typical", Task.objects.tracked().led_by(typical_office.pk).count())
    report("inbox_tasks_heavy", Task.objects.tracked().led_by(office.pk).count())
    return {
        "official": official,
        "head": head,
        "typical_head": typical,
        "supervisor": User.objects.get(username="giamsat"),
    }


def main():

    with bench_database():
        users = build(SCALE)
        settle()
        report("database", connection.vendor)
        clients = logged_in_clients(users)
        # A unit head of a typical unit, then of the concentrated Văn phòng (10,000 tasks), most urgent first.
        report_page("unit_inbox", measure_page(clients["typical_head"], "/tasks/mine/"))
        report_page("unit_inbox_heavy", measure_page(clients["head"], "/tasks/mine/"))
        report_page("unit_inbox_heavy_overdue", measure_page(clients["head"], "/tasks/mine/?overdue=on"))
        # The supervisor of the city reads every task: the list pages through all 100,000.
        report_page("task_list", measure_page(clients["supervisor"], "/tasks/"))
        report_page("task_list_overdue", measure_page(clients["supervisor"], "/tasks/?overdue=on"))
        report_page(
            "task_list_due_within", measure_page(clients["supervisor"], "/tasks/?due_within=14&status=in_progress")
        )
        report_page("task_list_search", measure_page(clients["supervisor"], "/tasks/?q=dan+van+kheo"))
        # An official of the concentrated commune (the leader's list is the same page): 10,400 tasks.
        report_page("task_list_commune", measure_page(clients["official"], "/tasks/"))
        report_page("task_calendar", measure_page(clients["supervisor"], "/tasks/calendar/?month=2026-06"))


if __name__ == "__main__":
    started = time.perf_counter()
    main()
    report("total_seconds", time.perf_counter() - started)
