"""A leader's token uploads a PDF signed in the e-office as the issued copy, verified as on the signed-copy page."""

import hashlib

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from danvan.models import AuditAction, AuditEntry
from signing.models import SignedCopyCheck
from tests.api.api_helpers import api_client_for
from tests.signing.conftest import test_ca  # noqa: F401 (a fixture)
from tests.signing.test_upload import signed_pdf, trust  # noqa: F401 (fixtures)
from tests.signing.test_verify import _flip_a_byte_in_the_content


def upload(client, plan, content: bytes):
    url = reverse("api:plan_signed_copy", args=[plan.pk])
    return client.post(url, {"file": SimpleUploadedFile("ke-hoach-ky-so.pdf", content, "application/pdf")})


def test_a_leaders_token_uploads_the_signed_copy(world, plans, signed_pdf):
    """Given an intact signed PDF, the leader's token gets 201 with the verdict; the plan serves those bytes, audited."""
    plan = plans["issued"]
    response = upload(api_client_for(world.users["leader"]), plan, signed_pdf)
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["accepted"] is True and body["sha256"] == hashlib.sha256(signed_pdf).hexdigest()
    assert [signature["signer"] for signature in body["signatures"]] == [
        "Hà Thị Thủy",
        "Ủy ban nhân dân xã Thượng Hồng",
    ]
    assert all(signature["intact"] and signature["trusted"] for signature in body["signatures"])
    plan.refresh_from_db()
    assert plan.issued_pdf_sha256 == body["sha256"]
    assert AuditEntry.objects.filter(action=AuditAction.ISSUE, sha256=body["sha256"]).exists()


def test_a_changed_pdf_is_refused_with_422_and_recorded(world, plans, signed_pdf):
    plan = plans["issued"]
    before = plan.issued_pdf_sha256
    response = upload(api_client_for(world.users["official"]), plan, _flip_a_byte_in_the_content(signed_pdf))
    assert response.status_code == 422
    assert "Nội dung đã bị thay đổi sau khi ký" in " ".join(response.json()["problems"])
    plan.refresh_from_db()
    assert plan.issued_pdf_sha256 == before and SignedCopyCheck.objects.get().accepted is False


def test_who_may_not_upload_gets_404_and_a_read_only_token_403(world, plans, signed_pdf):
    plan = plans["issued"]
    assert upload(api_client_for(world.users["unit_head"]), plan, signed_pdf).status_code == 404
    assert upload(api_client_for(world.users["leader"]), plans["approved"], signed_pdf).status_code == 404
    assert upload(api_client_for(world.users["leader"], read_only=True), plan, signed_pdf).status_code == 403
    assert not SignedCopyCheck.objects.exists()
