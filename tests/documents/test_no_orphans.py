"""A render never outlives the process that asked for it (finding 2 of issue 15).

gunicorn kills a worker that overruns its timeout; before the fix its render child went on
burning a core for minutes. Here a stand-in worker starts a long render and is killed with
SIGKILL: the forkserver and the render child must go with it.
"""

import contextlib
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

pytestmark = pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="needs Linux /proc")

WORKER = """
from danvan.documents import Limits, html_to_pdf_limited

if __name__ == "__main__":
    paragraph = "<p>Vận động Nhân dân tham gia bảo vệ môi trường, trồng, chăm sóc cây xanh trên địa bàn xã.</p>"
    html = '<html><head><link rel="stylesheet" href="css/print.css"></head><body>' + paragraph * 40000 + "</body></html>"
    html_to_pdf_limited(html, limits=Limits(timeout_seconds=300, memory_mb=4096, max_html_bytes=10**8))
"""


def children_of() -> dict[int, list[int]]:
    """Return every live process id -> the ids of its children, read from /proc."""
    tree: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        fields = stat.rsplit(")", 1)[1].split()
        tree.setdefault(int(fields[1]), []).append(int(entry.name))
    return tree


def descendants(pid: int) -> set[int]:
    tree, found, pending = children_of(), set(), [pid]
    while pending:
        for child in tree.get(pending.pop(), []):
            if child not in found:
                found.add(child)
                pending.append(child)
    return found


def render_children(worker: int) -> set[int]:
    """Return the processes forked by the worker's forkserver: they share its command line."""
    found = set()
    for server in descendants(worker):
        for child in descendants(server):
            try:
                if b"multiprocessing.forkserver" in Path(f"/proc/{child}/cmdline").read_bytes():
                    found.add(child)
            except OSError:
                continue
    return found


def alive(pid: int) -> bool:
    """Return whether `pid` still runs (a zombie waiting for its reaper does not)."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False
    return stat.rsplit(")", 1)[1].split()[0] not in {"Z", "X"}


def test_killing_the_worker_mid_render_leaves_no_render_process(tmp_path):
    """Given a worker whose render child is laying out a long document, when the worker is killed with
    SIGKILL, then its forkserver and its render child are gone within seconds."""
    script = tmp_path / "worker.py"
    script.write_text(WORKER, encoding="utf-8")
    worker = subprocess.Popen([sys.executable, str(script)], cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT)})
    started: set[int] = set()
    try:
        # The render child is forked by the forkserver; wait until one has run for a second (finding the
        # library paths at the forkserver's start forks short-lived processes with the same command line).
        deadline, seen = time.monotonic() + 120, set()
        while time.monotonic() < deadline and not (seen & render_children(worker.pid)):
            assert worker.poll() is None, "the stand-in worker ended before its render started"
            seen = render_children(worker.pid)
            time.sleep(1)
        started = descendants(worker.pid)
        assert seen & render_children(worker.pid), "no render child appeared"
        worker.send_signal(signal.SIGKILL)
        worker.wait(10)
        deadline = time.monotonic() + 15
        while time.monotonic() < deadline and any(alive(pid) for pid in started):
            time.sleep(0.2)
        assert not [pid for pid in started if alive(pid)], "render processes outlived their worker"
    finally:
        for pid in [*started, worker.pid]:
            with contextlib.suppress(OSError):
                os.kill(pid, signal.SIGKILL)
