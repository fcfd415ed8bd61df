"""With a timestamp authority configured, both signatures of an issued plan are PAdES B-T; without one, B-B."""

import io

import pytest
from pyhanko.pdf_utils.reader import PdfFileReader

from plans.choices import PlanStatus
from plans.models import Plan
from signing.verify import verify_pdf
from tests.signing.test_sign import issue
from tests.signing.tsa_server import running_tsa


def has_timestamp_token(signature) -> bool:
    """PAdES B-T: the signer info carries a signature timestamp token as an unsigned attribute."""
    unsigned = signature.signer_info["unsigned_attrs"].native or []
    return any(attribute["type"] == "signature_time_stamp_token" for attribute in unsigned)


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def test_each_signature_carries_a_timestamp_from_the_configured_authority(
    world, pkcs12_keys, test_ca, settings, django_capture_on_commit_callbacks
):
    with running_tsa(test_ca) as (url, answered):
        settings.PDF_SIGNING_TSA_URL = url
        stored = issue(world, django_capture_on_commit_callbacks).issued_pdf.read()

    assert len(answered) == 2  # the leader's signature, then the commune's
    signatures = list(PdfFileReader(io.BytesIO(stored)).embedded_signatures)
    assert all(has_timestamp_token(signature) for signature in signatures)
    verification = verify_pdf(stored)
    assert verification.accepted, verification.problems
    assert all(s.timestamp_at is not None and s.intact and s.trusted for s in verification.signatures)


def test_without_an_authority_the_signatures_carry_no_timestamp(
    world, pkcs12_keys, settings, django_capture_on_commit_callbacks
):
    settings.PDF_SIGNING_TSA_URL = ""
    stored = issue(world, django_capture_on_commit_callbacks).issued_pdf.read()
    assert all(s.timestamp_at is None for s in verify_pdf(stored).signatures)


def test_an_authority_that_does_not_answer_leaves_the_plan_approved_with_a_clear_error(
    world, pkcs12_keys, settings, django_capture_on_commit_callbacks
):
    """The timestamp is part of the signature: without it nothing is issued and no number is used."""
    settings.PDF_SIGNING_TSA_URL = "http://127.0.0.1:9/tsa"  # the discard port: nothing listens
    settings.PDF_SIGNING_TSA_TIMEOUT = 2
    with pytest.raises(Exception) as refused:
        issue(world, django_capture_on_commit_callbacks)
    assert "dấu thời gian" in str(refused.value)
    plan = Plan.objects.get()
    assert (plan.status, plan.number) == (PlanStatus.APPROVED, None)
