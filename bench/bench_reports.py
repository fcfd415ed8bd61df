"""Supervisor roll-up and yearly report PDF on a city-sized data set: server time and query count.

Run with `.venv/bin/python bench/bench_reports.py [COMMUNES] [TASKS] [REGISTRATIONS]`.
Defaults are those of issue 19: 114 communes with 12 units each, 100,000 tasks, 10,000 registrations.
Target (issue 19): the roll-up under 100 ms median, the dashboard and the supervisor's home under 30 ms
median and 60 ms p95, with query counts that do not grow with the number of communes.

The data are of 2025, a closed period: its figures are cached until a row of 2025 changes
(reports/selectors/cache.py), so `rollup` and `commune_dashboard` are what a second visitor
waits; `*_fresh` start a new generation of the figures before every request, which is what the
first visitor after a change waits. The supervisor's home reads the current half-year (empty here).
"""

import datetime
import sys
import time

from harness import CaptureQueriesContext, bench_database, connection, measure_page, report, report_page, settle

COMMUNES = int(sys.argv[1]) if len(sys.argv) > 1 else 114
TASKS = int(sys.argv[2]) if len(sys.argv) > 2 else 100_000
REGISTRATIONS = int(sys.argv[3]) if len(sys.argv) > 3 else 10_000
PLANS_PER_COMMUNE = 5


def build(communes: int, tasks: int, registrations: int):
    from django.contrib.auth import get_user_model

    from models_registry.models import Campaign, Field, Registration
    from models_registry.services import default_fields
    from plans.models import Plan, Task
    from units.choices import Role, UnitKind
    from units.models import Unit
    from units.services import synthetic_communes_create

    User = get_user_model()
    city = Unit.objects.create(name="Thành phố Hải Phòng", kind=UnitKind.CITY, abbreviation="UBND")
    city_department = Unit.objects.create(parent=city, name="Sở Nội vụ", kind=UnitKind.DEPARTMENT)
    synthetic_communes_create(city=city, count=communes)
    supervisor = User.objects.create_user("giamsat", password="x", unit=city_department, role=Role.SUPERVISOR)
    commune_list = list(city.children.filter(kind=UnitKind.COMMUNE).order_by("pk"))
    departments = {}
    for unit in Unit.objects.filter(parent__in=commune_list).order_by("pk"):
        departments.setdefault(unit.parent_id, []).append(unit)
    first = commune_list[0]
    official = User.objects.create_user(
        "canbo", password="x", unit=departments[first.pk][0], role=Role.OFFICIAL, full_name="Cán bộ"
    )
    plans = Plan.objects.bulk_create(
        Plan(
            issuing_unit=commune,
            created_by=official,
            title=f"Kế hoạch công tác dân vận số {i}",
            symbol="KH-UBND",
            status="issued",
            number=i + 1,
            year=2025,
            issued_on=datetime.date(2025, 1 + i * 2, 10),
            period_start=datetime.date(2025, 1, 1),
            period_end=datetime.date(2025, 12, 31),
        )
        for commune in commune_list
        for i in range(PLANS_PER_COMMUNE)
    )
    statuses = ["not_started", "in_progress", "done", "done", "cancelled"]
    created = Task.objects.bulk_create(
        Task(
            plan=plans[i % len(plans)],
            content=f"Tổ chức tuyên truyền nhiệm vụ {i}",
            position=i,
            timeframe_kind="deadline",
            due_date=datetime.date(2025, 1 + i % 12, 28),
            next_due_on=datetime.date(2025, 1 + i % 12, 28),
            status=statuses[i % 5],
            progress=100 if statuses[i % 5] == "done" else 30,
        )
        for i in range(tasks)
    )
    plan_unit = {p.pk: p.issuing_unit_id for p in plans}
    Task.lead_units.through.objects.bulk_create(
        Task.lead_units.through(task_id=t.pk, unit_id=departments[plan_unit[t.plan_id]][t.pk % 3].pk) for t in created
    )
    fields = default_fields()
    campaigns = []
    for commune in commune_list:
        campaign = Campaign.objects.create(
            issuing_unit=commune,
            year=2025,
            name="Phong trào thi đua “Dân vận khéo” năm 2025",
            registration_deadline=datetime.date(2025, 3, 31),
            report_deadline=datetime.date(2025, 11, 30),
            created_by=official,
        )
        campaign.eligible_units.set(departments[commune.pk])
        campaign.offered_fields.set(fields)
        campaigns.append(campaign)
    reg_statuses = ["submitted", "accepted", "implementing", "recognized", "dropped"]
    Registration.objects.bulk_create(
        Registration(
            campaign=campaigns[i % len(campaigns)],
            unit=departments[campaigns[i % len(campaigns)].issuing_unit_id][i % 4],
            name=f"Mô hình số {i}",
            field=fields[i % len(fields)],
            problem="Thực trạng",
            objectives="Mục tiêu",
            method="Cách làm",
            place_scope="Toàn xã",
            participants="Nhân dân",
            start_date=datetime.date(2025, 3, 1),
            end_date=datetime.date(2025, 11, 30),
            person_in_charge="Trần Văn Minh",
            contact="0225 3888 999",
            status=reg_statuses[i % 5],
            recognition_level="commune" if reg_statuses[i % 5] == "recognized" else "",
            exclusive=False,
            drop_reason="Đơn vị dừng mô hình." if reg_statuses[i % 5] == "dropped" else "",
            created_by=official,
        )
        for i in range(registrations)
    )
    assert Field.objects.exists()
    return supervisor, official, first


def main():
    from django.test import Client

    from reports import services
    from reports.exports import report_pdf
    from reports.selectors.cache import ALL, invalidate

    def changed():
        """A row of 2025 changed: the cached figures of every year are built again."""
        invalidate([ALL])

    started = time.perf_counter()
    with bench_database():
        supervisor, official, commune = build(COMMUNES, TASKS, REGISTRATIONS)
        settle()
        report("database", connection.vendor)
        report("communes", COMMUNES)
        report("tasks", TASKS)
        report("registrations", REGISTRATIONS)
        report("build_seconds", time.perf_counter() - started)
        client = Client()
        client.force_login(supervisor, backend="django.contrib.auth.backends.ModelBackend")
        report_page("rollup", measure_page(client, "/dashboard/communes/?period=year&year=2025", runs=15))
        report_page(
            "rollup_fresh", measure_page(client, "/dashboard/communes/?period=year&year=2025", runs=15, prepare=changed)
        )
        dashboard = f"/dashboard/communes/{commune.pk}/?period=year&year=2025"
        report_page("commune_dashboard", measure_page(client, dashboard, runs=15))
        report_page("commune_dashboard_fresh", measure_page(client, dashboard, runs=15, prepare=changed))
        report_page("supervisor_home", measure_page(client, "/", runs=15))

        timings, pdf_size = [], 0
        with CaptureQueriesContext(connection) as queries:
            start = time.perf_counter()
            yearly = services.report_create(unit=commune, period_kind="year", year=2025, by=official)
            timings.append((time.perf_counter() - start) * 1000)
        report("yearly_report_create_ms", timings[0])
        report("yearly_report_create_queries", len(queries))
        pdf_timings = []
        for _ in range(3):
            start = time.perf_counter()
            pdf_size = len(report_pdf(yearly))
            pdf_timings.append((time.perf_counter() - start) * 1000)
        report("yearly_report_pdf_median_ms", sorted(pdf_timings)[1])
        report("yearly_report_pdf_kb", pdf_size // 1024)
    report("total_seconds", time.perf_counter() - started)


if __name__ == "__main__":
    main()
