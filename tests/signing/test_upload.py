"""A leader or official uploads a PDF signed elsewhere as the issued copy; the portal verifies it first."""

import hashlib

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from weasyprint import HTML

from danvan.models import AuditAction, AuditEntry
from signing import pki
from signing.backends import RemoteBackend
from signing.models import SignedCopyCheck
from signing.service import Identity, sign_issued
from tests.conftest import client_for
from tests.signing.conftest import write_pem
from tests.signing.test_backends import FakeSmartCA
from tests.signing.test_verify import _flip_a_byte_in_the_content

SIGNER, AGENCY = Identity("nguoi-ky", "Hà Thị Thủy"), Identity("co-quan", "Ủy ban nhân dân xã Thượng Hồng")


@pytest.fixture(autouse=True)
def trust(settings, tmp_path, test_ca):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PDF_SIGNING_TRUST_ROOTS = [str(write_pem(tmp_path / "ca.pem", test_ca.cert))]
    settings.PDF_SIGNING_CRLS = []


@pytest.fixture(scope="module")
def signed_pdf(test_ca):
    holders = {who.label: pki.issue(test_ca, who.name, organisation=AGENCY.name) for who in (SIGNER, AGENCY)}
    pdf = HTML(string="<p>Kế hoạch 01/KH-UBND, bản ký ở hệ thống quản lý văn bản.</p>").write_pdf()
    return sign_issued(pdf, signer=SIGNER, agency=AGENCY, using=RemoteBackend(FakeSmartCA(holders, test_ca)))


def upload(client, plan, content: bytes, name="ke-hoach-ky-so.pdf"):
    url = reverse("signing:signed_copy", args=["plan", plan.pk])
    return client.post(url, {"file": SimpleUploadedFile(name, content, "application/pdf")}, follow=True)


def test_an_intact_signed_pdf_becomes_the_issued_copy_with_the_verification_shown(world, plans, signed_pdf):
    plan = plans["issued"]
    client = client_for(world.users["leader"])
    page = upload(client, plan, signed_pdf).content.decode()
    assert "Được nhận làm bản ban hành" in page
    assert "Hà Thị Thủy" in page and "Ủy ban nhân dân xã Thượng Hồng" in page
    assert "CA THỬ NGHIỆM CỦA BỘ KIỂM THỬ" in page
    assert "Nội dung không bị thay đổi sau khi ký" in page and "Hợp lệ tại thời điểm ký" in page
    assert "chưa kiểm tra được tình trạng thu hồi" in page

    plan.refresh_from_db()
    assert plan.issued_pdf_sha256 == hashlib.sha256(signed_pdf).hexdigest()
    download = client.get(reverse("plans:plan_pdf", args=[plan.pk]))
    assert b"".join(download.streaming_content if download.streaming else [download.content]) == signed_pdf
    assert AuditEntry.objects.filter(action=AuditAction.ISSUE, sha256=plan.issued_pdf_sha256).exists()
    detail = client.get(reverse("plans:plan_detail", args=[plan.pk])).content.decode()
    assert "Bản ban hành là bản ký số tải lên" in detail


def test_a_pdf_changed_after_signing_is_refused_with_the_reason(world, plans, signed_pdf):
    plan = plans["issued"]
    before = plan.issued_pdf_sha256
    page = upload(client_for(world.users["official"]), plan, _flip_a_byte_in_the_content(signed_pdf)).content.decode()
    assert "Bị từ chối" in page and "Nội dung đã bị thay đổi sau khi ký" in page
    plan.refresh_from_db()
    assert plan.issued_pdf_sha256 == before
    assert SignedCopyCheck.objects.get().accepted is False


def test_a_file_that_is_not_a_pdf_is_refused_by_the_form(world, plans):
    page = upload(client_for(world.users["leader"]), plans["issued"], b"PK\x03\x04 not a pdf").content.decode()
    assert "không phải PDF" in page
    assert not SignedCopyCheck.objects.exists()


def test_the_plan_page_offers_the_upload_to_leaders_and_officials_only(world, plans):
    url = reverse("plans:plan_detail", args=[plans["issued"].pk])
    assert 'id="signed-copy-link"' in client_for(world.users["leader"]).get(url).content.decode()
    assert 'id="signed-copy-link"' not in client_for(world.users["unit_head"]).get(url).content.decode()
    draft = reverse("plans:plan_detail", args=[plans["draft"].pk])
    assert 'id="signed-copy-link"' not in client_for(world.users["official"]).get(draft).content.decode()
