"""A small certificate authority built with `cryptography`, for the demo and the tests only.

Real deployments use certificates from a licensed CA (Ban Cơ yếu Chính phủ, VNPT,
Viettel…); the portal never issues certificates itself. The demo's CA says in its
name that it has no legal value, so nobody mistakes its signatures for real ones.
"""

import datetime
from dataclasses import dataclass

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID


@dataclass(frozen=True)
class Issued:
    """A private key with its certificate, as a CA hands them out."""

    key: rsa.RSAPrivateKey
    cert: x509.Certificate

    def cert_pem(self) -> bytes:
        return self.cert.public_bytes(serialization.Encoding.PEM)

    def cert_der(self) -> bytes:
        return self.cert.public_bytes(serialization.Encoding.DER)

    def pkcs12(self, *, name: str, passphrase: bytes, chain: list[x509.Certificate]) -> bytes:
        """Return the key, its certificate and the chain as one password-protected PKCS#12 file."""
        return pkcs12.serialize_key_and_certificates(
            name.encode(),
            self.key,
            self.cert,
            chain,
            serialization.BestAvailableEncryption(passphrase),
        )


def _name(common_name: str, organisation: str | None = None) -> x509.Name:
    parts = [x509.NameAttribute(NameOID.COUNTRY_NAME, "VN")]
    if organisation:
        parts.append(x509.NameAttribute(NameOID.ORGANIZATION_NAME, organisation))
    parts.append(x509.NameAttribute(NameOID.COMMON_NAME, common_name))
    return x509.Name(parts)


def _new_key() -> rsa.RSAPrivateKey:
    return rsa.generate_private_key(public_exponent=65537, key_size=2048)


def make_ca(common_name: str, *, now: datetime.datetime | None = None, years: int = 10) -> Issued:
    """Return a self-signed root CA."""
    now = now or datetime.datetime.now(datetime.UTC)
    key = _new_key()
    name = _name(common_name)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(days=1))
        .not_valid_after(now + datetime.timedelta(days=365 * years))
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .add_extension(x509.KeyUsage(False, False, False, False, False, True, True, False, False), critical=True)
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
        .sign(key, hashes.SHA256())
    )
    return Issued(key, cert)


def issue(
    ca: Issued,
    common_name: str,
    *,
    organisation: str | None = None,
    now: datetime.datetime | None = None,
    days: int = 3 * 365,
    crl_url: str | None = None,
    timestamping: bool = False,
) -> Issued:
    """Return a signing certificate for a person or an organisation, issued by `ca`; with `timestamping`, the
    certificate of a timestamp authority (RFC 3161 wants that single purpose, marked critical)."""
    now = now or datetime.datetime.now(datetime.UTC)
    key = _new_key()
    builder = (
        x509.CertificateBuilder()
        .subject_name(_name(common_name, organisation))
        .issuer_name(ca.cert.subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(hours=1))
        .not_valid_after(now + datetime.timedelta(days=days))
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(x509.KeyUsage(True, True, False, False, False, False, False, False, False), critical=True)
        .add_extension(
            x509.ExtendedKeyUsage(
                [ExtendedKeyUsageOID.TIME_STAMPING if timestamping else ExtendedKeyUsageOID.EMAIL_PROTECTION]
            ),
            critical=timestamping,
        )
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
        .add_extension(x509.AuthorityKeyIdentifier.from_issuer_public_key(ca.key.public_key()), critical=False)
    )
    if crl_url:
        point = x509.DistributionPoint([x509.UniformResourceIdentifier(crl_url)], None, None, None)
        builder = builder.add_extension(x509.CRLDistributionPoints([point]), critical=False)
    return Issued(key, builder.sign(ca.key, hashes.SHA256()))


def crl(ca: Issued, *, revoked: list[x509.Certificate] = (), now: datetime.datetime | None = None) -> bytes:
    """Return a DER certificate revocation list of `ca` naming `revoked`."""
    now = now or datetime.datetime.now(datetime.UTC)
    builder = (
        x509.CertificateRevocationListBuilder()
        .issuer_name(ca.cert.subject)
        .last_update(now - datetime.timedelta(minutes=5))
        .next_update(now + datetime.timedelta(days=7))
        .add_extension(x509.AuthorityKeyIdentifier.from_issuer_public_key(ca.key.public_key()), critical=False)
        .add_extension(x509.CRLNumber(1), critical=False)
    )
    for cert in revoked:
        entry = (
            x509.RevokedCertificateBuilder()
            .serial_number(cert.serial_number)
            .revocation_date(now - datetime.timedelta(minutes=10))
            .build()
        )
        builder = builder.add_revoked_certificate(entry)
    return builder.sign(ca.key, hashes.SHA256()).public_bytes(serialization.Encoding.DER)
