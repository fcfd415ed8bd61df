"""The PDF stored when a plan is issued is the record: served byte for byte ever after."""

import datetime
import hashlib

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from danvan.documents import DocumentTooLargeError
from plans import services
from plans.choices import PlanStatus
from plans.exports import pdf as pdf_exports
from plans.models import Plan
from tests.conftest import client_for
from tests.documents.conftest import build_plan
from tests.documents.pdftools import normalise, pdf_text, requires_poppler


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def approved_plan(world):
    return build_plan(world, status=PlanStatus.APPROVED)


def issue(plan, leader, capture):
    with capture(execute=True):
        return services.plan_issue(plan=plan, by=leader, on=datetime.date(2025, 9, 12))


@requires_poppler
def test_issuing_stores_the_pdf_once_with_its_sha256(approved_plan, leader, django_capture_on_commit_callbacks):
    """Given an approved plan, when the leader issues it, then its PDF is stored after the commit with its hash."""
    issue(approved_plan, leader, django_capture_on_commit_callbacks)
    plan = Plan.objects.get(pk=approved_plan.pk)
    assert plan.issued_pdf.name.startswith(f"plans/issued/2025/{plan.pk}-")
    stored = plan.issued_pdf.read()
    assert stored.startswith(b"%PDF-")
    assert hashlib.sha256(stored).hexdigest() == plan.issued_pdf_sha256
    text = normalise(pdf_text(stored))
    assert "Số: 01/KH-UBND" in text and "DỰ THẢO" not in text
    assert "Thượng Hồng, ngày 12 tháng 9 năm 2025" in text


def test_storing_writes_no_history_row_and_keeps_the_first_copy(
    approved_plan, leader, django_capture_on_commit_callbacks
):
    issue(approved_plan, leader, django_capture_on_commit_callbacks)
    plan = Plan.objects.get(pk=approved_plan.pk)
    history_rows, first = plan.history.count(), (plan.issued_pdf.name, plan.issued_pdf_sha256)
    again = pdf_exports.store_issued_pdf(plan_id=plan.pk)
    assert (again.issued_pdf.name, again.issued_pdf_sha256) == first
    assert plan.history.count() == history_rows


@requires_poppler
def test_downloads_serve_the_stored_bytes_even_after_the_template_changes(
    approved_plan, leader, world, settings, tmp_path, django_capture_on_commit_callbacks
):
    """Given an issued plan, when the print template changes, then its download is still the stored copy,
    while a draft shows the new template."""
    issue(approved_plan, leader, django_capture_on_commit_callbacks)
    plan = Plan.objects.get(pk=approved_plan.pk)
    client = client_for(world.users["official"])
    url = reverse("plans:plan_pdf", args=[plan.pk])
    before = client.get(url)
    assert before.status_code == 200
    assert before.content == plan.issued_pdf.read()

    changed = tmp_path / "templates" / "plans" / "print"
    changed.mkdir(parents=True)
    (changed / "plan.html").write_text(
        '<html><head><link rel="stylesheet" href="css/print.css"></head><body><p>MẪU ĐÃ ĐỔI</p></body></html>',
        encoding="utf-8",
    )
    settings.TEMPLATES = [{**settings.TEMPLATES[0], "DIRS": [tmp_path / "templates", *settings.TEMPLATES[0]["DIRS"]]}]

    after = client.get(url)
    assert after.content == before.content
    fresh = pdf_exports.render_plan_pdf(plan)  # what a render would give now
    assert fresh != before.content and "MẪU ĐÃ ĐỔI" in pdf_text(fresh)
    draft = build_plan(world)
    assert "MẪU ĐÃ ĐỔI" in pdf_text(client.get(reverse("plans:plan_pdf", args=[draft.pk])).content)


def test_a_failed_render_at_issue_leaves_the_plan_approved_without_a_number(
    approved_plan, leader, monkeypatch, django_capture_on_commit_callbacks
):
    """Given a layout that fails, issuing is refused with the reason: the plan stays approved, no number is
    used, and the next issue, once the plan prints, takes number 1 and stores its copy."""

    def fail(plan):
        raise DocumentTooLargeError("Văn bản quá lớn")

    monkeypatch.setattr(pdf_exports, "render_plan_pdf", fail)
    with pytest.raises(ValidationError) as refused:
        issue(approved_plan, leader, django_capture_on_commit_callbacks)
    assert "Văn bản quá lớn" in refused.value.messages[0] and "chưa lấy số" in refused.value.messages[0]
    plan = Plan.objects.get(pk=approved_plan.pk)
    assert (plan.status, plan.number, plan.issued_pdf_sha256) == (PlanStatus.APPROVED, None, "")
    monkeypatch.undo()
    issue(plan, leader, django_capture_on_commit_callbacks)
    plan.refresh_from_db()
    assert plan.status == PlanStatus.ISSUED and plan.number == 1
    assert hashlib.sha256(plan.issued_pdf.read()).hexdigest() == plan.issued_pdf_sha256


def test_a_tampered_copy_is_refused_with_a_503(approved_plan, leader, world, django_capture_on_commit_callbacks):
    issue(approved_plan, leader, django_capture_on_commit_callbacks)
    plan = Plan.objects.get(pk=approved_plan.pk)
    with open(plan.issued_pdf.path, "ab") as stored:
        stored.write(b"% altered")
    response = client_for(world.users["official"]).get(reverse("plans:plan_pdf", args=[plan.pk]))
    assert response.status_code == 503
    assert "SHA-256" in response.content.decode()


def test_detail_page_shows_the_sha256_and_the_download_buttons(
    approved_plan, leader, world, django_capture_on_commit_callbacks
):
    issue(approved_plan, leader, django_capture_on_commit_callbacks)
    plan = Plan.objects.get(pk=approved_plan.pk)
    content = client_for(world.users["official"]).get(plan.get_absolute_url()).content.decode()
    assert plan.issued_pdf_sha256 in content
    assert reverse("plans:plan_pdf", args=[plan.pk]) in content
    assert reverse("plans:plan_docx", args=[plan.pk]) in content


def test_a_draft_renders_on_each_request_and_stores_nothing(world):
    plan = build_plan(world)
    client = client_for(world.users["official"])
    assert client.get(reverse("plans:plan_pdf", args=[plan.pk])).status_code == 200
    plan.refresh_from_db()
    assert not plan.issued_pdf and not plan.issued_pdf_sha256
