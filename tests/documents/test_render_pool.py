"""Each worker keeps a warm render child, and every render still runs under its own limits (issue 19).

A download waited for a child to start, re-run the worker's main script and load its fonts:
3.7 times a bare WeasyPrint render of the same 5-page plan. A warm child does that before it
is asked; it still renders one document and exits, so a child over its limit is killed and
the next render takes its replacement.
"""

import logging
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from danvan import documents
from danvan.document_budget import interactive
from danvan.document_child import WARM_UP_HTML, cpu_limit, warm_fonts
from danvan.document_pool import render_pool
from danvan.documents import BACKGROUND_NICENESS, DocumentTooLargeError, Limits, html_to_pdf, html_to_pdf_limited
from tests.documents.test_render_limits import huge_html

ROOT = Path(__file__).resolve().parents[2]
LIMITS = Limits(timeout_seconds=60, memory_mb=2048, max_html_bytes=10**8)


class Person:
    pk = 941


@pytest.fixture
def pool(settings, tmp_path):
    """The real forkserver's pool, one warm child idle."""
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.DOCUMENT_RENDER_POOL = 1
    documents.start_pool()
    return render_pool(documents._context())


@pytest.fixture
def renders(caplog):
    """The log records of finished renders (warm or cold child, niceness)."""
    caplog.set_level(logging.INFO, logger="danvan.documents")
    return lambda: [record for record in caplog.records if hasattr(record, "render_seconds")]


def idle_child(pool, *, other_than=(), seconds=30) -> int:
    """Wait until the pool has an idle child not in `other_than`; return its pid."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        fresh = [pid for pid in pool.idle_pids() if pid not in other_than]
        if fresh:
            return fresh[0]
        time.sleep(0.05)
    raise AssertionError("the pool did not start a warm child")


def gone(pid: int, seconds=10) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
        except OSError:
            return True
        if state in {"Z", "X"}:
            return True
        time.sleep(0.05)
    return False


def test_a_render_takes_the_warm_child_and_a_replacement_follows(pool, renders):
    """Given a warm child waiting, a render is laid out by it, and once done another warm child waits."""
    warm = idle_child(pool)
    assert html_to_pdf_limited(huge_html(2), limits=LIMITS).startswith(b"%PDF-")
    assert renders()[-1].warm is True
    assert gone(warm), "a child renders once and exits"
    idle_child(pool, other_than={warm})


def test_a_warm_child_over_its_cpu_limit_is_killed_and_the_next_render_is_served(pool, renders):
    """Given a warm child that has spent CPU on its warm-up, a render over its CPU limit still ends with the
    Vietnamese message, the child is gone, and the next render is served by a fresh warm child."""
    warm = idle_child(pool)
    tight = Limits(timeout_seconds=1, memory_mb=2048, max_html_bytes=10**8, wall_seconds=120)
    with pytest.raises(DocumentTooLargeError) as raised:
        html_to_pdf_limited(huge_html(), limits=tight)
    assert "quá 1 giây xử lý" in raised.value.message
    assert gone(warm)
    idle_child(pool, other_than={warm})
    assert html_to_pdf_limited(huge_html(2), limits=LIMITS).startswith(b"%PDF-")
    assert renders()[-1].warm is True


def test_a_warm_child_over_its_memory_is_stopped_and_replaced(pool):
    warm = idle_child(pool)
    with pytest.raises(DocumentTooLargeError):
        html_to_pdf_limited(huge_html(), limits=Limits(timeout_seconds=60, memory_mb=150, max_html_bytes=10**8))
    assert gone(warm)
    idle_child(pool, other_than={warm})


def test_a_warm_child_that_died_while_idle_is_not_used(pool, renders):
    """Given the idle child killed from outside, the next render still gets its PDF."""
    warm = idle_child(pool)
    os.kill(warm, signal.SIGKILL)
    assert gone(warm)
    assert html_to_pdf_limited(huge_html(2), limits=LIMITS).startswith(b"%PDF-")
    idle_child(pool, other_than={warm})


def test_a_warm_child_runs_a_download_at_the_worker_priority_and_a_job_niced(pool, renders):
    own = os.nice(0)
    idle_child(pool)
    with interactive(Person(), seconds=60):  # a document of its own: no finished render of another test to join
        html_to_pdf_limited(huge_html(2).replace("<body>", "<body><p>Mức ưu tiên</p>"), limits=LIMITS)
    assert (renders()[-1].warm, renders()[-1].niceness) == (True, own)
    idle_child(pool)
    html_to_pdf_limited(huge_html(3), limits=LIMITS)
    assert (renders()[-1].warm, renders()[-1].niceness) == (True, min(19, own + BACKGROUND_NICENESS))


def test_without_a_pool_every_render_starts_a_cold_child(settings, tmp_path, renders):
    settings.DOCUMENT_RENDER_POOL = 0
    assert html_to_pdf_limited(huge_html(2), limits=LIMITS).startswith(b"%PDF-")
    assert renders()[-1].warm is False
    assert render_pool(documents._context()).idle_pids() == []


def test_the_cpu_limit_counts_from_the_start_of_the_render():
    """A warm child has spent CPU before its job: the render still gets all of its seconds."""
    used = time.process_time()  # this test process has spent seconds already
    soft, hard = cpu_limit(5)
    assert soft - used >= 5 and hard == soft + 1


def test_the_document_templates_are_compiled_once_per_worker():
    """Rendering a plan's template again reuses the compiled template (Django's cached loader)."""
    from django.template import engines
    from django.template.loaders.cached import Loader

    engine = engines["django"].engine
    assert isinstance(engine.template_loaders[0], Loader)
    assert engine.get_template("plans/print/plan.html") is engine.get_template("plans/print/plan.html")


def test_the_warm_font_configuration_prints_the_same_bytes():
    """Reusing the warm child's fonts changes nothing in the printed PDF."""
    html = huge_html(40).replace("<body>", '<body><p class="bold">Kế hoạch</p><p><i>nghiêng</i></p>')
    assert html_to_pdf(html, font_config=warm_fonts()) == html_to_pdf(html)
    assert html_to_pdf(WARM_UP_HTML)


MAIN_SCRIPT = """
import os
from pathlib import Path

with open(os.environ["MARKS"], "a") as marks:  # outside the guard: runs each time the script is imported
    marks.write(f"{os.getpid()}\\n")

if __name__ == "__main__":
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "danvan.settings_test")
    django.setup()
    from danvan.documents import Limits, html_to_pdf_limited

    for _ in range(2):
        assert html_to_pdf_limited("<p>Kế hoạch</p>", limits=Limits(60, 2048, 10**6)).startswith(b"%PDF-")
"""


def test_render_children_do_not_run_the_main_script_again(tmp_path):
    """Given a script that renders twice, its top level runs once: not again in the forkserver's children."""
    script, marks = tmp_path / "script.py", tmp_path / "marks"
    script.write_text(MAIN_SCRIPT, encoding="utf-8")
    environ = {**os.environ, "PYTHONPATH": str(ROOT), "MARKS": str(marks)}
    subprocess.run([sys.executable, str(script)], cwd=ROOT, env=environ, check=True, timeout=120)
    assert len(marks.read_text().split()) == 1


KILLED_SCRIPT = """
import os

if __name__ == "__main__":
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "danvan.settings_test")
    django.setup()
    from danvan.documents import DocumentTooLargeError, Limits, html_to_pdf_limited
    from tests.documents.test_render_limits import huge_html

    try:
        html_to_pdf_limited(huge_html(), limits=Limits(timeout_seconds=1, memory_mb=2048, max_html_bytes=10**8))
    except DocumentTooLargeError:
        pass
"""


def test_a_child_killed_by_its_limit_leaves_no_font_copies_behind(tmp_path):
    """Given a render stopped by its CPU limit, once the worker ends its temporary folder holds nothing."""
    script, temporary = tmp_path / "script.py", tmp_path / "tmp"
    script.write_text(KILLED_SCRIPT, encoding="utf-8")
    temporary.mkdir()
    environ = {**os.environ, "PYTHONPATH": str(ROOT), "TMPDIR": str(temporary)}
    subprocess.run([sys.executable, str(script)], cwd=ROOT, env=environ, check=True, timeout=120)
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and list(temporary.iterdir()):
        time.sleep(0.1)  # the forkserver removes its folder as it leaves, just after the worker
    assert list(temporary.iterdir()) == []
