"""A real worker (`manage.py db_worker`) killed with SIGKILL mid-job: the sweeper requeues the job, a new
worker finishes it, and its side effect happens exactly once. Runs on SQLite and on PostgreSQL."""

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.db import connection
from django.test import override_settings

from danvan.jobs import Job, JobStatus, start_job
from danvan.models import AuditEntry

pytestmark = pytest.mark.django_db(transaction=True)

ROOT = Path(__file__).resolve().parents[2]
DB_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}


def database_url(folder: Path) -> str:
    """Return a URL the worker processes can open: the test database itself on PostgreSQL, a copy on SQLite
    (the SQLite test database lives in this process's memory)."""
    settings = connection.settings_dict
    if connection.vendor == "postgresql":
        return (
            f"postgres://{settings['USER']}:{settings['PASSWORD']}@{settings['HOST'] or 'localhost'}:"
            f"{settings['PORT'] or 5432}/{settings['NAME']}"
        )
    copy = folder / "worker.sqlite3"
    connection.ensure_connection()
    with sqlite3.connect(copy) as target:
        connection.connection.backup(target)
    return f"sqlite:///{copy}"


def read_back(url: str) -> None:
    """On SQLite, load what the workers wrote into the test database."""
    if url.startswith("sqlite:///"):
        with sqlite3.connect(url.removeprefix("sqlite:///")) as source:
            source.backup(connection.connection)


def manage(*args: str, url: str, folder: Path) -> subprocess.Popen:
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "danvan.settings_test",
        "DATABASE_URL": url,
        "TASKS_BACKEND": "db",
        "MEDIA_ROOT": str(folder / "media"),
        "JOBS_HEARTBEAT_SECONDS": "0.2",
        "JOBS_SWEEP_SECONDS": "3600",  # the test sweeps by itself, at a known moment
    }
    return subprocess.Popen(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT
    )


def wait_for(path: Path, process: subprocess.Popen, timeout: float = 90) -> None:
    deadline = time.monotonic() + timeout
    while not path.exists():
        if process.poll() is not None:
            pytest.fail(f"worker exited early: {process.stdout.read().decode()}")
        if time.monotonic() > deadline:
            process.kill()
            pytest.fail(f"{path.name} never appeared: {process.stdout.read().decode()}")
        time.sleep(0.1)


def test_job_of_a_killed_worker_is_finished_once_by_the_next(tmp_path):
    with override_settings(TASKS=DB_TASKS):
        job = start_job("test_blocking", params={"folder": str(tmp_path)})
    first_task = Job.objects.get(pk=job.pk).task_id
    assert first_task, "the job was handed to the database queue"
    url = database_url(tmp_path)
    worker_args = ["db_worker", "--no-reload", "--no-startup-delay", "--interval", "0.1"]

    # Given a worker running the job, when it is killed outright,
    worker = manage(*worker_args, url=url, folder=tmp_path)
    wait_for(tmp_path / "started-1", worker)
    os.kill(worker.pid, signal.SIGKILL)
    worker.wait(timeout=30)

    # then the sweeper requeues it,
    sweep = manage("sweep_jobs", "--stale-after", "0", url=url, folder=tmp_path)
    output = sweep.communicate(timeout=120)[0].decode()
    assert sweep.returncode == 0, output
    assert "Đã chạy lại 1 việc" in output

    # and a new worker finishes it.
    (tmp_path / "release").touch()
    second = manage(*worker_args, "--batch", url=url, folder=tmp_path)
    output = second.communicate(timeout=120)[0].decode()
    assert second.returncode == 0, output

    read_back(url)
    job.refresh_from_db()
    assert (job.status, job.attempts, job.outcome) == (JobStatus.DONE, 2, {"attempt": 2})
    assert AuditEntry.objects.filter(summary=f"side effect of job {job.pk}").count() == 1
    from django_tasks_db.models import DBTaskResult

    assert DBTaskResult.objects.get(pk=first_task).status == "FAILED"  # not left "running" forever
