"""Verifying the signatures of a PDF signed elsewhere (the provincial e-office, a CA's signing tool).

Every signature is checked for integrity, whole-file coverage, a chain to the
trust roots configured as files (PDF_SIGNING_TRUST_ROOTS: the Government specialised
root of Ban Cơ yếu Chính phủ, the Vietnam National Root CA), validity at the time
of signing and revocation against the CRL files configured (PDF_SIGNING_CRLS). Nothing
is fetched: URLs named in a certificate are ignored, since an uploaded file would
otherwise make the portal call any address. The result reads as TT 15/2025/TT-BKHCN
asks: issuing CA, signer, organisation, signing or timestamp time, integrity,
validity, and a warning when revocation could not be checked.
"""

import io
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from asn1crypto import crl as asn1_crl
from asn1crypto import pem
from asn1crypto import x509 as asn1_x509
from django.conf import settings
from django.utils.timezone import localtime
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.validation import validate_pdf_signature
from pyhanko.sign.validation.settings import KeyUsageConstraints
from pyhanko.sign.validation.status import ModificationLevel, SignatureCoverageLevel
from pyhanko_certvalidator import ValidationContext

from signing.filecache import FileCache

# Vietnamese certificates differ in key usage; accept either until real ones say otherwise (ecosystem.md).
KEY_USAGE = KeyUsageConstraints(key_usage={"digital_signature", "non_repudiation"}, match_all_key_usages=False)


@dataclass
class SignatureResult:
    """What one signature says and whether it holds, in the words shown to the official."""

    field: str
    signer: str
    organisation: str
    issuer: str
    signed_at: datetime | None
    timestamp_at: datetime | None
    intact: bool
    covers_whole_file: bool
    trusted: bool
    revoked: bool
    revocation_checked: bool
    problems: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems

    def as_dict(self) -> dict:
        """Return the result as JSON, the times both as ISO 8601 and as shown (dd/mm/yyyy, Vietnam time)."""
        data = dict(self.__dict__)
        for key in ("signed_at", "timestamp_at"):
            moment = data[key]
            data[key] = moment.isoformat() if moment else None
            data[f"{key}_text"] = f"{localtime(moment):%d/%m/%Y %H:%M:%S}" if moment else ""
        return data


@dataclass
class Verification:
    """The verdict on a whole file: refused with reasons, or accepted with warnings to show."""

    signatures: list[SignatureResult]
    problems: list[str]

    @property
    def accepted(self) -> bool:
        return not self.problems

    @property
    def warnings(self) -> list[str]:
        return [
            f"Chữ ký của {s.signer}: không kiểm tra được tình trạng thu hồi chứng thư số "
            "(chưa cấu hình danh sách thu hồi CRL của tổ chức cấp)."
            for s in self.signatures
            if not s.revocation_checked and not s.revoked
        ]


def _pem_or_der(kind):
    """Return a loader of the `kind` objects (certificates or CRLs) in a PEM file (one or more) or a DER file."""

    def load(path: Path) -> tuple:
        data = path.read_bytes()
        if pem.detect(data):
            return tuple(kind.load(der) for _type, _headers, der in pem.unarmor(data, multiple=True))
        return (kind.load(data),)

    return load


# Kept between verifications: a CA's CRL can hold many thousands of entries, and asn1crypto keeps
# on each object what it has parsed, so a kept CRL is also checked faster the next time.
_CERTIFICATES = FileCache(_pem_or_der(asn1_x509.Certificate))
_CRLS = FileCache(_pem_or_der(asn1_crl.CertificateList))


def _load_certificates(paths) -> list[asn1_x509.Certificate]:
    return [cert for path in paths for cert in _CERTIFICATES.get(path)]


def _load_crls(paths) -> list[asn1_crl.CertificateList]:
    return [crl for path in paths for crl in _CRLS.get(path)]


def _attribute(name: asn1_x509.Name, key: str) -> str:
    value = name.native.get(key, "")
    return ", ".join(value) if isinstance(value, list) else str(value or "")


def _crl_covers(embedded, crls: list[asn1_crl.CertificateList]) -> bool:
    """Return whether a configured CRL was issued by the CA that issued the signer's certificate."""
    issuer = embedded.signer_cert.issuer.dump()
    return any(c["tbs_cert_list"]["issuer"].dump() == issuer for c in crls)


def _validate(embedded, roots, crls, mode: str):
    context = ValidationContext(
        trust_roots=roots,
        crls=crls,
        allow_fetching=False,
        revocation_mode=mode,
        moment=embedded.self_reported_timestamp,
        retroactive_revinfo=True,
    )
    return validate_pdf_signature(embedded, context, key_usage_settings=KEY_USAGE)


def _check(embedded, roots, crls) -> SignatureResult:
    # With a CRL of the issuing CA configured, revocation is required (pyHanko otherwise skips CRLs for a
    # certificate naming no distribution point); when the chain needs more than the files hold, fall back
    # to soft-fail and warn that revocation was not checked.
    checked = _crl_covers(embedded, crls)
    status = _validate(embedded, roots, crls, "require" if checked else "soft-fail")
    if checked and not status.trusted and not status.revoked:
        checked, status = False, _validate(embedded, roots, crls, "soft-fail")
    cert = status.signing_cert
    timestamp = status.timestamp_validity.timestamp if status.timestamp_validity else None
    whole = status.coverage == SignatureCoverageLevel.ENTIRE_FILE or (
        status.coverage == SignatureCoverageLevel.ENTIRE_REVISION
        and status.modification_level is not None
        and status.modification_level <= ModificationLevel.FORM_FILLING
        and status.docmdp_ok is not False
    )
    result = SignatureResult(
        field=embedded.field_name,
        signer=_attribute(cert.subject, "common_name"),
        organisation=_attribute(cert.subject, "organization_name"),
        issuer=_attribute(cert.issuer, "common_name"),
        signed_at=embedded.self_reported_timestamp,
        timestamp_at=timestamp,
        intact=status.intact and status.valid,
        covers_whole_file=whole,
        trusted=status.trusted,
        revoked=status.revoked,
        revocation_checked=checked,
    )
    if not result.intact:
        result.problems.append("Nội dung đã bị thay đổi sau khi ký (chữ ký không còn toàn vẹn).")
    elif not whole:
        result.problems.append("Tệp đã bị sửa sau khi ký: chữ ký không bao trùm toàn bộ tệp.")
    if result.revoked:
        result.problems.append("Chứng thư số đã bị thu hồi trước thời điểm ký.")
    elif result.intact and not result.trusted:
        result.problems.append(
            "Chứng thư số không hợp lệ tại thời điểm ký hoặc không xác thực được đến chứng thư gốc tin cậy đã cấu hình."
        )
    return result


def verify_pdf(pdf: bytes, *, trust_roots=None, crls=None) -> Verification:
    """Check every signature of `pdf` against the configured (or given) trust roots and CRL files."""
    try:
        roots = _load_certificates(settings.PDF_SIGNING_TRUST_ROOTS if trust_roots is None else trust_roots)
        revocations = _load_crls(settings.PDF_SIGNING_CRLS if crls is None else crls)
    except (OSError, ValueError) as error:
        return Verification([], [f"Không đọc được chứng thư gốc hoặc danh sách thu hồi đã cấu hình: {error}"])
    try:
        reader = PdfFileReader(io.BytesIO(pdf), strict=False)
        embedded = list(reader.embedded_signatures)
    except Exception:
        return Verification([], ["Không đọc được tệp PDF."])
    if not embedded:
        return Verification([], ["Tệp PDF không có chữ ký số nào."])
    if not roots:
        return Verification(
            [], ["Chưa cấu hình chứng thư gốc tin cậy (PDF_SIGNING_TRUST_ROOTS): chưa kiểm tra được chữ ký."]
        )
    results = []
    for signature in embedded:
        try:
            results.append(_check(signature, roots, revocations))
        except Exception:
            return Verification(
                results, [f"Không kiểm tra được chữ ký “{signature.field_name}”: cấu trúc chữ ký hỏng."]
            )
    problems = [f"{r.signer or r.field}: {p}" for r in results for p in r.problems]
    return Verification(results, problems)
