"""Verifying signed PDFs from elsewhere: trust roots and CRLs are files, a change after signing is refused."""

import pytest
from weasyprint import HTML

from signing import pki
from signing.backends import RemoteBackend
from signing.service import Identity, sign_issued
from signing.verify import verify_pdf
from tests.signing.conftest import write_pem
from tests.signing.test_backends import FakeSmartCA

SIGNER, AGENCY = Identity("nguoi-ky", "Hà Thị Thủy"), Identity("co-quan", "Ủy ban nhân dân xã Thượng Hồng")


@pytest.fixture(scope="module")
def holders(test_ca):
    return {
        SIGNER.label: pki.issue(test_ca, SIGNER.name, organisation=AGENCY.name),
        AGENCY.label: pki.issue(test_ca, AGENCY.name, organisation=AGENCY.name),
    }


@pytest.fixture(scope="module")
def signed_pdf(holders, test_ca):
    pdf = HTML(string="<p>Kế hoạch ký ở hệ thống quản lý văn bản của tỉnh.</p>" * 40).write_pdf()
    return sign_issued(pdf, signer=SIGNER, agency=AGENCY, using=RemoteBackend(FakeSmartCA(holders, test_ca)))


@pytest.fixture
def ca_pem(tmp_path, test_ca):
    return write_pem(tmp_path / "ca.pem", test_ca.cert)


def test_an_intact_file_is_accepted_with_who_signed_and_the_issuing_ca(signed_pdf, ca_pem):
    verification = verify_pdf(signed_pdf, trust_roots=[ca_pem], crls=[])
    assert verification.accepted
    first = verification.signatures[0]
    assert (first.signer, first.organisation, first.issuer) == (
        SIGNER.name,
        AGENCY.name,
        "CA THỬ NGHIỆM CỦA BỘ KIỂM THỬ",
    )
    assert first.signed_at is not None and first.intact and first.covers_whole_file and first.trusted
    assert len(verification.warnings) == 2 and "thu hồi" in verification.warnings[0]


def _flip_a_byte_in_the_content(pdf: bytes) -> bytes:
    at = pdf.index(b"stream", 200) + 20
    return pdf[:at] + bytes([pdf[at] ^ 0x01]) + pdf[at + 1 :]


def test_a_file_changed_after_signing_is_refused_with_the_reason(signed_pdf, ca_pem):
    verification = verify_pdf(_flip_a_byte_in_the_content(signed_pdf), trust_roots=[ca_pem], crls=[])
    assert not verification.accepted
    assert any("bị thay đổi sau khi ký" in problem for problem in verification.problems)


def test_a_page_added_after_signing_is_refused(signed_pdf, ca_pem):
    import io

    from pyhanko.pdf_utils import generic
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter

    writer = IncrementalPdfFileWriter(io.BytesIO(signed_pdf))
    page = writer.root["/Pages"]["/Kids"][0].get_object()
    stream = generic.StreamObject(stream_data=b"BT /F1 12 Tf 100 100 Td (THEM) Tj ET")
    page["/Contents"] = writer.add_object(stream)
    writer.update_container(page)
    out = io.BytesIO()
    writer.write(out)
    verification = verify_pdf(out.getvalue(), trust_roots=[ca_pem], crls=[])
    assert not verification.accepted
    assert any("không bao trùm toàn bộ tệp" in problem for problem in verification.problems)


def test_a_signature_from_an_untrusted_ca_is_refused(signed_pdf, tmp_path, other_ca):
    verification = verify_pdf(signed_pdf, trust_roots=[write_pem(tmp_path / "other.pem", other_ca.cert)], crls=[])
    assert not verification.accepted
    assert any("chứng thư gốc tin cậy" in problem for problem in verification.problems)


def test_a_crl_file_clears_the_warning_and_a_revoked_certificate_is_refused(
    signed_pdf, ca_pem, tmp_path, test_ca, holders
):
    clean = tmp_path / "clean.crl"
    clean.write_bytes(pki.crl(test_ca))
    checked = verify_pdf(signed_pdf, trust_roots=[ca_pem], crls=[clean])
    assert checked.accepted and checked.warnings == []

    revoked = tmp_path / "revoked.crl"
    revoked.write_bytes(pki.crl(test_ca, revoked=[holders[AGENCY.label].cert]))
    refused = verify_pdf(signed_pdf, trust_roots=[ca_pem], crls=[revoked])
    assert not refused.accepted
    assert any("bị thu hồi" in problem for problem in refused.problems)


def test_a_pdf_without_signatures_is_refused(ca_pem):
    verification = verify_pdf(HTML(string="<p>Không ký</p>").write_pdf(), trust_roots=[ca_pem], crls=[])
    assert verification.problems == ["Tệp PDF không có chữ ký số nào."]


def test_urls_in_certificates_are_never_fetched(test_ca, tmp_path, ca_pem, monkeypatch):
    """A certificate naming a CRL address makes no request: revocation reads only the configured files."""
    import socket

    def no_network(*args, **kwargs):
        raise AssertionError("the verifier opened a network connection")

    monkeypatch.setattr(socket, "create_connection", no_network)
    monkeypatch.setattr(socket.socket, "connect", no_network)
    address = "http://169.254.169.254/ca.crl"
    named = {who.label: pki.issue(test_ca, who.name, crl_url=address) for who in (SIGNER, AGENCY)}
    pdf = HTML(string="<p>x</p>").write_pdf()
    signed = sign_issued(pdf, signer=SIGNER, agency=AGENCY, using=RemoteBackend(FakeSmartCA(named, test_ca)))
    verification = verify_pdf(signed, trust_roots=[ca_pem], crls=[])
    assert verification.accepted and len(verification.warnings) == 2


def test_a_missing_trust_root_file_is_reported_not_crashed(signed_pdf, tmp_path):
    verification = verify_pdf(signed_pdf, trust_roots=[tmp_path / "khong-co.pem"], crls=[])
    assert not verification.accepted
    assert "Không đọc được chứng thư gốc" in verification.problems[0]


def test_trust_roots_are_read_once_and_again_when_the_file_changes(signed_pdf, ca_pem, other_ca, monkeypatch):
    """The files are kept loaded between verifications, but a replaced root takes effect at once."""
    import os
    from pathlib import Path

    reads = []
    real_read = Path.read_bytes
    monkeypatch.setattr(Path, "read_bytes", lambda self: reads.append(self.name) or real_read(self))

    assert verify_pdf(signed_pdf, trust_roots=[ca_pem], crls=[]).accepted
    assert verify_pdf(signed_pdf, trust_roots=[ca_pem], crls=[]).accepted
    assert reads.count("ca.pem") == 1

    write_pem(ca_pem, other_ca.cert)
    stat = ca_pem.stat()
    os.utime(ca_pem, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000))  # a new file, even within the same tick
    assert not verify_pdf(signed_pdf, trust_roots=[ca_pem], crls=[]).accepted
