"""Issuing a plan or a periodic report runs as a job: the leader's POST answers at once with its progress."""

import dataclasses

import pytest
from django.urls import reverse

from danvan.documents import DocumentError
from danvan.jobs import Job, JobStatus
from danvan.models import AuditAction, AuditEntry
from plans.choices import PlanStatus
from reports import services as report_services
from reports.choices import ReportStatus
from tests.conftest import client_for

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def approved(plans):
    return plans[PlanStatus.APPROVED]


def issue(client, plan, **headers):
    return client.post(reverse("plans:plan_issue", args=[plan.pk]), headers=headers)


def test_issuing_answers_with_the_job_then_the_job_issues_the_plan(world, approved, django_capture_on_commit_callbacks):
    """Given an approved plan, when the leader presses Ban hành, then the answer is the job's page at once,
    and once the job has run the plan is issued with its number and its stored, signed copy."""
    client = client_for(world.users["leader"])
    with django_capture_on_commit_callbacks(execute=True):
        response = issue(client, approved)
        job = Job.objects.get(kind="plan_issue")
        assert response.status_code == 302 and response["Location"] == f"/jobs/{job.pk}/"
        approved.refresh_from_db()
        assert approved.status == PlanStatus.APPROVED  # nothing issued inside the request
    job.refresh_from_db()
    approved.refresh_from_db()
    assert (job.status, job.percent, job.requested_by) == (JobStatus.DONE, 100, world.users["leader"])
    assert job.result_url() == approved.get_absolute_url()
    assert approved.status == PlanStatus.ISSUED and approved.number == 1
    assert approved.issued_pdf_sha256 and approved.issued_pdf.read().startswith(b"%PDF-")
    page = client.get(job.get_absolute_url()).content.decode()
    assert "Ban hành kế hoạch" in page and approved.get_absolute_url() in page


def test_htmx_gets_the_progress_box(world, approved, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False):
        response = issue(client_for(world.users["leader"]), approved, **{"HX-Request": "true"})
    job = Job.objects.get(kind="plan_issue")
    assert response.status_code == 200 and f'id="job-{job.pk}"' in response.content.decode()


def test_a_second_press_joins_the_same_job(world, approved, django_capture_on_commit_callbacks):
    client = client_for(world.users["leader"])
    with django_capture_on_commit_callbacks(execute=True):
        first = issue(client, approved)
        second = issue(client, approved)
    assert first["Location"] == second["Location"]
    assert Job.objects.filter(kind="plan_issue").count() == 1
    approved.refresh_from_db()
    assert approved.number == 1 and approved.transitions.filter(to_status=PlanStatus.ISSUED).count() == 1
    # Once issued, a third press is a repeat: back to the plan, nothing changes, no new job.
    third = issue(client, approved)
    assert third["Location"] == approved.get_absolute_url()
    assert Job.objects.filter(kind="plan_issue").count() == 1


def test_someone_who_may_not_issue_is_refused_and_starts_no_job(world, approved, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = issue(client_for(world.users["official"]), approved)
    assert response.status_code == 403
    assert not Job.objects.exists()
    assert AuditEntry.objects.filter(action=AuditAction.ACCESS_DENIED).exists()
    approved.refresh_from_db()
    assert approved.status == PlanStatus.APPROVED


def test_a_plan_that_cannot_be_rendered_fails_the_job_and_stays_approved(
    world, approved, monkeypatch, django_capture_on_commit_callbacks
):
    """Given a plan whose PDF cannot be made, when it is issued, then the job fails with the reason in
    Vietnamese, and the plan stays approved with no number and no copy."""
    from plans.exports import pdf

    def cannot_render(plan):
        raise DocumentError("Văn bản quá dài để dựng trong thời gian cho phép.")

    monkeypatch.setattr(pdf, "ISSUED_COPY", dataclasses.replace(pdf.ISSUED_COPY, render=cannot_render))
    client = client_for(world.users["leader"])
    with django_capture_on_commit_callbacks(execute=True):
        response = issue(client, approved)
    job = Job.objects.get(kind="plan_issue")
    assert response.status_code == 302 and job.status == JobStatus.FAILED
    assert "Chưa ban hành được vì không dựng được bản PDF chính thức" in job.message
    assert "Văn bản quá dài để dựng trong thời gian cho phép." in job.message
    approved.refresh_from_db()
    assert (approved.status, approved.number, approved.issued_pdf_sha256) == (PlanStatus.APPROVED, None, "")
    assert "Văn bản quá dài để dựng" in client.get(job.get_absolute_url()).content.decode()


def test_issuing_a_report_runs_as_a_job(world, django_capture_on_commit_callbacks):
    official, leader = world.users["official"], world.users["leader"]
    report = report_services.report_create(unit=world.commune, period_kind="year", year=2025, by=official)
    report.results = "Đã hoàn thành các nhiệm vụ."
    report.save()
    report = report_services.report_submit(report=report, by=official)
    report = report_services.report_approve(report=report, by=leader)
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(leader).post(reverse("reports:report_issue", args=[report.pk]))
    job = Job.objects.get(kind="report_issue")
    assert response["Location"] == f"/jobs/{job.pk}/"
    job.refresh_from_db()
    report.refresh_from_db()
    assert job.status == JobStatus.DONE and job.result_url() == report.get_absolute_url()
    assert report.status == ReportStatus.ISSUED and report.reference == "01/BC-UBND" and report.issued_pdf_sha256
