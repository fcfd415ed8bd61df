"""A progress report through the API is the same act as on the task's page: timeline, audit, notifications."""

import datetime

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from danvan.models import AuditAction, AuditEntry
from plans.models import ProgressUpdate
from tests.api.api_helpers import PDF, api_client_for
from tests.conftest import client_for
from units.models import Notification

REPORT_DAY = datetime.date(2025, 8, 1)


def post_progress(client, task, **extra):
    data = {
        "reported_on": REPORT_DAY.isoformat(),
        "percent": 40,
        "text": "Đã tổ chức hội nghị triển khai.",
        "files": [SimpleUploadedFile("Biên bản hội nghị.pdf", PDF, content_type="application/pdf")],
        **extra,
    }
    return client.post(reverse("api:task_progress", args=[task.pk]), data, format="multipart")


def timeline_entry(update: ProgressUpdate) -> tuple:
    """What the task's timeline shows of an entry, without its id and time."""
    files = [(f.original_name, f.content_type, f.size, f.sha256) for f in update.files.all()]
    return (
        update.kind,
        update.reported_on,
        update.percent,
        update.text,
        update.author_id,
        update.author_unit_id,
        files,
    )


def test_unit_heads_token_reports_progress_as_on_the_web(world, task, django_capture_on_commit_callbacks):
    """Given the head of the lead unit, when their token posts 40% with a PDF, then the task page shows the same
    entry a web report makes, the task moves to 40%, one audit row is written and the plan's owner is told."""
    head = world.users["unit_head"]
    with django_capture_on_commit_callbacks(execute=True):
        response = post_progress(api_client_for(head), task)
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["percent"] == 40 and body["files"][0]["original_name"] == "Biên bản hội nghị.pdf"
    task.refresh_from_db()
    assert (task.progress, task.status, task.last_reported_on) == (40, "in_progress", REPORT_DAY)
    by_api = ProgressUpdate.objects.get(pk=body["id"])

    web = client_for(head).post(
        reverse("tasks:task_progress", args=[task.pk]),
        {
            "reported_on": f"{REPORT_DAY:%d/%m/%Y}",
            "percent": "40",
            "text": "Đã tổ chức hội nghị triển khai.",
            "files": [SimpleUploadedFile("Biên bản hội nghị.pdf", PDF, content_type="application/pdf")],
        },
    )
    assert web.status_code == 302
    by_web = ProgressUpdate.objects.exclude(pk=by_api.pk).get(task=task)
    assert timeline_entry(by_api) == timeline_entry(by_web)

    page = client_for(world.users["official"]).get(reverse("tasks:task_detail", args=[task.pk])).content.decode()
    assert page.count("Biên bản hội nghị.pdf") == 2 and page.count("Đã tổ chức hội nghị triển khai.") == 2
    audit = AuditEntry.objects.filter(action=AuditAction.UPDATE, object_type="plans.Task", object_id=str(task.pk))
    assert audit.count() == 2
    assert audit.first().user == head and "0% → 40%" in audit.order_by("pk").first().summary
    assert Notification.objects.filter(recipient=world.users["official"], key=f"task-update:{by_api.pk}").exists()


def test_read_only_token_is_refused_a_post(world, task):
    """Given a read-only token of the lead unit's head, when it posts progress, then 403, an audit row, nothing stored."""
    response = post_progress(api_client_for(world.users["unit_head"], read_only=True), task)
    assert response.status_code == 403
    assert not ProgressUpdate.objects.exists()
    assert AuditEntry.objects.filter(action=AuditAction.ACCESS_DENIED, summary__contains="/progress/").exists()


def test_who_may_not_report_gets_403_and_who_may_not_see_gets_404(world, task):
    assert post_progress(api_client_for(world.users["official"]), task).status_code == 403
    from tests.factories import TaskFactory

    other = TaskFactory(plan=task.plan, lead_units=[world.department])
    assert post_progress(api_client_for(world.users["unit_head"]), other).status_code == 404
    assert not ProgressUpdate.objects.exists()


def test_service_refusal_is_a_400_with_its_message(world, task):
    """Given a report dated in the future, the service refuses it: 400 with its Vietnamese message, nothing stored."""
    response = post_progress(api_client_for(world.users["unit_head"]), task, reported_on="2100-01-01")
    assert response.status_code == 400
    assert "không được sau hôm nay" in str(response.json())
    assert not ProgressUpdate.objects.exists()


def test_a_file_that_is_not_what_it_says_is_refused(world, task):
    fake = SimpleUploadedFile("Biên bản.pdf", b"MZ\x90\x00 not a pdf", content_type="application/pdf")
    response = post_progress(api_client_for(world.users["unit_head"]), task, files=[fake])
    assert response.status_code == 400 and "files" in response.json()
    assert not ProgressUpdate.objects.exists()


def test_evidence_download_is_audited(world, task):
    body = post_progress(api_client_for(world.users["unit_head"]), task).json()
    url = body["files"][0]["download_url"]
    response = api_client_for(world.users["leader"]).get(url)
    assert response.status_code == 200 and b"".join(response.streaming_content) == PDF
    assert AuditEntry.objects.filter(action=AuditAction.DOWNLOAD, object_type="plans.EvidenceFile").count() == 1


def test_browser_session_post_needs_the_csrf_token(world, task):
    """Given the unit head's browser session, a POST without the CSRF token is 403 and stores nothing."""
    browser = client_for(world.users["unit_head"])
    browser.handler.enforce_csrf_checks = True
    data = {"reported_on": REPORT_DAY.isoformat(), "percent": "40", "text": "Gửi từ trang khác."}
    assert browser.post(reverse("api:task_progress", args=[task.pk]), data).status_code == 403
    assert not ProgressUpdate.objects.exists()
    browser.get(reverse("tasks:task_detail", args=[task.pk]))  # the page sets the CSRF cookie
    token = browser.cookies["csrftoken"].value
    response = browser.post(reverse("api:task_progress", args=[task.pk]), data, HTTP_X_CSRFTOKEN=token)
    assert response.status_code == 201
