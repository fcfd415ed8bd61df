"""Starting jobs: one row per piece of work, joined rather than repeated when the same work is asked again."""

import logging
from typing import Any

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import IntegrityError, transaction
from django.db.models import Model

from danvan.jobs.models import ACTIVE_STATUSES, Job, JobStatus
from danvan.jobs.registry import get_kind

logger = logging.getLogger(__name__)


def start_job(
    kind: str,
    *,
    target: Model | None = None,
    user=None,
    key: str = "",
    params: dict[str, Any] | None = None,
) -> Job:
    """Return the job doing `kind` for `target` under `key`, starting it when none is waiting, running or done.

    Idempotent by `key`: a waiting or running job with the key is joined; a finished one with a result is
    returned as is; a failed one is started afresh. The job is handed to the task backend after the
    current transaction commits (the row commits with the change that asked for it).
    """
    job_kind = get_kind(kind)
    if key:
        existing = _existing(key)
        if existing is not None:
            return existing
    fields = {
        "kind": kind,
        "key": key,
        "requested_by": user if getattr(user, "is_authenticated", False) else None,
        "params": params or {},
        "max_attempts": job_kind.max_attempts or settings.JOBS_MAX_ATTEMPTS,
    }
    if target is not None:
        fields["target_type"] = ContentType.objects.get_for_model(target)
        fields["target_id"] = str(target.pk)
    try:
        with transaction.atomic():
            job = Job.objects.create(**fields)
    except IntegrityError:
        # Someone started the same key between our look and our write: join theirs.
        existing = _existing(key) if key else None
        if existing is None:
            raise
        return existing
    enqueue_on_commit(job)
    return job


def _existing(key: str) -> Job | None:
    jobs = Job.objects.filter(key=key)
    active = jobs.filter(status__in=ACTIVE_STATUSES).first()
    if active is not None:
        return active
    return jobs.filter(status=JobStatus.DONE).order_by("-finished_at").first()


def enqueue_on_commit(job: Job) -> None:
    """Hand `job` to the task backend once the current transaction commits (at once outside one)."""
    job_id = str(job.pk)
    transaction.on_commit(lambda: enqueue(job_id))


def enqueue(job_id: str) -> None:
    """Hand the job `job_id` to the task backend and note the backend's id on the row.

    A failed enqueue leaves the job waiting with no task id; the sweeper hands it over again.
    """
    from danvan.jobs.runner import run_job

    try:
        result = run_job.enqueue(job_id)
    except Exception:
        logger.exception("Could not hand job %s to the task backend; the sweeper will retry", job_id)
        return
    Job.objects.filter(pk=job_id, task_id="").update(task_id=str(result.id))
