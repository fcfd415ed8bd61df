"""`seed_demo` signs the issued seed plan 31/KH-UBND with keys of a CA that says it has no legal value."""

import io

import pytest
from django.core.management import call_command
from pyhanko.pdf_utils.reader import PdfFileReader

from plans.models import Plan
from signing.demo import DEMO_CA_NAME
from signing.verify import verify_pdf


@pytest.fixture
def demo_settings(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PDF_SIGNING_BACKEND = "pkcs12"
    settings.PDF_SIGNING_PKCS12_DIR = tmp_path / "media" / "private" / "signing"
    settings.PDF_SIGNING_IMAGES_DIR = settings.PDF_SIGNING_PKCS12_DIR
    settings.PDF_SIGNING_PKCS12_PASSPHRASE = "danvan-demo"
    return settings


def test_after_seed_demo_the_stored_31_kh_ubnd_is_signed_by_the_leader_and_the_commune(
    db, demo_settings, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        call_command("seed_demo", force=True, stdout=io.StringIO())
    plan = Plan.objects.get(number=31, year=2025, issuing_unit__place_name="Thượng Hồng")
    stored = plan.issued_pdf.read()
    folder = demo_settings.PDF_SIGNING_PKCS12_DIR

    verification = verify_pdf(stored, trust_roots=[folder / "demo-ca.pem"], crls=[])
    assert verification.accepted, verification.problems
    signer, agency = verification.signatures
    assert signer.signer == "Hà Thị Thủy" and agency.organisation.endswith("Thượng Hồng")
    assert signer.issuer == agency.issuer == DEMO_CA_NAME
    assert signer.covers_whole_file and agency.covers_whole_file and signer.trusted and agency.trusted
    signatures = list(PdfFileReader(io.BytesIO(stored)).embedded_signatures)
    assert all("/AP" in s.sig_field for s in signatures)  # the signature and seal images are drawn

    again = plan.issued_pdf_sha256
    with django_capture_on_commit_callbacks(execute=True):
        call_command("seed_demo", force=True, stdout=io.StringIO())
    plan.refresh_from_db()
    assert plan.issued_pdf_sha256 == again  # a second run keeps the record and the keys
