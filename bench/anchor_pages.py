"""The list pages bench_anchors times beside the task lists, and the data they read, on the task data's database.

`build_more(users)` runs after bench_tasks.build(SCALE) and adds, over the same
synthetic communes "Mẫu NNN" (25 per scale step, 225 at SCALE 9):

- registrations: a campaign per commune and year, 2003-2025, with each of its six
  departments and service units registered: 31,050 at SCALE 9 (issue 19 asks for
  30,000), plus the Thượng Hồng 2025 campaign built through the services;
- periodic reports: every commune's three reports a year for 2016-2025, issued
  (what a supervisor reads), about 6,800;
- report cycles: every commune's three cycles a year for 2016-2025, with a part per
  department and service unit, about 6,800 cycles and 40,000 parts;
- NOTIFICATIONS notifications of the city's supervisor, a third of them read.

`more_pages(clients)` returns the pages as {name: (client, url)} for
bench_anchors.interleaved_pages, keyed by the clients of bench_tasks' users plus
"canbo" (the official of Thượng Hồng) that `build_more` returns.
"""

import datetime
import sys
import time

from harness import bench_database, connection, logged_in_clients, report, settle

REGISTRATION_YEARS = range(2003, 2026)
REPORT_YEARS = range(2016, 2026)
NOTIFICATIONS = 5000
SCALE = int(sys.argv[1]) if len(sys.argv) > 1 else 9


def build_more(scale: int) -> dict:
    """Add the registrations, reports, cycles and notifications; return the extra users and objects the pages read."""
    from django.contrib.auth import get_user_model

    from models_registry.demo import seed_registry
    from models_registry.models import Campaign, Registration
    from plans.models import Plan

    started = time.perf_counter()
    User = get_user_model()
    created = seed_registry(scale=scale, years=REGISTRATION_YEARS, per_campaign=6)
    report("build_registrations_seconds", time.perf_counter() - started)
    supervisor = User.objects.get(username="giamsat")
    _reports_and_cycles()
    _notifications(supervisor)
    report("build_more_seconds", time.perf_counter() - started)
    report("registrations", Registration.objects.count())
    report("synthetic_registrations", created.get("scale_registrations", 0))
    report("campaigns", Campaign.objects.count())
    return {
        "canbo": User.objects.get(username="canbo"),
        "campaign": Campaign.objects.get(issuing_unit__name="Ủy ban nhân dân xã Thượng Hồng", year=2025),
        # The concentrated plan of Mẫu 001 (bench_tasks.build): 500 tasks, all led by its Văn phòng.
        "big_plan": Plan.objects.get(title="Kế hoạch tập trung số 0"),
    }


def _reports_and_cycles() -> None:
    """Give every synthetic commune issued reports and report cycles with their units' parts, by bulk_create."""
    from django.contrib.auth import get_user_model

    from reports.choices import PeriodKind, ReportStatus
    from reports.models import PeriodicReport, ReportCycle, UnitPart
    from units.choices import OPERATIONAL_KINDS, UnitKind
    from units.models import Unit

    author = get_user_model().objects.get(username="nhiemvu-tonghop")
    communes = list(Unit.objects.filter(kind=UnitKind.COMMUNE, name__startswith="Ủy ban nhân dân xã Mẫu "))
    periods = [(year, kind) for year in REPORT_YEARS for kind in PeriodKind.values]
    PeriodicReport.objects.bulk_create(
        (
            PeriodicReport(
                unit=commune,
                period_kind=kind,
                year=year,
                title=f"Báo cáo kết quả công tác dân vận chính quyền năm {year}",
                results="Kết quả đạt được.",
                status=ReportStatus.ISSUED,
                number=number,
                number_year=year,
                issued_on=datetime.date(year, 12, 20),
                created_by=author,
            )
            for commune in communes
            for number, (year, kind) in enumerate(periods, start=1)
        ),
        batch_size=2000,
    )
    cycles = ReportCycle.objects.bulk_create(
        (
            ReportCycle(
                government=commune, period_kind=kind, year=year, deadline=datetime.date(year, 12, 10), opened_by=author
            )
            for commune in communes
            for year, kind in periods
        ),
        batch_size=2000,
    )
    units = {}
    for unit in Unit.objects.filter(parent__in=communes, kind__in=OPERATIONAL_KINDS):
        units.setdefault(unit.parent_id, []).append(unit)
    UnitPart.objects.bulk_create(
        (
            UnitPart(cycle=cycle, unit=unit, narrative="Kết quả của đơn vị.")
            for cycle in cycles
            for unit in units[cycle.government_id]
        ),
        batch_size=5000,
    )
    report("reports", PeriodicReport.objects.count())
    report("report_cycles", len(cycles))


def _notifications(user) -> None:
    """Give `user` NOTIFICATIONS notifications over the past months, the older two thirds read."""
    from django.utils import timezone

    from units.models import Notification

    now = timezone.now()
    notifications = Notification.objects.bulk_create(
        (
            Notification(
                recipient=user,
                text=f"Nhiệm vụ số {n} của xã Mẫu {n % 225 + 1:03d} đã quá hạn.",
                url=f"/tasks/{n}/",
                kind="task_overdue",
                read_at=now if n < NOTIFICATIONS * 2 // 3 else None,
            )
            for n in range(NOTIFICATIONS)
        ),
        batch_size=2000,
    )
    # created_at is auto_now_add: spread the notifications over time, an hour apart, newest last.
    for notification in notifications:
        notification.created_at = now - datetime.timedelta(hours=NOTIFICATIONS - notification.pk % NOTIFICATIONS)
    Notification.objects.bulk_update(notifications, ["created_at"], batch_size=2000)
    report("notifications", len(notifications))


def more_pages(clients: dict, built: dict) -> dict:
    """Return the list pages of the registry, the reports, the notifications, the calendar and a plan, by name."""
    supervisor, official = clients["supervisor"], clients["official"]
    return {
        "registration_list": (supervisor, "/models/registrations/"),
        "registration_list_commune": (clients["canbo"], "/models/registrations/"),
        "campaign_list": (supervisor, "/models/"),
        "campaign_coverage": (clients["canbo"], built["campaign"].get_absolute_url()),
        "report_list": (supervisor, "/reports/"),
        "report_list_commune": (official, "/reports/"),
        "cycle_list": (official, "/reports/cycles/"),
        "cycle_parts_unit_head": (clients["head"], "/reports/cycles/"),
        "notification_list": (supervisor, "/units/notifications/"),
        "notification_list_deep": (supervisor, "/units/notifications/?page=150"),
        "task_calendar": (supervisor, "/tasks/calendar/?month=2026-06"),
        "plan_detail_big": (official, built["big_plan"].get_absolute_url()),
    }


def main():
    """Time only these pages beside the bare list (`.venv/bin/python bench/anchor_pages.py [SCALE]`), when iterating."""
    from bench_anchors import bare_client, interleaved_pages
    from bench_tasks import build

    with bench_database():
        users = build(SCALE)
        built = build_more(SCALE)
        users["canbo"] = built.pop("canbo")
        settle()
        report("database", connection.vendor)
        clients = logged_in_clients(users)
        pages = {"bare_list": (bare_client(users["supervisor"]), "/tasks/"), **more_pages(clients, built)}
        only = sys.argv[2].split(",") if len(sys.argv) > 2 else None
        pages = {name: page for name, page in pages.items() if only is None or name == "bare_list" or name in only}
        for name, figure in interleaved_pages(pages, 30).items():
            report(f"{name}_median_ms", figure["median"])
            report(f"{name}_p95_ms", figure["p95"])


if __name__ == "__main__":
    main()
