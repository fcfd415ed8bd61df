"""The shipped gunicorn.conf.py keeps a worker alive past the renderer's limits (finding 2 of issue 15).

gunicorn's default 30 s timeout was below the 60 s render limit: the worker was killed
mid-render, the client got an empty reply and the render went on, orphaned.
"""

import multiprocessing
import runpy
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def load(monkeypatch, **environ) -> dict:
    for name in ("DOCUMENT_RENDER_TIMEOUT", "DOCUMENT_RENDER_WALL_SECONDS", "GUNICORN_TIMEOUT", "GUNICORN_WORKERS"):
        monkeypatch.delenv(name, raising=False)
    for name, value in environ.items():
        monkeypatch.setenv(name, value)
    return runpy.run_path(str(ROOT / "gunicorn.conf.py"))


def test_the_timeout_is_above_the_render_wall_clock_limit(monkeypatch, settings):
    config = load(monkeypatch)
    assert config["timeout"] > settings.DOCUMENT_RENDER_WALL_SECONDS >= settings.DOCUMENT_RENDER_TIMEOUT
    assert config["timeout"] > 30  # gunicorn's default, which killed renders
    assert config["graceful_timeout"] > 0


@pytest.mark.parametrize(("cpu", "wall", "above"), [("120", "", 360), ("60", "400", 400)])
def test_the_timeout_follows_the_render_limits_of_the_environment(monkeypatch, cpu, wall, above):
    config = load(monkeypatch, DOCUMENT_RENDER_TIMEOUT=cpu, DOCUMENT_RENDER_WALL_SECONDS=wall)
    assert config["timeout"] > above


def test_workers_from_cores_access_log_to_stdout_and_heartbeat_in_memory(monkeypatch):
    config = load(monkeypatch)
    assert config["workers"] == 2 * multiprocessing.cpu_count() + 1
    assert config["accesslog"] == "-"
    if Path("/dev/shm").is_dir():
        assert config["worker_tmp_dir"] == "/dev/shm"


def test_the_readme_production_command_uses_it():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "gunicorn -c gunicorn.conf.py danvan.wsgi" in readme


def test_each_worker_starts_its_pdf_renderer_as_it_boots(monkeypatch):
    """The first download of a worker takes a warm render child instead of starting the renderer (issue 19)."""
    from danvan import documents

    started = []
    monkeypatch.setattr(documents, "start_pool", lambda: started.append(True))
    load(monkeypatch)["post_worker_init"](object())
    assert started == [True]
