"""Download pages and the export_plan command."""

import io
import zipfile
from urllib.parse import unquote

import docx
import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from danvan.documents import DocumentTooLargeError
from plans import exports
from tests.conftest import client_for


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def disposition_names(response) -> tuple[str, str]:
    value = response["Content-Disposition"]
    assert value.startswith("attachment; ")
    fallback = value.split('filename="', 1)[1].split('"', 1)[0]
    utf8 = unquote(value.split("filename*=UTF-8''", 1)[1])
    return fallback, utf8


def test_pdf_download_of_an_issued_plan_is_named_after_its_number_and_summary(issued_plan, world):
    response = client_for(world.users["leader"]).get(reverse("plans:plan_pdf", args=[issued_plan.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF-")
    fallback, utf8 = disposition_names(response)
    assert utf8 == "31-KH-UBND Thực hiện phong trào Dân vận khéo trong hoạt động của Ủy ban nhân dân xã năm 2025.pdf"
    assert (
        fallback == "31-KH-UBND Thuc hien phong trao Dan van kheo trong hoat dong cua Uy ban nhan dan xa nam 2025.pdf"
    )


def test_docx_download_of_a_draft(draft_plan, world):
    response = client_for(world.users["official"]).get(reverse("plans:plan_docx", args=[draft_plan.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    assert zipfile.is_zipfile(io.BytesIO(response.content))
    assert docx.Document(io.BytesIO(response.content)).paragraphs
    _, utf8 = disposition_names(response)
    assert utf8.startswith("Dự thảo Thực hiện phong trào") and utf8.endswith(".docx")


def test_a_document_too_large_gets_the_503_page_in_vietnamese(draft_plan, world, monkeypatch):
    def too_large(plan):
        raise DocumentTooLargeError("Văn bản quá lớn nên không xuất được PDF (quá 60 giây).")

    monkeypatch.setattr(exports, "plan_pdf", too_large)
    response = client_for(world.users["official"]).get(reverse("plans:plan_pdf", args=[draft_plan.pk]))
    assert response.status_code == 503
    assert response["Retry-After"]
    content = response.content.decode()
    assert "Chưa xuất được văn bản" in content and "quá 60 giây" in content
    assert "Content-Disposition" not in response


def test_a_hostile_title_cannot_inject_headers(world):
    from tests.documents.conftest import build_plan

    plan = build_plan(world, appendix=False, title='Kế hoạch "x"; filename=evil.exe\\ ../..')
    response = client_for(world.users["official"]).get(reverse("plans:plan_pdf", args=[plan.pk]))
    fallback, utf8 = disposition_names(response)
    assert fallback.endswith(".pdf") and utf8.endswith(".pdf")
    assert '"' not in fallback and "/" not in utf8 and "\\" not in utf8
    assert response["Content-Disposition"].count("filename=") == 1


@pytest.mark.parametrize("kind", ["pdf", "docx"])
def test_export_plan_command_writes_the_file(issued_plan, tmp_path, kind):
    output = tmp_path / f"plan.{kind}"
    call_command("export_plan", str(issued_plan.pk), "--format", kind, "--output", str(output))
    content = output.read_bytes()
    if kind == "pdf":
        issued_plan.refresh_from_db()
        assert content == issued_plan.issued_pdf.read()  # the stored record, not a fresh render
    else:
        assert zipfile.is_zipfile(io.BytesIO(content))


def test_export_plan_command_reports_a_missing_plan(db, tmp_path):
    with pytest.raises(CommandError, match="Không có kế hoạch"):
        call_command("export_plan", "999999", "--format", "pdf", "--output", str(tmp_path / "x.pdf"))
