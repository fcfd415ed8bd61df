"""Where the keys are: a PKCS#12 file, a PKCS#11 token or HSM, or a remote signing service.

Each backend turns a key label into a pyHanko `Signer`. A label names one key
and its certificate: `unit-<id>` for an agency's seal, `user-<id>` for a person
(signing/service.py picks them). The backend in use and its secrets come from
settings (PDF_SIGNING_BACKEND, SIGNING_* in danvan/settings.py), read from the
environment, never from the database.
"""

import functools
import hashlib
import importlib
from pathlib import Path
from typing import Protocol

from asn1crypto import tsp
from asn1crypto import x509 as asn1_x509
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import padding
from django.conf import settings
from pyhanko.sign import attributes, signers
from pyhanko.sign.general import as_signing_certificate_v2
from pyhanko_certvalidator.registry import SimpleCertificateStore
from pyhanko_certvalidator.util import get_pyca_cryptography_hash

from danvan.documents import DocumentError


class SigningError(DocumentError):
    """A signature could not be made; the message is Vietnamese and names what to fix."""


class Backend(Protocol):
    def signer(self, label: str) -> signers.Signer:
        """Return a signer for the key named `label`, or raise SigningError."""

    def close(self) -> None:
        """Release sessions the backend opened (tokens have few)."""


@functools.lru_cache(maxsize=64)
def _signing_certificate_der(cert_der: bytes) -> bytes:
    return as_signing_certificate_v2(asn1_x509.Certificate.load(cert_der)).dump()


class _EncodedSigningCertificateV2(tsp.SigningCertificateV2):
    """A signing-certificate-v2 value that serialises to the DER bytes it was parsed from.

    asn1crypto takes a length header ending in 0x80 for BER's indefinite length and
    then re-encodes everything inside, though a definite length of 128 bytes also
    ends so (81 80). The attribute around this value is 128 bytes long for some
    certificates (the bench's CA name makes it so), and re-encoding it compares the
    default digest algorithm hundreds of times: 7 ms a signature. The bytes here are
    DER already (asn1crypto wrote them), and nothing changes the value after.
    """

    _der: bytes | None = None

    def dump(self, force=False):
        if self._der is not None and not self._is_mutated():
            return self._der
        return super().dump(force=force)

    def _copy(self, other, copy_func):
        super()._copy(other, copy_func)
        self._der = other._der  # asn1crypto copies values when it retags the signed attributes


class _CachedSigningCertificate(attributes.SigningCertificateV2Provider):
    """The signing-certificate-v2 attribute, built once per certificate and then parsed from its DER.

    The attribute names the signer's certificate by its hash. pyHanko builds it
    anew for every signature, and asn1crypto then serialises the freshly built
    value several times over: about half the time of a signature. Parsed from
    the same bytes, it serialises for free, and the attribute is byte for byte the same.
    """

    async def build_attr_value(self, dry_run=False) -> tsp.SigningCertificateV2:
        der = _signing_certificate_der(self.signing_cert.dump())
        value = _EncodedSigningCertificateV2.load(der)
        value._der = der
        return value


class _CachedAttributes(attributes.SignedAttributeProviderSpec):
    """pyHanko's signed attributes for a signature, with the certificate attribute taken from the cache."""

    def __init__(self, inner: attributes.SignedAttributeProviderSpec):
        self.inner = inner

    def signed_attr_providers(self, data_digest: bytes, digest_algorithm: str):
        for provider in self.inner.signed_attr_providers(data_digest=data_digest, digest_algorithm=digest_algorithm):
            if type(provider) is attributes.SigningCertificateV2Provider:
                provider = _CachedSigningCertificate(signing_cert=provider.signing_cert)
            yield provider


class CachedAttributesMixin:
    """Give a pyHanko signer the cached certificate attribute (see _CachedSigningCertificate).

    Hooks pyHanko's `_signed_attr_provider_spec` (internal, stable since 0.14):
    tests/signing/test_backends.py checks the attribute still matches pyHanko's own.
    """

    def _signed_attr_provider_spec(self, *args, **kwargs):
        return _CachedAttributes(super()._signed_attr_provider_spec(*args, **kwargs))


class LoadedKeySigner(CachedAttributesMixin, signers.SimpleSigner):
    """pyHanko's in-memory signer, keeping the RSA key loaded between signatures.

    SimpleSigner parses and checks the private key again for every signature (a
    costly RSA consistency check); a deployment signs many documents with one key.
    """

    _loaded = None

    def sign_raw(self, data: bytes, digest_algorithm: str) -> bytes:
        if self.get_signature_mechanism_for_digest(digest_algorithm).signature_algo != "rsassa_pkcs1v15":
            return super().sign_raw(data, digest_algorithm)
        if self._loaded is None:
            self._loaded = serialization.load_der_private_key(self.signing_key.dump(), password=None)
        return self._loaded.sign(data, padding.PKCS1v15(), get_pyca_cryptography_hash(digest_algorithm))


class Pkcs12Backend:
    """Keys in `<folder>/<label>.p12`, all protected by one passphrase (from the environment)."""

    def __init__(self, folder: Path, passphrase: str):
        self.folder = Path(folder)
        self.passphrase = passphrase.encode() if passphrase else None
        self._cache: dict[str, tuple[float, signers.Signer]] = {}

    def signer(self, label: str) -> signers.Signer:
        path = self.folder / f"{label}.p12"
        try:
            mtime = path.stat().st_mtime
        except OSError as error:
            raise SigningError(f"Không tìm thấy tệp chứng thư số “{path.name}” (khóa {label}).") from error
        cached = self._cache.get(label)
        if cached and cached[0] == mtime:
            return cached[1]
        try:
            loaded = signers.SimpleSigner.load_pkcs12_data(path.read_bytes(), (), passphrase=self.passphrase)
            signer = LoadedKeySigner(loaded.signing_cert, loaded.signing_key, loaded.cert_registry)
        except Exception as error:
            raise SigningError(f"Không mở được tệp chứng thư số “{path.name}”: sai mật khẩu hoặc tệp hỏng.") from error
        self._cache[label] = (mtime, signer)
        return signer

    def close(self) -> None:
        self._cache.clear()


@functools.cache
def _pkcs11_signer_class():
    from pyhanko.sign.pkcs11 import PKCS11Signer  # needs python-pkcs11, imported only when a token is used

    class CachedPkcs11Signer(CachedAttributesMixin, PKCS11Signer):
        """pyHanko's token signer with the cached certificate attribute."""

    return CachedPkcs11Signer


class Pkcs11Backend:
    """Keys on a token or HSM through its PKCS#11 module; the key and its certificate carry the label."""

    def __init__(self, module: str, token_label: str, pin: str):
        self.module, self.token_label, self.pin = module, token_label, pin
        self._session = None

    def _open(self):
        if self._session is None:
            from pyhanko.config.pkcs11 import TokenCriteria
            from pyhanko.sign.pkcs11 import open_pkcs11_session

            try:
                self._session = open_pkcs11_session(
                    self.module, token_criteria=TokenCriteria(label=self.token_label), user_pin=self.pin
                )
            except Exception as error:
                raise SigningError(
                    f"Không mở được token ký số “{self.token_label}”: kiểm tra thư viện PKCS#11 và mã PIN."
                ) from error
        return self._session

    def signer(self, label: str) -> signers.Signer:
        session = self._open()
        try:
            return _pkcs11_signer_class()(session, cert_label=label, key_label=label)
        except Exception as error:
            raise SigningError(f"Token không có khóa hoặc chứng thư số “{label}”.") from error

    def close(self) -> None:
        if self._session is not None:
            self._session.close()
            self._session = None


class RemoteSigningService(Protocol):
    """A remote signing service in the CSC style (Cloud Signature Consortium API) such as VNPT SmartCA or Viettel MySign.

    The portal sends only a hash: the document never leaves it. An adapter maps a
    key label to the service's credential and calls its API (credentials/info,
    signatures/signHash), waiting for the person to confirm on their phone.
    """

    def certificates(self, label: str) -> list[bytes]:
        """Return the DER certificates of the credential: the signer's first, then its chain."""

    def sign_hash(self, label: str, digest: bytes, digest_algorithm: str) -> bytes:
        """Return the raw signature (PKCS#1 v1.5 for RSA) of `digest`, a hash made with `digest_algorithm`."""


class RemoteSigner(CachedAttributesMixin, signers.Signer):
    """A pyHanko signer that hashes locally and asks a remote service for the raw signature."""

    def __init__(self, service: RemoteSigningService, label: str):
        chain = [asn1_x509.Certificate.load(der) for der in service.certificates(label)]
        if not chain:
            raise SigningError(f"Dịch vụ ký số từ xa không trả về chứng thư số của “{label}”.")
        registry = SimpleCertificateStore.from_certs(chain[1:]) if len(chain) > 1 else None
        super().__init__(signing_cert=chain[0], cert_registry=registry)
        self.service, self.label = service, label

    async def async_sign_raw(self, data: bytes, digest_algorithm: str, dry_run=False) -> bytes:
        size = self.signing_cert.public_key.byte_size
        if dry_run:
            return bytes(size)
        try:
            return self.service.sign_hash(self.label, hashlib.new(digest_algorithm, data).digest(), digest_algorithm)
        except Exception as error:
            raise SigningError(f"Dịch vụ ký số từ xa không ký được bằng khóa “{self.label}”: {error}") from error


class RemoteBackend:
    """Keys held by a remote signing service reached through an adapter class named in settings."""

    def __init__(self, service: RemoteSigningService):
        self.service = service

    def signer(self, label: str) -> signers.Signer:
        try:
            return RemoteSigner(self.service, label)
        except SigningError:
            raise
        except Exception as error:
            raise SigningError(f"Không lấy được chứng thư số “{label}” từ dịch vụ ký số từ xa: {error}") from error

    def close(self) -> None:
        pass


def _import(dotted: str):
    module, _, name = dotted.rpartition(".")
    return getattr(importlib.import_module(module), name)


def configured_backend() -> Backend | None:
    """Return the backend the settings name, or None when signing is off (PDF_SIGNING_BACKEND empty)."""
    kind = settings.PDF_SIGNING_BACKEND
    if not kind:
        return None
    if kind == "pkcs12":
        return Pkcs12Backend(settings.PDF_SIGNING_PKCS12_DIR, settings.PDF_SIGNING_PKCS12_PASSPHRASE)
    if kind == "pkcs11":
        return Pkcs11Backend(
            settings.PDF_SIGNING_PKCS11_MODULE, settings.PDF_SIGNING_PKCS11_TOKEN, settings.PDF_SIGNING_PKCS11_PIN
        )
    if kind == "remote":
        return RemoteBackend(_import(settings.PDF_SIGNING_REMOTE_SERVICE)())
    raise SigningError(f"PDF_SIGNING_BACKEND “{kind}” không hợp lệ: dùng pkcs12, pkcs11 hoặc remote.")
