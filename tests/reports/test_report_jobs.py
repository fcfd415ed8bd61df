"""Counting a periodic report's figures is a job: the page answers at once with its progress, the job fills in."""

import pytest
from django.test import override_settings
from django.urls import reverse

from danvan.jobs import Job, JobStatus
from danvan.jobs.runner import execute
from reports import services
from reports.choices import ReportStatus
from reports.jobs import REPORT_FIGURES
from reports.models import PeriodicReport
from tests.conftest import client_for
from tests.reports.test_reports import late_task

HTMX = {"HTTP_HX_REQUEST": "true"}
# A queue no worker reads in the test: the job waits, as it does while a real worker is busy.
DB_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
H2_2025 = {"period_kind": "second_half", "year": "2025"}


def figures_job(report) -> Job:
    return Job.objects.filter(kind=REPORT_FIGURES, target_id=str(report.pk)).latest("created_at")


def test_a_new_report_answers_at_once_and_its_page_shows_the_count_in_progress(world, seeded):
    """Given the queue busy, when canbo creates the H2 2025 report, then the draft page opens at once with the
    progress box and without figures; once a worker runs the job the page shows the figures and narrative."""
    official = client_for(world.users["official"])
    with override_settings(TASKS=DB_TASKS):
        response = official.post(reverse("reports:report_create"), H2_2025)
    report = PeriodicReport.objects.get()
    assert response.status_code == 302 and response["Location"] == report.get_absolute_url()
    assert report.figures_at is None and report.results == ""
    job = figures_job(report)
    assert job.status == JobStatus.QUEUED

    page = official.get(report.get_absolute_url()).content.decode()
    assert f'id="job-{job.pk}"' in page and "Tổng hợp số liệu báo cáo" in page
    assert "số liệu chưa tổng hợp xong" in page
    assert "Cập nhật số liệu" not in page  # no second start while the first runs

    execute(str(job.pk))
    job.refresh_from_db()
    assert job.status == JobStatus.DONE and job.result_url() == report.get_absolute_url()
    report.refresh_from_db()
    assert "5 nhiệm vụ" in report.results and "2 nhiệm vụ chậm" in report.limitations_and_causes
    page = official.get(report.get_absolute_url()).content.decode()
    assert f'id="job-{job.pk}"' not in page and "số liệu lấy lúc" in page
    assert 'id="table-' in page


def test_what_the_official_wrote_while_the_figures_were_counted_is_kept(world, seeded):
    official = world.users["official"]
    report = services.report_create(unit=world.commune, period_kind="year", year=2025, by=official, fill=False)
    services.report_update(report=report, by=official, expected_version=report.version, results="Tự viết.")
    report = services.report_regenerate(report=report, by=official)
    assert report.results == "Tự viết."
    assert "nhiệm vụ chậm" in report.limitations_and_causes  # the empty sections are filled
    assert report.figures["summary"]["tasks_total"] == 5


def test_refreshing_the_figures_answers_with_the_progress_box_and_asking_again_joins_the_job(world, seeded):
    official, client = world.users["official"], client_for(world.users["official"])
    report = services.report_create(unit=world.commune, period_kind="year", year=2025, by=official)
    late_before = report.figures["summary"]["tasks_late"]
    late_task(seeded.plan, world.department)
    url = reverse("reports:report_regenerate", args=[report.pk])

    with override_settings(TASKS=DB_TASKS):
        first = client.post(url, **HTMX)
        again = client.post(url, **HTMX)
    job = figures_job(report)
    assert first.status_code == 200 and f'id="job-{job.pk}"' in first.content.decode()
    assert "Đang chờ máy chạy nền" in first.content.decode()
    assert f'id="job-{job.pk}"' in again.content.decode()
    assert Job.objects.filter(kind=REPORT_FIGURES).count() == 1

    execute(str(job.pk))
    report.refresh_from_db()
    assert report.figures["summary"]["tasks_late"] == late_before + 1
    poll = client.get(reverse("jobs:job_detail", args=[job.pk]), **HTMX).content.decode()
    assert "Đã xong" in poll and report.get_absolute_url() in poll


def test_the_immediate_queue_refreshes_before_the_redirect(world, seeded, django_capture_on_commit_callbacks):
    official = world.users["official"]
    report = services.report_create(unit=world.commune, period_kind="year", year=2025, by=official)
    late_task(seeded.plan, world.department)
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(official).post(reverse("reports:report_regenerate", args=[report.pk]))
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.figures["summary"]["tasks_late"] == 3
    assert figures_job(report).status == JobStatus.DONE


def test_a_report_submitted_before_the_count_fails_the_job_with_the_reason_shown(world, seeded):
    official = world.users["official"]
    report = services.report_create(unit=world.commune, period_kind="year", year=2025, by=official)
    client = client_for(official)
    with override_settings(TASKS=DB_TASKS):
        client.post(reverse("reports:report_regenerate", args=[report.pk]), **HTMX)
    services.report_submit(report=report, by=official)
    job = figures_job(report)
    execute(str(job.pk))
    job.refresh_from_db()
    assert job.status == JobStatus.FAILED
    assert job.message == "Báo cáo đang ở trạng thái “Chờ duyệt” nên không sửa được."
    report.refresh_from_db()
    assert report.status == ReportStatus.SUBMITTED


@pytest.mark.parametrize(("role", "status"), [("leader", 200), ("supervisor", 404), ("unit_head", 404)])
def test_the_job_is_seen_by_those_who_see_the_draft(world, seeded, role, status):
    official = world.users["official"]
    report = services.report_create(unit=world.commune, period_kind="year", year=2025, by=official, fill=False)
    with override_settings(TASKS=DB_TASKS):
        client_for(official).post(reverse("reports:report_regenerate", args=[report.pk]))
    job = figures_job(report)
    assert client_for(world.users[role]).get(reverse("jobs:job_detail", args=[job.pk])).status_code == status
