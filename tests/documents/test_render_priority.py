"""A download a person waits for lays out at the web worker's priority; a render nobody waits for is niced.

On a busy 2-core machine the niced child of an interactive download took 2.9x a bare WeasyPrint
render of the same HTML (issue 19): it waited behind every other process for the CPU.
"""

import multiprocessing
import os

import pytest

from danvan import documents
from danvan.document_budget import interactive
from danvan.documents import BACKGROUND_NICENESS, Limits, html_to_pdf_limited

LIMITS = Limits(timeout_seconds=60, memory_mb=2048, max_html_bytes=10**6)


class Person:
    pk = 931


def _report_niceness(html, stylesheets=()):
    """Stand in for layout in the child: answer with the child's niceness instead of a PDF."""
    return str(os.nice(0)).encode()


@pytest.fixture
def child_reports_niceness(monkeypatch, settings, tmp_path):
    """Fork children from this test process (so the stand-in applies) and keep lock files in tmp_path."""
    settings.MEDIA_ROOT = tmp_path / "media"
    monkeypatch.setattr(documents, "_context", lambda: multiprocessing.get_context("fork"))
    monkeypatch.setattr(documents, "html_to_pdf", _report_niceness)
    return os.nice(0)


def test_an_interactive_download_runs_at_the_worker_priority(child_reports_niceness):
    with interactive(Person(), seconds=30):
        niceness = int(html_to_pdf_limited("<p>Kế hoạch</p>", limits=LIMITS))
    assert niceness == child_reports_niceness


def test_a_render_outside_a_request_is_niced(child_reports_niceness):
    """Given no interactive budget (a background job, a script), the child yields the CPU."""
    niceness = int(html_to_pdf_limited("<p>Kế hoạch</p>", limits=LIMITS))
    assert niceness == min(19, child_reports_niceness + BACKGROUND_NICENESS)


def test_an_explicit_niceness_wins(child_reports_niceness):
    with interactive(Person(), seconds=30):
        niceness = int(html_to_pdf_limited("<p>Báo cáo</p>", limits=LIMITS, niceness=2))
    assert niceness == min(19, child_reports_niceness + 2)
