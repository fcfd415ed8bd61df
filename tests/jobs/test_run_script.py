"""`make run` (scripts/run.sh): the web server and the worker start together and stop together."""

import os
import signal
import subprocess
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

# Stands in for Python: records which command it runs, then waits like a server would.
FAKE_PYTHON = """#!/usr/bin/env bash
echo $$ > "$RUN_TEST_DIR/$2.pid"
exec sleep 600
"""


def start(tmp_path: Path) -> subprocess.Popen:
    python = tmp_path / "python"
    python.write_text(FAKE_PYTHON)
    python.chmod(0o755)
    process = subprocess.Popen(
        [str(ROOT / "scripts" / "run.sh"), str(python), "127.0.0.1:0"],
        cwd=ROOT,
        env={**os.environ, "RUN_TEST_DIR": str(tmp_path)},
        start_new_session=True,
    )
    deadline = time.monotonic() + 20
    while not all((tmp_path / f"{name}.pid").exists() for name in ("db_worker", "runserver")):
        assert time.monotonic() < deadline, "both processes start"
        time.sleep(0.05)
    return process


def alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return True


def pids(tmp_path: Path) -> list[int]:
    return [int((tmp_path / f"{name}.pid").read_text()) for name in ("db_worker", "runserver")]


def wait_gone(process_pids: list[int]) -> bool:
    deadline = time.monotonic() + 10
    while any(alive(pid) for pid in process_pids) and time.monotonic() < deadline:
        time.sleep(0.05)
    return not any(alive(pid) for pid in process_pids)


def test_ctrl_c_stops_the_server_and_the_worker(tmp_path):
    process = start(tmp_path)
    os.kill(process.pid, signal.SIGINT)
    process.wait(timeout=10)
    assert wait_gone(pids(tmp_path))


def test_a_worker_that_dies_takes_the_server_down_with_it(tmp_path):
    """Never a portal whose jobs silently wait forever: if the worker ends, run.sh stops and says so by exiting."""
    process = start(tmp_path)
    worker, server = pids(tmp_path)
    os.kill(worker, signal.SIGKILL)
    process.wait(timeout=10)
    assert wait_gone([server])
