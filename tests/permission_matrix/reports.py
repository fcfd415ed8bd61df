"""Rows of the reports app: dashboards, roll-up, periodic reports and report cycles."""

from tests.permission_matrix.base import Row, everyone, logged_in, only, portal  # noqa: F401
from tests.permission_matrix.plans import plan  # noqa: F401

ROWS: list[Row] = []

# --- reports: dashboards, roll-up and periodic reports ------------------------------------------


def periodic_report(status: str = "draft", commune: str = "own"):
    """Create a report of our commune (or of another one) in `status`; return its id as URL args."""

    def args(w):
        import datetime

        from reports.models import PeriodicReport

        issued = status == "issued"
        report = PeriodicReport.objects.create(
            unit=w.commune if commune == "own" else w.other_commune,
            period_kind="second_half",
            year=2025,
            title="Kết quả thực hiện công tác dân vận 6 tháng cuối năm 2025",
            results="Đã hoàn thành các nhiệm vụ.",
            status=status,
            number=1 if issued else None,
            number_year=2025 if issued else None,
            issued_on=datetime.date(2025, 12, 10) if issued else None,
            created_by=w.users["official"],
        )
        return [report.pk]

    return args


REPORT_READERS = only({"official": 200, "leader": 200, "supervisor": 200})
# A report not yet issued stays inside its commune: 404 for the supervisor.
COMMUNE_READERS = only({"official": 200, "leader": 200, "supervisor": 404})

ROWS += [
    Row("reports:dashboard", only({"official": 200, "leader": 200, "supervisor": 302})),
    Row("reports:rollup", only({"supervisor": 200})),
    Row("reports:commune_dashboard", only({"supervisor": 200}), args=lambda w: [w.commune.pk], variant="own commune"),
    Row(
        "reports:commune_dashboard",
        portal(404, supervisor=200),
        args=lambda w: [w.other_commune.pk],
        variant="another commune",
    ),
    Row("reports:commune_dashboard", portal(404), args=lambda w: [w.department.pk], variant="not a commune"),
    Row("reports:report_list", REPORT_READERS),
    Row("reports:report_create", only({"official": 200})),
    Row("reports:report_detail", COMMUNE_READERS, args=periodic_report(), variant="own commune"),
    Row(
        "reports:report_detail",
        portal(404, supervisor=200),
        args=periodic_report("issued", commune="other"),
        variant="another commune",
    ),
    Row("reports:report_edit", only({"official": 200, "supervisor": 404}), args=periodic_report()),
    Row("reports:report_regenerate", only({"official": 302, "supervisor": 404}), args=periodic_report(), method="post"),
    Row("reports:report_submit", only({"official": 302, "supervisor": 404}), args=periodic_report(), method="post"),
    Row(
        "reports:report_approve",
        only({"leader": 302, "supervisor": 404}),
        args=periodic_report("submitted"),
        method="post",
    ),
    Row(
        "reports:report_return",
        only({"leader": 302, "supervisor": 404}),
        args=periodic_report("submitted"),
        method="post",
        data={"comment": "Bổ sung số liệu."},
    ),
    Row(
        "reports:report_issue",
        only({"leader": 302, "supervisor": 404}),
        args=periodic_report("approved"),
        method="post",
    ),
    Row(
        "reports:report_issue",
        only({"leader": 302}),
        args=periodic_report("issued"),
        method="post",
        variant="already issued",
    ),
    Row("reports:report_pdf", REPORT_READERS, args=periodic_report("issued")),
    Row("reports:report_xlsx", COMMUNE_READERS, args=periodic_report()),
    Row(
        "reports:report_xlsx",
        portal(404, supervisor=200),
        args=periodic_report("issued", commune="other"),
        variant="another",
    ),
    Row("reports:report_detail", portal(404), args=periodic_report(commune="other"), variant="another commune's draft"),
    Row("reports:rollup_xlsx", only({"supervisor": 200})),
]


def seen_by(status_for_role: dict[str, int], **refused: int) -> dict[str, int]:
    """Statuses for a page of an object only the named roles may see: 404 for every other role, `refused` aside."""
    return {**portal(404), **status_for_role, **refused}


def report_cycle(commune: str = "own"):
    """Create a report cycle of our commune (or another one); return its id."""

    def args(w):
        import datetime

        from reports.models import ReportCycle

        cycle = ReportCycle.objects.create(
            government=w.commune if commune == "own" else w.other_commune,
            period_kind="second_half",
            year=2025,
            deadline=datetime.date(2025, 12, 15),
            opened_by=w.users["official"],
        )
        return [cycle.pk]

    return args


def unit_part(unit: str = "own", status: str = "pending"):
    """Create a cycle with the part of the unit head's unit (or of another unit); return the part's id."""

    def args(w):
        from reports.models import ReportCycle, UnitPart

        cycle = ReportCycle.objects.get(pk=report_cycle()(w)[0])
        part = UnitPart.objects.create(
            cycle=cycle, unit=w.other_department if unit == "own" else w.department, status=status, narrative="Đã làm."
        )
        return [part.pk]

    return args


ROWS += [
    Row("reports:cycle_list", only({"official": 200, "leader": 200, "unit_head": 200})),
    Row("reports:cycle_create", only({"official": 200})),
    # A cycle or a part one may not see is 404 (never 403): only a move on one that can be seen is refused.
    Row("reports:cycle_detail", seen_by({"official": 200, "leader": 200}), args=report_cycle(), variant="own commune"),
    Row("reports:cycle_detail", portal(404), args=report_cycle("other"), variant="another commune"),
    Row("reports:cycle_remind", seen_by({"official": 302}, leader=403), args=report_cycle(), method="post"),
    Row(
        "reports:part_edit",
        seen_by({"official": 200, "leader": 200, "unit_head": 200}),
        args=unit_part(),
        variant="own",
    ),
    # Another unit's part is hidden from a unit head (404, never 403), as another unit's task is.
    Row(
        "reports:part_edit",
        seen_by({"official": 200, "leader": 200}),
        args=unit_part("other"),
        variant="another unit",
    ),
    Row(
        "reports:part_return",
        seen_by({"official": 302}, leader=403, unit_head=403),
        args=unit_part(status="submitted"),
        method="post",
        data={"comment": "Bổ sung số liệu."},
    ),
]
