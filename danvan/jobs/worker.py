"""What each worker process adds to django-tasks-db's loop: a housekeeping thread that heartbeats the job
this process runs and sweeps stale jobs of other (dead) workers now and then."""

import logging
import threading
import time

from django.conf import settings
from django.db import connections
from django.utils import timezone

from danvan.jobs.models import Job, JobStatus
from danvan.jobs.runner import current_job
from danvan.jobs.sweeper import sweep_jobs

logger = logging.getLogger(__name__)


def beat() -> bool:
    """Write the heartbeat of the job this process is running; return whether there was one."""
    current = current_job()
    if current is None:
        return False
    job_id, attempt = current
    Job.objects.filter(pk=job_id, status=JobStatus.RUNNING, attempts=attempt).update(heartbeat_at=timezone.now())
    return True


class Housekeeper(threading.Thread):
    """Heartbeat every JOBS_HEARTBEAT_SECONDS, sweep every JOBS_SWEEP_SECONDS, until stopped."""

    def __init__(self):
        super().__init__(name="jobs-housekeeper", daemon=True)
        self._stopped = threading.Event()
        self._last_sweep = 0.0

    def stop(self) -> None:
        self._stopped.set()

    def run(self) -> None:
        while not self._stopped.is_set():
            try:
                beat()
                if time.monotonic() - self._last_sweep >= settings.JOBS_SWEEP_SECONDS:
                    self._last_sweep = time.monotonic()
                    sweep_jobs()
            except Exception:  # a database hiccup must not end the thread; the next round tries again
                logger.exception("Job housekeeping failed")
            finally:
                connections.close_all()
            self._stopped.wait(settings.JOBS_HEARTBEAT_SECONDS)
