"""Stale-job recovery: a job whose worker stopped heartbeating (killed, out of memory, machine lost) is
requeued, up to its `max_attempts`, then failed with a message the person sees.

Run by `manage.py sweep_jobs` (cron or systemd timer) and by every worker's housekeeping thread.
"""

import datetime
import logging
from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from danvan.jobs.models import Job, JobStatus
from danvan.jobs.services import enqueue_on_commit

logger = logging.getLogger(__name__)

REQUEUED_STEP = "Máy chạy nền dừng giữa chừng; đang chờ chạy lại (lần {attempt}/{max_attempts})"
GAVE_UP_MESSAGE = (
    "Việc bị dừng giữa chừng {attempts} lần (máy chạy nền ngừng hoạt động) nên không chạy lại nữa. "
    "Xin thử lại sau hoặc báo quản trị viên."
)


@dataclass
class SweepRun:
    requeued: int = 0
    failed: int = 0
    handed_over: int = 0  # waiting jobs that never reached the task backend


def sweep_jobs(*, now: datetime.datetime | None = None, stale_after: float | None = None) -> SweepRun:
    """Requeue or fail every running job not heartbeaten for `stale_after` seconds (JOBS_STALE_SECONDS)."""
    now = now or timezone.now()
    stale_after = settings.JOBS_STALE_SECONDS if stale_after is None else stale_after
    before = now - datetime.timedelta(seconds=stale_after)
    run = SweepRun()
    for job in Job.objects.stale(before).order_by("heartbeat_at"):
        with transaction.atomic():
            mine = Job.objects.filter(pk=job.pk, status=JobStatus.RUNNING, heartbeat_at=job.heartbeat_at)
            if job.attempts < job.max_attempts:
                step = REQUEUED_STEP.format(attempt=job.attempts + 1, max_attempts=job.max_attempts)
                if mine.update(status=JobStatus.QUEUED, step=step, task_id=""):
                    _drop_task_result(job.task_id)
                    enqueue_on_commit(job)
                    run.requeued += 1
                    logger.warning("Requeued stale job %s (%s) after attempt %s", job.pk, job.kind, job.attempts)
            elif mine.update(
                status=JobStatus.FAILED, message=GAVE_UP_MESSAGE.format(attempts=job.attempts), finished_at=now
            ):
                _drop_task_result(job.task_id)
                run.failed += 1
                logger.error("Gave up on job %s (%s) after %s attempts", job.pk, job.kind, job.attempts)
    lost = Job.objects.filter(status=JobStatus.QUEUED, task_id="", created_at__lt=before)
    for job in lost:
        enqueue_on_commit(job)
        run.handed_over += 1
    return run


def _drop_task_result(task_id: str) -> None:
    """Mark the database backend's row of a dead worker's task as failed, so it does not look running forever.

    django-tasks-db's worker never revisits a RUNNING row; the Job row is requeued with a new task instead.
    """
    if not task_id or "django_tasks_db" not in settings.INSTALLED_APPS:
        return
    from django_tasks_db.models import DBTaskResult

    DBTaskResult.objects.filter(pk=task_id, status="RUNNING").update(
        status="FAILED",
        finished_at=timezone.now(),
        exception_class_path="danvan.jobs.sweeper.WorkerLost",
        traceback="The worker stopped heartbeating; the job was swept (danvan.jobs.sweeper).",
    )
