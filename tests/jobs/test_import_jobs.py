"""Importing a plan file goes through a job: the page answers at once, the job reads, recognises and saves it.

Jobs run through the immediate backend when the request's transaction commits.
"""

from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from danvan.jobs import Job, JobStatus
from plans.models import ImportRecord, Plan
from tests.conftest import client_for
from tests.factories import UserFactory
from units.choices import Role

pytestmark = pytest.mark.django_db

TESTS = Path(__file__).resolve().parents[1]
SEED = TESTS.parent / "plans" / "fixtures" / "seeds" / "thuong-hong-2025-dan-van-kheo.txt"
REPORT = TESTS / "importing" / "corpus" / "refused" / "bao-cao-an-phu-2024.txt"


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def upload(client, path: Path, django_capture_on_commit_callbacks, **headers):
    with django_capture_on_commit_callbacks(execute=True):
        return client.post(
            reverse("plans:plan_import"), {"file": SimpleUploadedFile(path.name, path.read_bytes())}, **headers
        )


def pending_files(media: Path) -> list[Path]:
    return list((media / "imports" / "pending").glob("*"))


def test_upload_answers_with_the_job_which_ends_on_the_review_page(
    world, official, media, django_capture_on_commit_callbacks
):
    """Given a seed plan, when an official uploads it, then the page answers at once with the job's page, the job
    ends done with a link to the review page, the draft exists and the stored upload is gone."""
    client = client_for(official)
    response = upload(client, SEED, django_capture_on_commit_callbacks)

    job = Job.objects.get(kind="plan_import")
    assert response.status_code == 302 and response["Location"] == job.get_absolute_url()
    job.refresh_from_db()
    record = ImportRecord.objects.get()
    review = reverse("plans:import_review", args=[record.pk])
    assert (job.status, job.step, job.result_url()) == (JobStatus.DONE, "Lưu kế hoạch", review)
    assert record.plan.issuing_unit == world.commune and record.imported_by == official
    page = client.get(response["Location"]).content.decode()
    assert "Nhập kế hoạch từ tệp" in page and f'href="{review}"' in page
    assert client.get(review).status_code == 200
    assert pending_files(media) == []


def test_htmx_upload_answers_with_the_progress_box(world, official, django_capture_on_commit_callbacks):
    response = upload(client_for(official), SEED, django_capture_on_commit_callbacks, HTTP_HX_REQUEST="true")
    job = Job.objects.get(kind="plan_import")
    assert response.status_code == 200
    assert f'id="job-{job.pk}"' in response.content.decode()


def test_the_same_file_again_returns_the_same_job_and_creates_nothing_twice(
    world, official, media, django_capture_on_commit_callbacks
):
    client = client_for(official)
    first = upload(client, SEED, django_capture_on_commit_callbacks)
    again = upload(client, SEED, django_capture_on_commit_callbacks)

    assert first["Location"] == again["Location"]
    assert Job.objects.filter(kind="plan_import").count() == 1
    assert (Plan.objects.count(), ImportRecord.objects.count()) == (1, 1)
    assert pending_files(media) == []


def test_the_same_file_while_the_job_waits_joins_it(world, official, media, django_capture_on_commit_callbacks):
    client = client_for(official)
    with django_capture_on_commit_callbacks(execute=False):
        for _ in range(2):
            client.post(reverse("plans:plan_import"), {"file": SimpleUploadedFile(SEED.name, SEED.read_bytes())})
    job = Job.objects.get(kind="plan_import")
    assert job.status == JobStatus.QUEUED
    assert pending_files(media) == [media / job.params["file"]]


def test_a_report_fails_the_job_naming_its_type_and_creates_nothing(
    world, official, media, django_capture_on_commit_callbacks
):
    """Given a BÁO CÁO, when it is uploaded, then the job fails with the importer's message naming the type,
    shown on the job's page, and nothing is created."""
    client = client_for(official)
    response = upload(client, REPORT, django_capture_on_commit_callbacks)

    job = Job.objects.get(kind="plan_import")
    assert job.status == JobStatus.FAILED
    assert "BÁO CÁO" in job.message and "không phải kế hoạch" in job.message
    assert job.message in client.get(response["Location"]).content.decode()
    assert (Plan.objects.count(), ImportRecord.objects.count()) == (0, 0)
    assert pending_files(media) == []


def test_another_communes_official_cannot_see_the_job(world, official, django_capture_on_commit_callbacks):
    response = upload(client_for(official), SEED, django_capture_on_commit_callbacks)
    stranger = UserFactory(unit=world.other_commune, role=Role.OFFICIAL)
    assert client_for(stranger).get(response["Location"]).status_code == 404
    colleague = UserFactory(unit=world.commune, role=Role.OFFICIAL)
    assert client_for(colleague).get(response["Location"]).status_code == 200


def test_a_file_of_another_type_is_refused_in_the_request(world, official, django_capture_on_commit_callbacks):
    bad = SimpleUploadedFile("ke-hoach.exe", b"MZ\x90\x00")
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(official).post(reverse("plans:plan_import"), {"file": bad})
    assert response.status_code == 400
    assert "Chỉ nhận tệp .docx, .pdf, .txt hoặc .md" in response.content.decode()
    assert not Job.objects.exists()
