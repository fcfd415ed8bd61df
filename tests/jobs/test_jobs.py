"""Starting, joining and running jobs through the immediate backend, and what their pages show."""

import pytest
from django.urls import reverse

from danvan.jobs import Job, JobStatus, start_job
from danvan.jobs.runner import UNEXPECTED_ERROR, execute
from tests.conftest import client_for

pytestmark = pytest.mark.django_db


@pytest.fixture
def plan(plans):
    return plans["draft"]


def test_start_job_runs_it_and_keeps_the_result_file(world, plan, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        job = start_job("test_plan_summary", target=plan, user=world.users["official"], key=f"summary:{plan.pk}")
    job.refresh_from_db()
    assert job.status == JobStatus.DONE
    assert (job.percent, job.step, job.attempts) == (100, "Ghi tệp", 1)
    assert job.outcome == {"characters": len(plan.title)}
    assert job.result_file.read() == f"{plan.title}\n".encode()
    assert job.result_url() == reverse("jobs:job_download", args=[job.pk])
    assert job.task_id


def test_same_key_while_waiting_joins_the_job(world, plan, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        first = start_job("test_plan_summary", target=plan, user=world.users["official"], key="k")
        second = start_job("test_plan_summary", target=plan, user=world.users["leader"], key="k")
    assert second.pk == first.pk
    assert Job.objects.count() == 1
    assert len(callbacks) == 1  # handed to the backend once


def test_same_key_after_done_returns_the_result_without_running_again(world, plan, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        first = start_job("test_plan_summary", target=plan, key="k")
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        again = start_job("test_plan_summary", target=plan, key="k")
    again.refresh_from_db()
    assert again.pk == first.pk and again.attempts == 1
    assert callbacks == []


def test_same_key_after_failure_starts_afresh(world, plan, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        failed = start_job("test_failing", target=plan, key="k")
    with django_capture_on_commit_callbacks(execute=True):
        retried = start_job("test_failing", target=plan, key="k")
    assert retried.pk != failed.pk
    assert Job.objects.filter(key="k", status=JobStatus.FAILED).count() == 2


def test_a_clean_failure_keeps_its_vietnamese_message_and_step(world, plan, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        job = start_job("test_failing", target=plan, user=world.users["official"])
    job.refresh_from_db()
    assert (job.status, job.step, job.message) == (
        JobStatus.FAILED,
        "Kiểm tra tệp",
        "Tệp không đọc được: thiếu trang 3.",
    )
    page = client_for(world.users["official"]).get(job.get_absolute_url())
    assert "Tệp không đọc được: thiếu trang 3." in page.content.decode()


def test_a_bug_fails_the_job_with_a_plain_message(world, plan, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        job = start_job("test_crashing", target=plan)
    job.refresh_from_db()
    assert (job.status, job.message) == (JobStatus.FAILED, UNEXPECTED_ERROR)


def test_a_job_runs_once_however_often_it_is_delivered(world, plan, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        job = start_job("test_plan_summary", target=plan)
    assert execute(str(job.pk)) is None  # a second delivery finds nothing waiting
    job.refresh_from_db()
    assert job.attempts == 1


def test_progress_fragment_polls_while_running_and_stops_when_done(world, plan, django_capture_on_commit_callbacks):
    client = client_for(world.users["official"])
    with django_capture_on_commit_callbacks(execute=False):
        job = start_job("test_plan_summary", target=plan, user=world.users["official"])
    Job.objects.filter(pk=job.pk).update(status=JobStatus.RUNNING, step="Dựng nội dung", percent=50)
    running = client.get(job.get_absolute_url(), headers={"HX-Request": "true"}).content.decode()
    assert 'hx-trigger="every 1s' in running and 'aria-valuenow="50"' in running
    assert "Dựng nội dung – 50%" in running and "<html" not in running
    Job.objects.filter(pk=job.pk).update(status=JobStatus.DONE, percent=100)
    done = client.get(job.get_absolute_url(), headers={"HX-Request": "true"}).content.decode()
    assert "hx-trigger" not in done and "Đã xong" in done


def test_the_boxs_own_poll_updates_bar_and_status_in_place_and_ends_with_286(
    world, plan, django_capture_on_commit_callbacks
):
    """The status paragraph is a live region that stays in the page: a poll swaps its content, not the element."""
    client = client_for(world.users["official"])
    with django_capture_on_commit_callbacks(execute=False):
        job = start_job("test_plan_summary", target=plan, user=world.users["official"])
    poll = {"HX-Request": "true", "HX-Target": f"job-{job.pk}"}
    Job.objects.filter(pk=job.pk).update(status=JobStatus.RUNNING, step="Dựng nội dung", percent=50)
    running = client.get(job.get_absolute_url(), headers=poll)
    assert running.status_code == 200
    assert f'id="job-{job.pk}-status" class="mb-0 job-status" aria-live="polite" hx-swap-oob="innerHTML"' in (
        running.content.decode()
    )
    Job.objects.filter(pk=job.pk).update(status=JobStatus.FAILED, message="Tệp hỏng.")
    failed = client.get(job.get_absolute_url(), headers=poll)
    assert failed.status_code == 286 and "Tệp hỏng." in failed.content.decode()


def test_full_page_for_a_plain_request(world, plan, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        job = start_job("test_plan_summary", target=plan, user=world.users["official"])
    page = client_for(world.users["official"]).get(job.get_absolute_url()).content.decode()
    assert "<html" in page and "Tải về Tóm tắt kế hoạch.txt" in page


@pytest.mark.parametrize(
    ("role", "status"),
    [("official", 200), ("leader", 200), ("supervisor", 404), ("no_workplace", 404)],
)
def test_download_only_for_those_who_see_the_target(world, plans, role, status, django_capture_on_commit_callbacks):
    """A draft plan is its commune's: the supervisor of the city does not see it, so not its job either."""
    with django_capture_on_commit_callbacks(execute=True):
        job = start_job("test_plan_summary", target=plans["draft"], user=world.users["official"])
    response = client_for(world.users[role]).get(reverse("jobs:job_download", args=[job.pk]))
    assert response.status_code == status
    if status == 200:
        assert b"".join(response.streaming_content) == f"{plans['draft'].title}\n".encode()
        assert "attachment" in response["Content-Disposition"]


def test_job_without_target_is_seen_only_by_who_asked(world, tmp_path, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False):
        job = start_job("test_blocking", user=world.users["official"], params={"folder": str(tmp_path)})
    assert client_for(world.users["official"]).get(job.get_absolute_url()).status_code == 200
    assert client_for(world.users["leader"]).get(job.get_absolute_url()).status_code == 404


def test_admin_lists_jobs_read_only(world, plan, django_capture_on_commit_callbacks):
    from tests.factories import UserFactory

    admin_client = client_for(UserFactory(username="quantri", unit=None, role="", is_staff=True, is_superuser=True))
    with django_capture_on_commit_callbacks(execute=True):
        job = start_job("test_failing", target=plan)
    listing = admin_client.get(reverse("admin:jobs_job_changelist"))
    assert listing.status_code == 200 and "test_failing" in listing.content.decode()
    assert reverse("admin:jobs_job_add") not in listing.content.decode()
    detail = admin_client.get(reverse("admin:jobs_job_change", args=[job.pk])).content.decode()
    assert "Tệp không đọc được: thiếu trang 3." in detail and 'name="_save"' not in detail
