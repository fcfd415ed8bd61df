"""The same jobs on RQ (TASKS_BACKEND=rq, Redis on 127.0.0.1:6379): a real `manage.py rqworker` runs them, and a
worker killed with SIGKILL mid-job leaves it to the sweeper, after which the next worker finishes it once.

Skipped when Redis is unreachable, except on CI (CI=true), where Redis is part of the machine and its absence fails.
"""

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from django.test import override_settings

from danvan.jobs import Job, JobStatus, start_job
from danvan.models import AuditEntry
from tests.jobs.test_worker_kill import database_url, read_back, wait_for
from tests.shared_state.conftest import unavailable

pytestmark = pytest.mark.django_db(transaction=True)

ROOT = Path(__file__).resolve().parents[2]
RQ_REDIS_URL = os.environ.get("TEST_RQ_REDIS_URL", "redis://127.0.0.1:6379/14")
RQ_SETTINGS = {
    "TASKS": {"default": {"BACKEND": "django_tasks_rq.RQBackend", "QUEUES": ["default"]}},
    "RQ_QUEUES": {"default": {"URL": RQ_REDIS_URL}},
}


@pytest.fixture
def rq_redis():
    """Reach Redis and empty the queue's database before and after."""
    import redis

    connection = redis.Redis.from_url(RQ_REDIS_URL)
    try:
        connection.ping()
    except redis.ConnectionError:
        unavailable(f"Redis is not reachable at {RQ_REDIS_URL}")
    connection.flushdb()
    yield connection
    connection.flushdb()


def manage(*args: str, url: str, folder: Path) -> subprocess.Popen:
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "danvan.settings_test",
        "DATABASE_URL": url,
        "TASKS_BACKEND": "rq",
        "REDIS_URL": "",
        "RQ_REDIS_URL": RQ_REDIS_URL,
        "MEDIA_ROOT": str(folder / "media"),
        "JOBS_HEARTBEAT_SECONDS": "0.2",
        "JOBS_SWEEP_SECONDS": "3600",  # the test sweeps by itself, at a known moment
    }
    return subprocess.Popen(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT
    )


def test_an_rq_worker_runs_the_job_and_a_killed_ones_job_is_finished_once(rq_redis, tmp_path):
    with override_settings(**RQ_SETTINGS):
        job = start_job("test_blocking", params={"folder": str(tmp_path)})
    first_task = Job.objects.get(pk=job.pk).task_id
    assert first_task and rq_redis.exists(f"rq:job:{first_task}"), "the job was handed to RQ"
    url = database_url(tmp_path)

    # Given an RQ worker running the job, when it is killed outright,
    worker = manage("rqworker", url=url, folder=tmp_path)
    wait_for(tmp_path / "started-1", worker)
    os.kill(worker.pid, signal.SIGKILL)
    worker.wait(timeout=30)

    # then the sweeper hands the job to RQ again,
    sweep = manage("sweep_jobs", "--stale-after", "0", url=url, folder=tmp_path)
    output = sweep.communicate(timeout=120)[0].decode()
    assert sweep.returncode == 0, output
    assert "Đã chạy lại 1 việc" in output

    # and the next worker finishes it, once.
    (tmp_path / "release").touch()
    second = manage("rqworker", "--burst", url=url, folder=tmp_path)
    output = second.communicate(timeout=120)[0].decode()
    assert second.returncode == 0, output

    read_back(url)
    job.refresh_from_db()
    assert (job.status, job.attempts, job.outcome) == (JobStatus.DONE, 2, {"attempt": 2})
    assert job.task_id != first_task
    assert AuditEntry.objects.filter(summary=f"side effect of job {job.pk}").count() == 1


def test_rqworker_refuses_to_run_without_the_rq_queue(tmp_path):
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "danvan.settings_test", "TASKS_BACKEND": "db"}
    result = subprocess.run(
        [sys.executable, "manage.py", "rqworker", "--burst"], cwd=ROOT, env=env, capture_output=True, timeout=120
    )
    assert result.returncode != 0
    assert "TASKS_BACKEND=rq" in result.stderr.decode()
