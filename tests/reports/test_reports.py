"""Periodic reports: the workflow, frozen figures, and the same numbers on the dashboard, in the PDF and the workbook."""

import datetime
import io
import shutil
import subprocess

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from danvan.spreadsheets import day_or_text
from reports import services
from reports.choices import PeriodKind, ReportStatus
from reports.exports import figure_tables, report_pdf, report_xlsx
from reports.models import PeriodicReport
from reports.selectors import CommuneFigures, Period, commune_figures
from tests.conftest import client_for
from tests.factories import TaskFactory
from units.services import synthetic_communes_create

H2 = {"period": "second_half", "year": "2025"}
requires_pdftotext = pytest.mark.skipif(not shutil.which("pdftotext"), reason="poppler-utils is not installed")


def pdf_text(pdf: bytes) -> str:
    result = subprocess.run(
        ["pdftotext", "-raw", "-enc", "UTF-8", "-", "-"], input=pdf, check=True, capture_output=True, timeout=60
    )
    return result.stdout.decode()


def as_cell(value):
    """Return what Excel gives back for a figure: a "dd/mm/yyyy" text is a date cell, read as a datetime."""
    day = day_or_text(value)
    return datetime.datetime.combine(day, datetime.time()) if isinstance(day, datetime.date) else value


def late_task(plan, unit):
    return TaskFactory(
        plan=plan,
        status="in_progress",
        timeframe_kind="deadline",
        due_date=datetime.date(2025, 8, 1),
        lead_units=[unit],
    )


def test_official_writes_leader_issues(world, seeded, django_capture_on_commit_callbacks):
    """Given canbo, when the H2 2025 report is created (its figures counted by the job), edited and submitted, and
    lanhdao approves and issues it, then it is 01/BC-UBND with a history of four moves."""
    official = client_for(world.users["official"])
    with django_capture_on_commit_callbacks(execute=True):
        response = official.post(reverse("reports:report_create"), {"period_kind": "second_half", "year": "2025"})
    report = PeriodicReport.objects.get()
    assert response.status_code == 302 and response["Location"] == report.get_absolute_url()
    assert "5 nhiệm vụ" in report.results and "2 nhiệm vụ chậm" in report.limitations_and_causes
    response = official.post(
        reverse("reports:report_edit", args=[report.pk]),
        {
            "title": report.title,
            "results": "Kết quả: đã hoàn thành 1 nhiệm vụ.",
            "limitations_and_causes": "Còn chậm.",
            "proposals": "Đề nghị đôn đốc.",
            "version": report.version,
        },
    )
    assert response.status_code == 302
    stale = official.post(
        reverse("reports:report_edit", args=[report.pk]),
        {"title": "x", "results": "y", "limitations_and_causes": "", "proposals": "", "version": report.version},
    )
    assert stale.status_code == 409 and "người khác sửa" in stale.content.decode()
    assert "Bản đang lưu (của người khác)" in stale.content.decode()
    assert official.post(reverse("reports:report_submit", args=[report.pk])).status_code == 302
    leader = client_for(world.users["leader"])
    assert leader.post(reverse("reports:report_approve", args=[report.pk])).status_code == 302
    with django_capture_on_commit_callbacks(execute=True):  # issuing runs as a job (danvan/issue_jobs.py)
        assert leader.post(reverse("reports:report_issue", args=[report.pk])).status_code == 302
    report.refresh_from_db()
    assert report.status == ReportStatus.ISSUED and report.reference == "01/BC-UBND"
    assert report.results == "Kết quả: đã hoàn thành 1 nhiệm vụ."
    assert list(report.transitions.values_list("to_status", flat=True)) == ["submitted", "approved", "issued"]


def test_same_period_twice_is_refused(world, seeded):
    services.report_create(unit=world.commune, period_kind="year", year=2025, by=world.users["official"])
    response = client_for(world.users["official"]).post(
        reverse("reports:report_create"), {"period_kind": "year", "year": "2025"}
    )
    assert response.status_code == 400 and "đã có báo cáo" in response.content.decode()


def test_regenerating_a_draft_refreshes_and_issued_keeps(world, seeded):
    """Given a draft and an issued report, when a task becomes late, then only the regenerated draft shows it."""
    official, leader = world.users["official"], world.users["leader"]
    draft = services.report_create(unit=world.commune, period_kind="year", year=2025, by=official)
    issued = services.report_create(unit=world.commune, period_kind="second_half", year=2025, by=official)
    issued = services.report_submit(report=issued, by=official)
    issued = services.report_approve(report=issued, by=leader)
    issued = services.report_issue(report=issued, by=leader)
    late_before = issued.figures["summary"]["tasks_late"]
    late_task(seeded.plan, world.department)
    draft = services.report_regenerate(report=draft, by=official)
    assert draft.figures["summary"]["tasks_late"] == late_before + 1
    issued.refresh_from_db()
    assert issued.figures["summary"]["tasks_late"] == late_before
    with pytest.raises(Exception, match="không sửa được"):
        services.report_regenerate(report=issued, by=official)


def test_return_needs_a_comment(world, seeded):
    official, leader = world.users["official"], world.users["leader"]
    report = services.report_submit(
        report=services.report_create(unit=world.commune, period_kind="year", year=2025, by=official), by=official
    )
    with pytest.raises(Exception, match="Cần ghi ý kiến"):
        services.report_return(report=report, by=leader, comment=" ")
    report = services.report_return(report=report, by=leader, comment="Bổ sung số liệu.")
    assert report.status == ReportStatus.RETURNED


def test_report_of_another_commune_is_404(world, seeded):
    """Given a report of Kim Thành, when Thượng Hồng's official opens it, then 404; the supervisor reads it once issued."""
    report = PeriodicReport.objects.create(
        unit=world.other_commune, period_kind="year", year=2025, title="Báo cáo", created_by=world.users["official"]
    )
    assert client_for(world.users["official"]).get(report.get_absolute_url()).status_code == 404
    assert client_for(world.users["supervisor"]).get(report.get_absolute_url()).status_code == 404
    PeriodicReport.objects.filter(pk=report.pk).update(
        status=ReportStatus.ISSUED, number=1, number_year=2025, issued_on=datetime.date(2025, 12, 20)
    )
    assert client_for(world.users["official"]).get(report.get_absolute_url()).status_code == 404
    assert client_for(world.users["supervisor"]).get(report.get_absolute_url()).status_code == 200


def test_empty_period_report_says_so(world):
    """Given no data at all, when a report is created, its page, PDF and workbook say there is no data."""
    report = services.report_create(unit=world.commune, period_kind="first_half", year=2021, by=world.users["official"])
    assert "chưa có số liệu" in report.results
    page = client_for(world.users["official"]).get(report.get_absolute_url())
    assert page.status_code == 200 and "chưa có số liệu" in page.content.decode()
    sheet = load_workbook(io.BytesIO(report_xlsx(report)))["02 Kế hoạch ban hành trong kỳ"]
    assert sheet["A4"].value == "Không có số liệu trong kỳ."


@requires_pdftotext
def test_dashboard_pdf_and_excel_agree(world, seeded):
    """Given the seeded data, the dashboard, the issued report's PDF and its workbook show the same figures."""
    official, leader = world.users["official"], world.users["leader"]
    report = services.report_create(unit=world.commune, period_kind="second_half", year=2025, by=official)
    report = services.report_issue(
        report=services.report_approve(report=services.report_submit(report=report, by=official), by=leader), by=leader
    )
    figures = commune_figures(world.commune, Period(PeriodKind.SECOND_HALF, 2025))

    # Dashboard
    page = client_for(leader).get(reverse("reports:dashboard"), H2)
    assert page.context["figures"] == figures
    html = page.content.decode()
    for key in ("plans_issued", "tasks_total", "tasks_late"):
        assert f'data-figure="{key}"' in html
        assert f">{figures.summary[key]}</a>" in html.split(f'data-figure="{key}"', 1)[1][:300]

    # The issued snapshot
    assert CommuneFigures.from_dict(report.figures) == figures
    tables = {t.key: t for t in figure_tables(figures)}

    # Excel
    workbook = load_workbook(io.BytesIO(report_xlsx(report)))
    for sheet, table in zip(workbook.worksheets, figure_tables(figures), strict=True):
        rows = [list(r) for r in sheet.iter_rows(min_row=4, values_only=True)]
        expected = [[None if cell == "" else as_cell(cell) for cell in row] for row in table.rows] or [[table.empty]]
        assert rows == expected, table.key
        assert sheet.print_title_rows == "$3:$3" and sheet.freeze_panes == "A4"

    # PDF
    text = pdf_text(report_pdf(report))
    assert "BÁO CÁO" in text and "Số: 01/BC-UBND" in text
    lines = text.splitlines()
    for label, value in tables["summary"].rows:
        assert any(line.strip() == f"{label} {value}" for line in lines), (label, value)
    for label, n in tables["tasks_by_status"].rows:
        assert any(line.strip() == f"{label} {n}" for line in lines), (label, n)


def test_dashboard_of_an_empty_period(world):
    page = client_for(world.users["official"]).get(reverse("reports:dashboard"), {"period": "year", "year": "2020"})
    assert page.status_code == 200 and "empty-state" in page.content.decode()


def test_bad_period_falls_back(world):
    page = client_for(world.users["official"]).get(reverse("reports:dashboard"), {"period": "x", "year": "99999"})
    assert page.status_code == 200


def _count(client, url, params=None) -> int:
    """Return the queries of building the page: H2 2025 is a closed period, whose figures are cached otherwise."""
    cache.clear()
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url, params or {}).status_code == 200
    return len(queries)


def test_dashboard_queries_do_not_grow(world, seeded):
    """Given ten more late tasks, the dashboard takes the same number of queries."""
    client = client_for(world.users["leader"])
    url = reverse("reports:dashboard")
    _count(client, url, H2)
    few = _count(client, url, H2)
    for _ in range(10):
        late_task(seeded.plan, world.other_department)
    assert _count(client, url, H2) == few


def test_rollup_queries_do_not_grow_and_open_a_commune(world, seeded):
    """Given 2 then 20 more communes, the roll-up takes the same number of queries; each commune is one click away."""
    client = client_for(world.users["supervisor"])
    url = reverse("reports:rollup")
    synthetic_communes_create(city=world.city, count=2)
    _count(client, url, H2)
    few = _count(client, url, H2)
    synthetic_communes_create(city=world.city, count=20)
    assert _count(client, url, H2 | {"sort": "-tasks_late"}) == few
    page = client.get(url, H2 | {"sort": "-tasks_late"})
    link = reverse("reports:commune_dashboard", args=[world.commune.pk])
    assert link in page.content.decode()
    assert page.context["rows"][0]["id"] == world.commune.pk
    detail = client.get(link, H2)
    assert detail.status_code == 200 and detail.context["read_only"]
    row = {k: v for k, v in page.context["rows"][0].items() if k not in {"id", "name"}}
    assert detail.context["figures"].summary == row


def test_dashboard_links_list_exactly_the_tasks_they_count(world, seeded):
    """Given the H2 2025 dashboard, each task figure's link opens a task list with that many tasks."""
    import html as html_module
    import re

    from tests.factories import IssuedPlanFactory, TaskFactory

    # A plan of 2024 ended before the period, with a late task: not the period's, so not in its figures or lists.
    old = IssuedPlanFactory(
        issuing_unit=world.commune,
        created_by=world.users["official"],
        issued_on=datetime.date(2024, 1, 10),
        period_start=datetime.date(2024, 1, 1),
        period_end=datetime.date(2024, 6, 30),
    )
    TaskFactory(plan=old, timeframe_kind="deadline", due_date=datetime.date(2024, 5, 1), lead_units=[world.department])
    client = client_for(world.users["leader"])
    page = client.get(reverse("reports:dashboard"), H2)
    figures = page.context["figures"]
    content = page.content.decode()
    for key in ("tasks_total", "tasks_late"):
        href = html_module.unescape(re.search(rf'data-figure="{key}" href="([^"]+)"', content).group(1))
        listed = client.get(href)
        assert listed.status_code == 200
        assert listed.context["page"].paginator.count == figures.summary[key], (key, href)
    assert figures.summary["tasks_late"] > 0
    everything = client.get(reverse("tasks:task_list")).context["page"].paginator.count
    assert everything > figures.summary["tasks_total"]  # the unfiltered list also has the 2024 plan's task


def test_a_supervisors_links_from_a_commune_dashboard_stay_in_that_commune(world, seeded):
    """Given another commune with a task, the supervisor's links from our commune's dashboard list ours only."""
    import html as html_module
    import re

    from tests.factories import IssuedPlanFactory, TaskFactory

    theirs = IssuedPlanFactory(issuing_unit=world.other_commune, created_by=world.users["official"])
    TaskFactory(plan=theirs, lead_units=[world.foreign_department])
    client = client_for(world.users["supervisor"])
    page = client.get(reverse("reports:commune_dashboard", args=[world.commune.pk]), H2)
    figures = page.context["figures"]
    href = html_module.unescape(re.search(r'data-figure="tasks_total" href="([^"]+)"', page.content.decode()).group(1))
    listed = client.get(href)
    assert listed.context["page"].paginator.count == figures.summary["tasks_total"]
    assert "Ủy ban nhân dân xã Thượng Hồng" in listed.content.decode()
