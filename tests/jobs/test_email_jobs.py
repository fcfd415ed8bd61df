"""Outgoing email goes through jobs: nothing is sent inside the request, a worker sends each message once."""

import datetime

import pytest
from django.core import mail
from django.core.mail import get_connection
from django.test import override_settings

from danvan.jobs import Job, JobStatus
from danvan.jobs.runner import execute
from models_registry import services
from tests.models_registry.conftest import TODAY

pytestmark = pytest.mark.django_db

DB_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}


@pytest.fixture
def campaign(world):
    return services.campaign_create(
        by=world.users["official"],
        name="Phong trào thi đua “Dân vận khéo” năm 2025",
        year=2025,
        registration_deadline=TODAY + datetime.timedelta(days=30),
        report_deadline=TODAY + datetime.timedelta(days=90),
    )


def test_campaign_reminders_leave_the_request_and_a_worker_sends_each_once(
    world, campaign, django_capture_on_commit_callbacks
):
    """Given the database queue, when an official reminds the units, then no email goes in the request;
    one job per unit waits, and running it (twice) sends the unit's email once."""
    world.department.people.update(email="vhxh@thuonghong.gov.vn")
    with override_settings(TASKS=DB_TASKS), django_capture_on_commit_callbacks(execute=True):
        services.campaign_remind(campaign=campaign, by=world.users["official"], units=[world.department])
    assert mail.outbox == []
    job = Job.objects.get(kind="campaign_reminder_email")
    assert job.status == JobStatus.QUEUED and job.task_id
    execute(str(job.pk))
    execute(str(job.pk))
    job.refresh_from_db()
    assert (job.status, job.outcome) == (JobStatus.DONE, {"addresses": 1})
    assert [message.to for message in mail.outbox] == [["vhxh@thuonghong.gov.vn"]]


def test_a_refusing_mail_server_fails_the_reminder_job_with_its_reason(
    world, campaign, settings, django_capture_on_commit_callbacks
):
    world.department.people.update(email="vhxh@thuonghong.gov.vn")
    settings.EMAIL_BACKEND = "tests.tasks.backends.RefusingBackend"
    with django_capture_on_commit_callbacks(execute=True):
        services.campaign_remind(campaign=campaign, by=world.users["official"], units=[world.department])
    job = Job.objects.get(kind="campaign_reminder_email")
    assert job.status == JobStatus.FAILED
    assert job.message.startswith(f"Không gửi được thư nhắc đăng ký tới {world.department.name}")


def test_smtp_waits_at_most_email_timeout(settings):
    """A silent mail server holds a worker for EMAIL_TIMEOUT seconds (10 by default), not forever."""
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    assert get_connection().timeout == settings.EMAIL_TIMEOUT == 10
