"""The same two signatures through a PKCS#11 token (SoftHSM2) and through a remote signing service (a fake)."""

import os
import shutil
import subprocess
from pathlib import Path

import pytest
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import padding
from weasyprint import HTML

from signing import pki
from signing.backends import Pkcs11Backend, RemoteBackend, SigningError
from signing.service import Identity, sign_issued
from signing.verify import verify_pdf
from tests.signing.conftest import write_pem

SOFTHSM_MODULE = next(
    (
        p
        for p in ("/usr/lib/softhsm/libsofthsm2.so", "/usr/lib/x86_64-linux-gnu/softhsm/libsofthsm2.so")
        if Path(p).exists()
    ),
    None,
)
requires_softhsm = pytest.mark.skipif(
    SOFTHSM_MODULE is None or shutil.which("softhsm2-util") is None,
    reason="SoftHSM2 is not installed (scripts/system_deps.sh test installs it)",
)
SIGNER, AGENCY = Identity("nguoi-ky", "Hà Thị Thủy"), Identity("co-quan", "Ủy ban nhân dân xã Thượng Hồng")


@pytest.fixture(scope="module")
def small_pdf():
    return HTML(string="<p>Kế hoạch thử ký số.</p>").write_pdf()


def _check_both_signed(pdf: bytes, ca_pem: Path):
    verification = verify_pdf(pdf, trust_roots=[ca_pem], crls=[])
    assert verification.accepted, verification.problems
    assert [s.signer for s in verification.signatures] == [SIGNER.name, AGENCY.name]


def _import_into_token(session, label: str, holder: pki.Issued):
    from pkcs11 import Attribute, ObjectClass
    from pkcs11.util.rsa import decode_rsa_private_key
    from pkcs11.util.x509 import decode_x509_certificate

    der_key = holder.key.private_bytes(
        serialization.Encoding.DER, serialization.PrivateFormat.TraditionalOpenSSL, serialization.NoEncryption()
    )
    key = decode_rsa_private_key(der_key)
    key.update({Attribute.LABEL: label, Attribute.ID: label.encode(), Attribute.TOKEN: True, Attribute.SIGN: True})
    session.create_object(key)
    cert = decode_x509_certificate(holder.cert_der())
    cert.update({Attribute.LABEL: label, Attribute.ID: label.encode(), Attribute.TOKEN: True})
    cert[Attribute.CLASS] = ObjectClass.CERTIFICATE
    session.create_object(cert)


@requires_softhsm
def test_signing_through_a_pkcs11_token(tmp_path, monkeypatch, test_ca, small_pdf):
    """A token created by the test holds both keys; the portal signs through PKCS#11 with the PIN."""
    import pkcs11

    tokens = tmp_path / "tokens"
    tokens.mkdir()
    config = tmp_path / "softhsm2.conf"
    config.write_text(f"directories.tokendir = {tokens}\nobjectstore.backend = file\n")
    monkeypatch.setenv("SOFTHSM2_CONF", str(config))
    subprocess.run(
        ["softhsm2-util", "--init-token", "--free", "--label", "danvan-test", "--so-pin", "12345678", "--pin", "2468"],
        check=True,
        capture_output=True,
        env={**os.environ, "SOFTHSM2_CONF": str(config)},
    )
    token = pkcs11.lib(SOFTHSM_MODULE).get_token(token_label="danvan-test")
    with token.open(rw=True, user_pin="2468") as session:
        _import_into_token(session, SIGNER.label, pki.issue(test_ca, SIGNER.name, organisation=AGENCY.name))
        _import_into_token(session, AGENCY.label, pki.issue(test_ca, AGENCY.name, organisation=AGENCY.name))

    backend = Pkcs11Backend(SOFTHSM_MODULE, "danvan-test", "2468")
    try:
        signed = sign_issued(small_pdf, signer=SIGNER, agency=AGENCY, using=backend)
    finally:
        backend.close()
    _check_both_signed(signed, write_pem(tmp_path / "ca.pem", test_ca.cert))

    wrong_pin = Pkcs11Backend(SOFTHSM_MODULE, "danvan-test", "0000")
    with pytest.raises(SigningError, match="mã PIN"):
        sign_issued(small_pdf, signer=SIGNER, agency=AGENCY, using=wrong_pin)


class FakeSmartCA:
    """A remote signing service as the adapter sees it: certificates out, a hash in, a raw signature back."""

    def __init__(self, holders: dict[str, pki.Issued], ca: pki.Issued):
        self.holders, self.ca = holders, ca
        self.received: list[tuple[str, bytes, str]] = []

    def certificates(self, label):
        return [self.holders[label].cert_der(), self.ca.cert_der()]

    def sign_hash(self, label, digest, digest_algorithm):
        self.received.append((label, digest, digest_algorithm))
        from cryptography.hazmat.primitives.asymmetric.utils import Prehashed

        return self.holders[label].key.sign(digest, padding.PKCS1v15(), Prehashed(hashes.SHA256()))


def test_signing_through_a_remote_service_sends_only_hashes(tmp_path, test_ca, small_pdf):
    holders = {
        SIGNER.label: pki.issue(test_ca, SIGNER.name, organisation=AGENCY.name),
        AGENCY.label: pki.issue(test_ca, AGENCY.name, organisation=AGENCY.name),
    }
    service = FakeSmartCA(holders, test_ca)
    signed = sign_issued(small_pdf, signer=SIGNER, agency=AGENCY, using=RemoteBackend(service))
    _check_both_signed(signed, write_pem(tmp_path / "ca.pem", test_ca.cert))
    assert [(label, len(digest), algorithm) for label, digest, algorithm in service.received] == [
        (SIGNER.label, 32, "sha256"),
        (AGENCY.label, 32, "sha256"),
    ]


def test_a_remote_service_that_refuses_gives_a_clear_error(test_ca, small_pdf):
    class Refusing(FakeSmartCA):
        def sign_hash(self, label, digest, digest_algorithm):
            raise RuntimeError("người dùng từ chối trên ứng dụng")

    service = Refusing({SIGNER.label: pki.issue(test_ca, SIGNER.name), AGENCY.label: pki.issue(test_ca, "x")}, test_ca)
    with pytest.raises(SigningError, match="từ chối"):
        sign_issued(small_pdf, signer=SIGNER, agency=AGENCY, using=RemoteBackend(service))


def test_the_certificate_attribute_is_built_once_per_certificate_and_is_pyhankos(
    tmp_path, monkeypatch, test_ca, small_pdf
):
    """The signing-certificate-v2 attribute comes from a cache, byte for byte what pyHanko builds."""
    import io

    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign.general import as_signing_certificate_v2

    from signing import backends

    for who in (SIGNER, AGENCY):
        holder = pki.issue(test_ca, who.name, organisation=AGENCY.name)
        (tmp_path / f"{who.label}.p12").write_bytes(
            holder.pkcs12(name=who.label, passphrase=b"x", chain=[test_ca.cert])
        )
    built = []
    monkeypatch.setattr(
        backends, "as_signing_certificate_v2", lambda cert: built.append(cert) or as_signing_certificate_v2(cert)
    )
    backends._signing_certificate_der.cache_clear()
    backend = backends.Pkcs12Backend(tmp_path, "x")

    signed = [sign_issued(small_pdf, signer=SIGNER, agency=AGENCY, using=backend) for _ in range(2)]

    assert len(built) == 2  # one per certificate, not one per signature
    for signature in PdfFileReader(io.BytesIO(signed[-1])).embedded_signatures:
        attributes = {a["type"].native: a["values"][0] for a in signature.signer_info["signed_attrs"]}
        assert attributes["signing_certificate_v2"].dump() == as_signing_certificate_v2(signature.signer_cert).dump()
    _check_both_signed(signed[-1], write_pem(tmp_path / "ca.pem", test_ca.cert))


def test_the_cached_attribute_is_never_re_encoded(test_ca, monkeypatch):
    """asn1crypto forces re-encoding under a 128-byte parent (its length header ends in 0x80); the cache keeps its DER."""
    import asyncio

    from asn1crypto import cms, tsp

    from signing import backends

    holder = pki.issue(test_ca, SIGNER.name, organisation=AGENCY.name)
    signer = backends.LoadedKeySigner.load_pkcs12_data(
        holder.pkcs12(name="x", passphrase=b"x", chain=[test_ca.cert]), (), passphrase=b"x"
    )
    provider = backends._CachedSigningCertificate(signing_cert=signer.signing_cert)
    value = asyncio.run(provider.build_attr_value())
    der = value.dump()
    monkeypatch.setattr(tsp.SigningCertificateV2, "_set_contents", lambda *a, **k: pytest.fail("re-encoded"))

    assert value.dump(force=True) == der
    attribute = cms.CMSAttribute({"type": "signing_certificate_v2", "values": [value]})
    assert attribute.dump(force=True).endswith(der)
