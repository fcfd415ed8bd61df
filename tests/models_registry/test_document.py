"""The registration form PDF (PHIẾU ĐĂNG KÝ MÔ HÌNH “DÂN VẬN KHÉO”) carries every field the unit entered."""

import re
import shutil
import subprocess
import tempfile
import unicodedata
from pathlib import Path

import pytest
from django.urls import reverse

from models_registry import services
from models_registry.document import printed_registration
from tests.conftest import client_for
from tests.models_registry.conftest import INDICATORS, REGISTRATION_FIELDS

requires_pdftotext = pytest.mark.skipif(not shutil.which("pdftotext"), reason="poppler-utils is not installed")


def pdf_text(pdf: bytes) -> str:
    """Return the PDF's text in NFKC with runs of whitespace made one space."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "phieu.pdf"
        path.write_bytes(pdf)
        text = subprocess.run(
            ["pdftotext", "-raw", "-enc", "UTF-8", str(path), "-"],
            check=True,
            capture_output=True,
            text=True,
            timeout=60,
        ).stdout
    return re.sub(r"\s+", " ", unicodedata.normalize("NFKC", text))


def flat(value: str) -> str:
    return re.sub(r"\s+", " ", unicodedata.normalize("NFKC", value)).strip()


@requires_pdftotext
def test_pdf_contains_every_field_entered(draft, unit_head, official):
    """Given a submitted registration, its PDF has the title, the header and every field and indicator typed."""
    services.registration_submit(registration=draft, by=unit_head)
    response = client_for(official).get(reverse("models_registry:registration_pdf", args=[draft.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF-")
    assert "attachment;" in response["Content-Disposition"] and "filename*=" in response["Content-Disposition"]
    text = pdf_text(response.content)
    assert "PHIẾU ĐĂNG KÝ MÔ HÌNH “DÂN VẬN KHÉO”" in text
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in text and "Độc lập - Tự do - Hạnh phúc" in text
    assert draft.unit.name.upper() in text
    assert "Thượng Hồng, ngày" in text
    assert "Dịch vụ hành chính công" in text
    for key in ("name", "problem", "objectives", "method", "place_scope", "participants", "resources"):
        assert flat(REGISTRATION_FIELDS[key]) in text, key
    assert REGISTRATION_FIELDS["person_in_charge"] in text and REGISTRATION_FIELDS["contact"] in text
    assert "từ ngày 1/10/2025 đến ngày 31/12/2025" in text
    for row in INDICATORS:
        assert row["name"] in text
    assert "1.500" in text and "98" in text
    assert "DỰ THẢO" not in text


def test_draft_is_marked_and_markup_is_printed_literally(draft, unit_head):
    services.registration_update(
        registration=draft, by=unit_head, expected_version=None, name="<script>alert(1)</script> Mô hình"
    )
    printed = printed_registration(type(draft).objects.get(pk=draft.pk))
    assert printed.draft
    assert printed.items[0].text == "<script>alert(1)</script> Mô hình"


@requires_pdftotext
def test_markup_in_fields_is_text_in_the_pdf(draft, unit_head):
    services.registration_update(
        registration=draft, by=unit_head, expected_version=None, method='<img src="file:///etc/passwd"> Vận động'
    )
    response = client_for(unit_head).get(reverse("models_registry:registration_pdf", args=[draft.pk]))
    assert response.status_code == 200
    text = pdf_text(response.content)
    assert '<img src="file:///etc/passwd"> Vận động' in text
    assert "DỰ THẢO" in text
