"""Running one job in a worker: claim the row, call the kind's function with a JobContext, record the end.

The task backend (django-tasks) carries only the job's id; the Job row says whether there is still work
to do, so a task delivered twice (a requeue after a killed worker, a retried enqueue) runs the work once.
"""

import logging
import mimetypes
import threading
import time
from pathlib import PurePath

from django.conf import settings
from django.core.files.base import ContentFile
from django.db.models import F
from django.utils import timezone
from django_tasks import task

from danvan.jobs.models import Job, JobStatus
from danvan.jobs.registry import get_kind

logger = logging.getLogger(__name__)

UNEXPECTED_ERROR = "Có lỗi ngoài dự kiến khi thực hiện việc này; quản trị viên đã được ghi nhận lỗi. Xin thử lại sau."

# The job this process is running, for the worker's heartbeat thread: (job id, attempt) or None.
_current: tuple[str, int] | None = None
_current_lock = threading.Lock()


def current_job() -> tuple[str, int] | None:
    with _current_lock:
        return _current


def _set_current(value: tuple[str, int] | None) -> None:
    global _current
    with _current_lock:
        _current = value


class JobFailed(Exception):
    """Raised by a job function to end the job cleanly with a Vietnamese message shown to the person."""


class JobLost(Exception):
    """The job was taken away from this run (swept as stale, or ended elsewhere): stop working on it."""


class JobContext:
    """What a job function uses to report progress and hand back its result."""

    def __init__(self, job: Job):
        self.job = job
        self.attempt = job.attempts
        self._last_write = 0.0
        self._last_step = job.step

    def _mine(self):
        return Job.objects.filter(pk=self.job.pk, status=JobStatus.RUNNING, attempts=self.attempt)

    def progress(self, step: str, percent: int | None = None) -> None:
        """Record the step (Vietnamese, shown to the person) and percent; writes are throttled.

        A new step is always written; the same step with a new percent at most every
        JOBS_PROGRESS_INTERVAL seconds. Raises JobLost when the job is no longer this run's.
        """
        percent = self.job.percent if percent is None else max(0, min(100, int(percent)))
        self.job.step, self.job.percent = step[:200], percent
        now = time.monotonic()
        if step == self._last_step and now - self._last_write < settings.JOBS_PROGRESS_INTERVAL:
            return
        self._last_step, self._last_write = step, now
        if not self._mine().update(step=self.job.step, percent=percent, heartbeat_at=timezone.now()):
            raise JobLost(str(self.job.pk))

    def attach(self, content: bytes, *, filename: str, content_type: str = "") -> None:
        """Keep `content` as the job's result file, downloaded under `filename`."""
        suffix = PurePath(filename).suffix.lower()[:10]
        self.job.result_file.save(f"{self.job.pk}{suffix}", ContentFile(content), save=False)
        self.job.result_name = filename[:200]
        self.job.result_content_type = content_type or mimetypes.guess_type(filename)[0] or "application/octet-stream"

    def done(self, *, url: str) -> None:
        """Give the job's result as a link (a page of the portal) instead of a file."""
        self.job.result_link = url[:500]


def _claim(job_id: str) -> Job | None:
    """Take a waiting job for this run; return None when it is not waiting (done, failed or taken)."""
    now = timezone.now()
    claimed = Job.objects.filter(pk=job_id, status=JobStatus.QUEUED).update(
        status=JobStatus.RUNNING, attempts=F("attempts") + 1, started_at=now, heartbeat_at=now, message=""
    )
    return Job.objects.get(pk=job_id) if claimed else None


def _finish(ctx: JobContext, **fields) -> bool:
    fields.setdefault("finished_at", timezone.now())
    return bool(ctx._mine().update(**fields))


def execute(job_id: str) -> Job | None:
    """Run the job `job_id` if it is waiting; return it as it ended (None when there was nothing to run)."""
    job = _claim(job_id)
    if job is None:
        logger.info("Job %s is not waiting; nothing to run", job_id)
        return None
    ctx = JobContext(job)
    _set_current((str(job.pk), job.attempts))
    try:
        outcome = get_kind(job.kind).func(job, ctx)
    except JobLost:
        logger.warning("Job %s was taken from this run (attempt %s)", job.pk, ctx.attempt)
        return None
    except JobFailed as error:
        _finish(ctx, status=JobStatus.FAILED, message=str(error)[:2000], step=job.step)
    except Exception:
        logger.exception("Job %s (%s) failed", job.pk, job.kind)
        _finish(ctx, status=JobStatus.FAILED, message=UNEXPECTED_ERROR, step=job.step)
    else:
        finished = _finish(
            ctx,
            status=JobStatus.DONE,
            percent=100,
            step=job.step,
            outcome=outcome if isinstance(outcome, dict) else {},
            result_file=job.result_file.name or "",
            result_name=job.result_name,
            result_content_type=job.result_content_type,
            result_link=job.result_link,
        )
        if not finished:
            logger.warning("Job %s finished after it was taken from this run; its end is not recorded", job.pk)
    finally:
        _set_current(None)
    job.refresh_from_db()
    return job


@task()
def run_job(job_id: str) -> str:
    """The one task every job goes through: the backend delivers the id, the Job row holds the rest."""
    job = execute(job_id)
    return job.status if job else "skipped"
