"""An issued plan is stored signed: first by the leader who signs it, then sealed by the commune."""

import datetime
import hashlib
import io

import pytest
from pyhanko.pdf_utils.reader import PdfFileReader

from plans import services
from plans.choices import PlanStatus
from plans.exports import pdf as pdf_exports
from plans.models import Plan
from signing.backends import SigningError
from signing.service import AGENCY_FIELD, SIGNER_FIELD
from signing.verify import verify_pdf
from tests.documents.conftest import build_plan


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def issue(world, capture):
    plan = build_plan(world, status=PlanStatus.APPROVED)
    plan.signer_name = world.users["leader"].full_name
    plan.save()
    with capture(execute=True):
        services.plan_issue(plan=plan, by=world.users["leader"], on=datetime.date(2025, 9, 12))
    return Plan.objects.get(pk=plan.pk)


def test_the_stored_issued_copy_is_signed_by_the_leader_then_the_commune(
    world, pkcs12_keys, django_capture_on_commit_callbacks
):
    plan = issue(world, django_capture_on_commit_callbacks)
    stored = plan.issued_pdf.read()
    assert hashlib.sha256(stored).hexdigest() == plan.issued_pdf_sha256
    assert pdf_exports.issued_pdf_bytes(plan) == stored

    signatures = list(PdfFileReader(io.BytesIO(stored)).embedded_signatures)
    assert [s.field_name for s in signatures] == [SIGNER_FIELD, AGENCY_FIELD]
    verification = verify_pdf(stored)
    assert verification.accepted, verification.problems
    first, second = verification.signatures
    assert (first.signer, second.signer) == ("Hà Thị Thủy", "Ủy ban nhân dân xã Thượng Hồng")
    assert all(s.intact and s.trusted and s.covers_whole_file for s in verification.signatures)


def test_the_signature_and_seal_images_sit_above_the_signer_name(
    world, pkcs12_keys, django_capture_on_commit_callbacks
):
    """NĐ 30: the signer's image between title and name, the seal over the left third of it."""
    stored = issue(world, django_capture_on_commit_callbacks).issued_pdf.read()
    boxes = {}
    for signature in PdfFileReader(io.BytesIO(stored)).embedded_signatures:
        field = signature.sig_field
        boxes[signature.field_name] = [float(v) for v in field["/Rect"]]
        assert "/AP" in field  # drawn, not invisible
    sx1, sy1, sx2, sy2 = boxes[SIGNER_FIELD]
    kx1, ky1, kx2, ky2 = boxes[AGENCY_FIELD]
    assert sx1 > 595 / 2 - 60  # in the right-hand signature column
    assert kx1 < sx1 < kx2 < sx1 + (sx2 - sx1) / 2  # the seal overlaps the left part of the signature
    assert abs((ky1 + ky2) / 2 - (sy1 + sy2) / 2) < 1


def test_a_missing_key_stops_the_store_and_keeps_no_unsigned_copy(
    world, pkcs12_keys, keys_dir, settings, django_capture_on_commit_callbacks
):
    (keys_dir / f"unit-{world.commune.pk}.p12").unlink()
    plan = build_plan(world, status=PlanStatus.ISSUED)
    plan.signer_name = world.users["leader"].full_name
    plan.save()
    with pytest.raises(SigningError, match="Không tìm thấy tệp chứng thư số"):
        pdf_exports.store_issued_pdf(plan_id=plan.pk)
    plan.refresh_from_db()
    assert plan.issued_pdf_sha256 == "" and not plan.issued_pdf


def test_an_unknown_signer_is_refused_with_the_name(world, pkcs12_keys):
    plan = build_plan(world, status=PlanStatus.ISSUED)
    plan.signer_name = "Nguyễn Văn Lạ"
    plan.save()
    with pytest.raises(SigningError, match="Nguyễn Văn Lạ"):
        pdf_exports.store_issued_pdf(plan_id=plan.pk)


def test_a_download_that_cannot_be_signed_answers_503_with_the_reason(world, pkcs12_keys, keys_dir):
    from django.urls import reverse

    from tests.conftest import client_for

    (keys_dir / f"user-{world.users['leader'].pk}.p12").unlink()
    plan = build_plan(world, status=PlanStatus.ISSUED)
    plan.signer_name = world.users["leader"].full_name
    plan.save()
    response = client_for(world.users["official"]).get(reverse("plans:plan_pdf", args=[plan.pk]))
    assert response.status_code == 503
    assert "Không tìm thấy tệp chứng thư số" in response.content.decode()


def test_an_issued_periodic_report_is_stored_signed_by_the_leader_then_the_commune(
    world, pkcs12_keys, django_capture_on_commit_callbacks
):
    from reports import services as report_services
    from reports.exports import ISSUED_COPY as REPORT_COPY

    official, leader = world.users["official"], world.users["leader"]
    report = report_services.report_create(unit=world.commune, period_kind="year", year=2025, by=official)
    report = report_services.report_submit(report=report, by=official)
    report = report_services.report_approve(report=report, by=leader)
    with django_capture_on_commit_callbacks(execute=True):
        report = report_services.report_issue(report=report, by=leader)
    stored = REPORT_COPY.bytes(type(report).objects.get(pk=report.pk))
    verification = verify_pdf(stored)
    assert verification.accepted, verification.problems
    assert [s.signer for s in verification.signatures] == ["Hà Thị Thủy", "Ủy ban nhân dân xã Thượng Hồng"]
