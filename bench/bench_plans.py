"""Plan list and plan detail at 10,000 plans: SQL query count, median and 95th-percentile server time.

Run with `make bench` or `.venv/bin/python bench/bench_plans.py [PLANS]`.
Targets (issue 3): every list page under 30 ms median and 60 ms p95 on PostgreSQL, 2 cores.
"""

import sys

from harness import bench_database, connection, measure_page, one_commune, report, report_page, settle

PLANS = int(sys.argv[1]) if len(sys.argv) > 1 else 10_000


def build(count: int):

    from plans.choices import PlanStatus
    from plans.models import Plan, Section, Task

    commune, department, official = one_commune()
    statuses = [PlanStatus.DRAFT, PlanStatus.SUBMITTED, PlanStatus.APPROVED, PlanStatus.ISSUED]
    plans = Plan.objects.bulk_create(
        Plan(
            issuing_unit=commune,
            created_by=official,
            title=f"Kế hoạch tuyên truyền công tác dân vận chính quyền số {i}",
            symbol="KH-UBND",
            place_name="Thượng Hồng",
            status=statuses[i % 4],
            number=i + 1 if statuses[i % 4] == PlanStatus.ISSUED else None,
            year=2025 if statuses[i % 4] == PlanStatus.ISSUED else None,
            issued_on="2025-09-12" if statuses[i % 4] == PlanStatus.ISSUED else None,
            search_text=f"ke hoach tuyen truyen cong tac dan van chinh quyen so {i} " + "noi dung " * 60,
        )
        for i in range(count)
    )
    sections = Section.objects.bulk_create(
        Section(
            plan=plan, numbering="roman", heading=f"MỤC {j}", text="Nội dung " * 30, position=j, task_layout="blocks"
        )
        for plan in plans
        for j in range(1, 4)
    )
    tasks = Task.objects.bulk_create(
        Task(plan_id=section.plan_id, section=section, content="Tổ chức tuyên truyền " * 10, position=section.position)
        for section in sections
    )
    Task.lead_units.through.objects.bulk_create(
        Task.lead_units.through(task_id=task.pk, unit_id=department.pk) for task in tasks
    )
    return official, plans[len(plans) // 2]


def main():
    from django.test import Client

    with bench_database():
        official, sample = build(PLANS)
        settle()
        client = Client()
        client.force_login(official, backend="django.contrib.auth.backends.ModelBackend")
        report("database", connection.vendor)
        report("plans", PLANS)
        report_page("plan_list", measure_page(client, "/plans/"))
        report_page("plan_list_search", measure_page(client, "/plans/?q=dan+van+chinh+quyen&status=issued"))
        report_page("plan_detail", measure_page(client, sample.get_absolute_url()))


if __name__ == "__main__":
    main()
