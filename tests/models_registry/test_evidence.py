"""Evidence files are checked by what they contain, stored under a generated name and served under the given one."""

import io
import zipfile

import docx
import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from danvan.uploads import MAX_BYTES
from models_registry import services
from models_registry.models import EvidenceFile
from tests.conftest import client_for

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
EXE = b"MZ\x90\x00" + b"\x00" * 64


def real_docx() -> bytes:
    document = docx.Document()
    document.add_paragraph("Biên bản ra mắt mô hình “Dân vận khéo”.")
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def real_xlsx() -> bytes:
    import openpyxl

    buffer = io.BytesIO()
    openpyxl.Workbook().save(buffer)
    return buffer.getvalue()


def zipped(entries: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as package:
        for name, data in entries.items():
            package.writestr(name, data)
    return buffer.getvalue()


def upload(name, content):
    return SimpleUploadedFile(name, content)


def test_pdf_is_stored_under_a_generated_name(draft, unit_head):
    evidence = services.evidence_add(registration=draft, by=unit_head, upload=upload("../../Kế hoạch.pdf", PDF))
    assert evidence.original_name == "Kế hoạch.pdf"
    assert evidence.kind == "pdf"
    assert "Kế hoạch" not in evidence.file.name and ".." not in evidence.file.name
    assert evidence.file.name.endswith(".pdf")


def test_real_docx_is_accepted(draft, unit_head):
    evidence = services.evidence_add(registration=draft, by=unit_head, upload=upload("bien-ban.docx", real_docx()))
    assert evidence.kind == "docx"


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("hoso.pdf", EXE, "không phải PDF"),
        ("anh.png", PDF, "không phải ảnh PNG"),
        ("bao-cao.docx", PDF, "không phải Word"),
        ("bao-cao.docx", real_xlsx(), "không phải Word"),
        (
            "macro.docx",
            zipped(
                {
                    "[Content_Types].xml": b'<Types><Default ContentType="application/vnd.ms-word.document.macroEnabled.main+xml"/></Types>',
                    "word/vbaProject.bin": b"x",
                }
            ),
            "macro",
        ),
        (
            "xxe.docx",
            zipped({"[Content_Types].xml": b'<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><Types/>'}),
            "DOCTYPE/ENTITY không được phép",
        ),
        ("many.docx", zipped({f"part{i}.xml": b"" for i in range(2001)}), "quá nhiều"),
        (
            "bomb.docx",
            zipped({"[Content_Types].xml": b"<Types/>", "word/big.xml": b"0" * (30 * 1024 * 1024)}),
            "quá lớn",
        ),
        ("truncated.docx", real_docx()[:200], "Không đọc được"),
        ("rong.pdf", b"", "rỗng"),
        ("chuong-trinh.exe", EXE, "Chỉ nhận"),
        ("hoso\u202efdp.exe", PDF, "hướng chữ"),
    ],
    ids=[
        "exe-as-pdf",
        "pdf-as-png",
        "pdf-as-docx",
        "xlsx-as-docx",
        "docm",
        "xxe",
        "entries",
        "zip-bomb",
        "truncated",
        "empty",
        "exe",
        "rtl-name",
    ],
)
def test_wrong_files_are_refused(draft, unit_head, name, content, message):
    with pytest.raises(ValidationError, match=message):
        services.evidence_add(registration=draft, by=unit_head, upload=upload(name, content))
    assert not EvidenceFile.objects.exists()


def test_file_over_ten_megabytes_is_refused(draft, unit_head):
    big = upload("lon.pdf", PDF + b"0" * MAX_BYTES)
    with pytest.raises(ValidationError, match="10 MB"):
        services.evidence_add(registration=draft, by=unit_head, upload=big)


def test_upload_page_refuses_a_renamed_file_with_a_message(draft, unit_head):
    client = client_for(unit_head)
    url = reverse("models_registry:evidence_add", args=[draft.pk])
    response = client.post(url, {"file": upload("anh.jpg", EXE)}, follow=True)
    assert "không phải ảnh JPG" in response.content.decode()
    assert not EvidenceFile.objects.exists()


def test_download_uses_the_original_name(draft, unit_head, official):
    evidence = services.evidence_add(registration=draft, by=unit_head, upload=upload("Biên bản ra mắt.pdf", PDF))
    response = client_for(official).get(reverse("models_registry:evidence_download", args=[evidence.pk]))
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF
    assert "filename*=utf-8''bi%c3%aan%20b%e1%ba%a3n" in response["Content-Disposition"].lower()
    assert response["Content-Type"] == "application/pdf"


def test_unit_head_cannot_add_evidence_after_reporting(world, draft, unit_head):
    from tests.models_registry.workflow_helpers import advance

    reported = advance(draft, "self_assessed", world)
    response = client_for(unit_head).post(
        reverse("models_registry:evidence_add", args=[reported.pk]), {"file": upload("x.pdf", PDF)}
    )
    assert response.status_code == 403
    assert not EvidenceFile.objects.exists()
