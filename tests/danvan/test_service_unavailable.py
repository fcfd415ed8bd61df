"""When the database or the disk fails: /healthz says so by its status, reads run again, writes get a clear 503."""

import json
from unittest.mock import patch

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import OperationalError, connection
from django.test import Client
from django.urls import reverse

from plans.views.authoring import PlanListView
from tests.conftest import client_for

# --- /healthz ---------------------------------------------------------------------------------------------------


def health(client=None):
    response = (client or Client()).get(reverse("healthz"))
    return response.status_code, json.loads(response.content)


def test_healthz_is_200_only_when_every_check_passes(db):
    """Given a database that answers and a writable media folder, /healthz answers 200 and names both checks."""
    assert health() == (200, {"status": "ok", "database": True, "media": True})


def test_healthz_is_503_when_the_database_does_not_answer(db):
    """Given a database whose cursor fails, /healthz answers 503 (monitors alert on the code) with the media check
    still reported as passing."""

    def refuse(*args, **kwargs):
        raise OperationalError("connection to server at 127.0.0.1, port 5432 failed: Connection refused")

    with patch.object(connection, "cursor", refuse):
        answer = health()
    assert answer == (503, {"status": "degraded", "database": False, "media": True})


def test_healthz_is_503_when_the_media_folder_cannot_be_written(db, settings, tmp_path):
    """Given MEDIA_ROOT that is a file, not a folder (nothing can be written under it, even as root),
    /healthz answers 503 naming the media check, with the database still passing."""
    settings.MEDIA_ROOT = tmp_path / "not-a-folder"
    settings.MEDIA_ROOT.write_text("")
    assert health() == (503, {"status": "degraded", "database": True, "media": False})


def test_healthz_leaves_no_file_behind(db, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    health()
    assert list(settings.MEDIA_ROOT.iterdir()) == []


# --- a dropped connection ---------------------------------------------------------------------------------------


def quiet_client(user):
    """A client that, like a browser, sees only the response (Django's test client re-raises a logged failure)."""
    client = client_for(user)
    client.raise_request_exception = False
    return client


@pytest.fixture
def plan_list_fails_once(monkeypatch):
    """The plan list raises OperationalError the first time it is asked, as over a connection dropped mid-request."""
    calls = []
    real_get = PlanListView.get

    def get(self, request, *args, **kwargs):
        calls.append(request.method)
        if len(calls) == 1:
            raise OperationalError("server closed the connection unexpectedly")
        return real_get(self, request, *args, **kwargs)

    monkeypatch.setattr(PlanListView, "get", get)
    return calls


def test_a_read_over_a_dropped_connection_runs_again_and_answers_200(official, plan_list_fails_once):
    """Given a plan list that fails once with OperationalError, when an official opens it, then the request runs
    once more and the list answers 200."""
    response = quiet_client(official).get(reverse("plans:plan_list"))
    assert response.status_code == 200
    assert "Kế hoạch" in response.content.decode()
    assert plan_list_fails_once == ["GET", "GET"]


def test_a_read_that_fails_twice_is_a_503_page_in_vietnamese(official, monkeypatch):
    """Given a database that stays lost, when a page is read, then it is tried twice and answers 503 with the
    Vietnamese page, a link to try again and Retry-After."""
    calls = []

    def get(self, request, *args, **kwargs):
        calls.append(1)
        raise OperationalError("server closed the connection unexpectedly")

    monkeypatch.setattr(PlanListView, "get", get)
    response = quiet_client(official).get(reverse("plans:plan_list") + "?q=a")
    assert (response.status_code, len(calls), response["Retry-After"]) == (503, 2, "10")
    page = response.content.decode()
    assert "Mất kết nối cơ sở dữ liệu, xin thử lại" in page
    assert 'href="/plans/?q=a"' in page
    assert "script-src 'none'" in response["Content-Security-Policy"] and response["X-Frame-Options"] == "DENY"


def test_a_write_over_a_dropped_connection_is_a_503_not_run_again(official, monkeypatch):
    """Given the database lost while a plan upload starts its import job (a POST), when the file is uploaded, then
    the write is not run again and the answer is a 503 page telling to check before sending again, not a 500."""
    calls = []

    def lost(*args, **kwargs):
        calls.append(1)
        raise OperationalError("terminating connection due to administrator command")

    monkeypatch.setattr("plans.views.imports.start_job", lost)
    upload = SimpleUploadedFile("ke-hoach.txt", b"KE HOACH", "text/plain")
    response = quiet_client(official).post(reverse("plans:plan_import"), {"file": upload})
    assert (response.status_code, len(calls)) == (503, 1)
    page = response.content.decode()
    assert "Mất kết nối cơ sở dữ liệu, xin thử lại" in page
    assert "có thể chưa được lưu" in page


# --- real terminations: PostgreSQL ------------------------------------------------------------------------------


@pytest.fixture
def terminate():
    """Return a function that ends the portal's database session from another connection, as an administrator can."""
    if connection.vendor != "postgresql":
        pytest.skip("pg_terminate_backend is PostgreSQL's; SQLite has no server to drop the connection")
    import psycopg2

    def end_session() -> int:
        pid = connection.connection.get_backend_pid()
        other = psycopg2.connect(**connection.get_connection_params())
        try:
            with other.cursor() as cursor:
                cursor.execute("SELECT pg_terminate_backend(%s)", [pid])
                assert cursor.fetchone() == (True,)
        finally:
            other.close()
        return pid

    return end_session


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_next_read_after_the_backend_is_terminated_answers_200(official, terminate):
    """Given the portal's database session ended by the server between two requests, when the next page is read,
    then it answers 200 over a fresh connection."""
    client = quiet_client(official)
    assert client.get(reverse("plans:plan_list")).status_code == 200
    pid = terminate()

    response = client.get(reverse("plans:plan_list"))

    assert response.status_code == 200
    assert connection.connection.get_backend_pid() != pid


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_a_read_whose_backend_is_terminated_mid_request_answers_200(official, terminate, monkeypatch):
    """Given the session ended while the plan list is being made (after the login was read), when the list is
    asked for, then the request runs again on a fresh connection and answers 200."""
    real_get, ended = PlanListView.get, []

    def get(self, request, *args, **kwargs):
        if not ended:
            ended.append(terminate())
        return real_get(self, request, *args, **kwargs)

    monkeypatch.setattr(PlanListView, "get", get)
    response = quiet_client(official).get(reverse("plans:plan_list"))
    assert response.status_code == 200 and len(ended) == 1


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_an_import_whose_backend_is_terminated_keeps_nothing_and_the_job_says_so(official, terminate, monkeypatch):
    """Given the session ended while the import job writes the plan, when the upload ends, then the person is sent to
    the job's page, which says the import failed and to try again, nothing of the import is kept, and the next page
    works."""
    from danvan.jobs.models import Job, JobStatus
    from danvan.jobs.runner import UNEXPECTED_ERROR
    from plans.importing import persist
    from plans.models import ImportRecord, Plan
    from tests.plans.test_import import THUONG_HONG

    real_import = persist.import_parsed_plan

    def import_then_lose_the_session(**kwargs):
        report = real_import(**kwargs)
        terminate()
        return report

    monkeypatch.setattr(persist, "import_parsed_plan", import_then_lose_the_session)
    client = quiet_client(official)
    upload = SimpleUploadedFile("ke-hoach.txt", THUONG_HONG, "text/plain")
    response = client.post(reverse("plans:plan_import"), {"file": upload})

    job = Job.objects.get()
    assert (response.status_code, response.url) == (302, reverse("jobs:job_detail", args=[job.pk]))
    assert (job.status, job.message) == (JobStatus.FAILED, UNEXPECTED_ERROR)
    assert (Plan.objects.count(), ImportRecord.objects.count()) == (0, 0)
    assert "Xin thử lại sau" in client.get(response.url).content.decode()
    assert client.get(reverse("plans:plan_list")).status_code == 200
