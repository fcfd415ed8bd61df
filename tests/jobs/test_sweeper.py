"""The sweeper and the worker's heartbeat: a job whose worker died is requeued, then failed with a message."""

import datetime

import pytest
from django.core.management import call_command
from django.utils import timezone

from danvan.jobs import Job, JobStatus, runner, start_job
from danvan.jobs.sweeper import sweep_jobs
from danvan.jobs.worker import beat
from tests.conftest import client_for

pytestmark = pytest.mark.django_db


def running_job(world, plan, *, attempts: int, seconds_ago: int) -> Job:
    job = start_job("test_plan_summary", target=plan, user=world.users["official"])
    beat_at = timezone.now() - datetime.timedelta(seconds=seconds_ago)
    Job.objects.filter(pk=job.pk).update(
        status=JobStatus.RUNNING, attempts=attempts, heartbeat_at=beat_at, step="Dựng nội dung", percent=50
    )
    return job


def test_a_job_with_a_fresh_heartbeat_is_left_alone(world, plans, settings):
    settings.JOBS_STALE_SECONDS = 60
    job = running_job(world, plans["draft"], attempts=1, seconds_ago=10)
    assert sweep_jobs().requeued == 0
    job.refresh_from_db()
    assert job.status == JobStatus.RUNNING


def test_a_stale_job_is_requeued_and_says_so(world, plans, settings, django_capture_on_commit_callbacks):
    settings.JOBS_STALE_SECONDS = 60
    job = running_job(world, plans["draft"], attempts=1, seconds_ago=120)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        assert sweep_jobs().requeued == 1
    job.refresh_from_db()
    assert (job.status, job.step) == (
        JobStatus.QUEUED,
        "Máy chạy nền dừng giữa chừng; đang chờ chạy lại (lần 2/3)",
    )
    assert len(callbacks) == 1  # handed to the queue again after the commit


def test_after_the_last_attempt_the_job_fails_with_a_message_the_person_sees(world, plans, settings):
    settings.JOBS_STALE_SECONDS = 60
    job = running_job(world, plans["draft"], attempts=3, seconds_ago=120)
    call_command("sweep_jobs")
    job.refresh_from_db()
    assert job.status == JobStatus.FAILED and job.finished_at
    page = client_for(world.users["official"]).get(job.get_absolute_url(), headers={"HX-Request": "true"})
    text = page.content.decode()
    assert "Việc bị dừng giữa chừng 3 lần (máy chạy nền ngừng hoạt động) nên không chạy lại nữa." in text
    assert "hx-trigger" not in text


def test_the_worker_heartbeats_only_the_job_it_runs(world, plans, monkeypatch):
    job = running_job(world, plans["draft"], attempts=1, seconds_ago=120)
    assert beat() is False
    monkeypatch.setattr(runner, "_current", (str(job.pk), 1))
    assert beat() is True
    job.refresh_from_db()
    assert timezone.now() - job.heartbeat_at < datetime.timedelta(seconds=5)


def test_a_run_whose_job_was_swept_stops_and_records_nothing(world, plans):
    """Given a run that lost its job to the sweeper (another run holds attempt 2), its progress raises JobLost."""
    job = running_job(world, plans["draft"], attempts=1, seconds_ago=0)
    ctx = runner.JobContext(Job.objects.get(pk=job.pk))
    Job.objects.filter(pk=job.pk).update(attempts=2)
    with pytest.raises(runner.JobLost):
        ctx.progress("Ghi tệp", 90)
    job.refresh_from_db()
    assert job.step == "Dựng nội dung"
