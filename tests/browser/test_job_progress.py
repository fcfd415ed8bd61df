"""A job's progress in a real browser: the button starts it and is disabled meanwhile, the bar grows while a
worker runs the job, and the download link appears when it is done."""

import re
import threading

import pytest
from django.db import connections
from django.test import override_settings
from django_tasks_db.management.commands.db_worker import Worker

from tests.browser.conftest import login
from tests.factories import TEST_PASSWORD, PlanFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True), pytest.mark.urls("tests.jobs.urls")]

DB_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}


def run_worker_once():
    """Run django-tasks-db's worker loop until the queue is empty, in this process (the test database is here)."""
    try:
        Worker(
            queue_names=["default"],
            interval=0.1,
            batch=True,
            backend_name="default",
            startup_delay=False,
            max_tasks=None,
            worker_id="browser-test",
            excluded_queue_names=[],
        ).run()
    finally:
        connections.close_all()


def test_progress_bar_grows_and_ends_with_the_download(world, live_server, page, screenshot, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    plan = PlanFactory(issuing_unit=world.commune, created_by=world.users["official"], title="Kế hoạch dân vận 2026")
    with override_settings(TASKS=DB_TASKS):
        login(page, live_server, "canbo", TEST_PASSWORD)
        page.goto(f"{live_server.url}/try-job/{plan.pk}/")
        button = page.get_by_role("button", name="Tóm tắt kế hoạch")
        button.click()

        status = page.locator(".job-status")
        status.filter(has_text="Đang chờ máy chạy nền").wait_for()
        worker = threading.Thread(target=run_worker_once)
        worker.start()
        try:
            bar = page.locator(".job-progress .progress-bar")
            page.locator(".job-progress [role=progressbar][aria-valuenow='50']").wait_for()
            box = bar.bounding_box()
            track = page.locator(".job-progress .progress").bounding_box()
            assert box and box["width"] > 0.3 * track["width"], "the bar is drawn at about half"
            assert "Dựng nội dung – 50%" in status.inner_text()
            link = page.get_by_role("link", name=re.compile("Tải về Tóm tắt kế hoạch.txt"))
            link.wait_for()
            screenshot("job-progress-done")
            with page.expect_download() as download:
                link.click()
            assert download.value.suggested_filename.endswith(".txt")
        finally:
            worker.join(timeout=30)
