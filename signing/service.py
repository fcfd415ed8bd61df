"""Signing an issued document: first the competent person, then the agency (NĐ 30/2020, Art. 13.7 and 17.2).

`sign_issued` is called by danvan/issued.py before the issued copy is hashed and
stored, so the stored record is the signed file. It raises SigningError when a
key, a certificate or the token is missing, and the issuance does not complete.
With PDF_SIGNING_BACKEND empty it returns the PDF unchanged (see docs/signing.md).
"""

import io
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.sign import fields, signers
from pyhanko.sign.timestamps.common_utils import TimestampRequestError
from pyhanko.sign.timestamps.requests_client import RequestsHTTPTimeStamper

from signing.appearance import anchored, image_style, locate
from signing.backends import Backend, SigningError, configured_backend

SIGNER_FIELD = "ChuKyNguoiCoThamQuyen"
AGENCY_FIELD = "ChuKySoCoQuan"
# Room for the CMS signature: a 4096-bit key, a chain of four certificates and the signed attributes fit.
SIGNATURE_BYTES = 16384
# And for the timestamp token a TSA adds (PAdES B-T): its CMS with the TSA's certificate chain.
TIMESTAMP_BYTES = 16384


@dataclass(frozen=True)
class Identity:
    """Who signs: the key label in the backend, the name written in the signature, and their image if any."""

    label: str
    name: str
    image: Path | None = None


def identity_of_unit(unit) -> Identity:
    return Identity(f"unit-{unit.pk}", unit.name, _image(f"unit-{unit.pk}"))


def identity_of_person(user) -> Identity:
    return Identity(f"user-{user.pk}", user.full_name or user.get_username(), _image(f"user-{user.pk}"))


def _image(label: str) -> Path | None:
    folder = settings.PDF_SIGNING_IMAGES_DIR
    return Path(folder) / f"{label}.png" if folder else None


def signer_for(unit, signer_name: str):
    """Return the leader of `unit` named `signer_name` (the person printed above the name line), or raise."""
    from units.choices import Role
    from units.models import User

    person = User.objects.filter(unit=unit, role=Role.LEADER, full_name=signer_name, is_active=True).first()
    if person is None:
        raise SigningError(
            f"Không xác định được người ký “{signer_name}” trong số lãnh đạo của {unit.name}: chưa ký số được văn bản."
        )
    return person


_backend: Backend | None = None
_backend_key = None


def backend() -> Backend | None:
    """Return the configured backend, kept between calls (a token session and loaded keys are reused)."""
    global _backend, _backend_key
    key = (settings.PDF_SIGNING_BACKEND, settings.PDF_SIGNING_PKCS12_DIR, settings.PDF_SIGNING_PKCS11_MODULE)
    if _backend is None or key != _backend_key:
        if _backend is not None:
            _backend.close()
        _backend, _backend_key = configured_backend(), key
    return _backend


def _sign_once(writer, signer: signers.Signer, *, field: str, name: str, page: int, box, style) -> bytes:
    visible = box if style is not None else None
    fields.append_signature_field(writer, fields.SigFieldSpec(field, on_page=page, box=visible))
    meta = signers.PdfSignatureMetadata(
        field_name=field,
        md_algorithm="sha256",
        subfilter=fields.SigSeedSubFilter.PADES,
        name=name,
        location=settings.PDF_SIGNING_LOCATION or None,
    )
    output = io.BytesIO()
    stamper = timestamper()
    # A fixed reservation spares pyHanko a trial signature to size the container (half the signing time).
    signers.PdfSigner(meta, signer=signer, stamp_style=style, timestamper=stamper).sign_pdf(
        writer, bytes_reserved=SIGNATURE_BYTES + (TIMESTAMP_BYTES if stamper else 0), output=output
    )
    return output.getvalue()


def timestamper() -> RequestsHTTPTimeStamper | None:
    """Return the client of the configured timestamp authority (PAdES B-T), or None (B-B) when there is none."""
    if not settings.PDF_SIGNING_TSA_URL:
        return None
    return RequestsHTTPTimeStamper(settings.PDF_SIGNING_TSA_URL, timeout=settings.PDF_SIGNING_TSA_TIMEOUT)


def sign_issued(pdf_bytes: bytes, *, signer: Identity, agency: Identity, using: Backend | None = None) -> bytes:
    """Return the PDF signed by `signer` and then sealed by `agency`; unchanged when signing is off."""
    chosen = using or backend()
    if chosen is None:
        return pdf_bytes
    try:
        writer = IncrementalPdfFileWriter(io.BytesIO(pdf_bytes))
        # The portal's documents carry the signature block's position; an older copy is searched by name (slow).
        placement = anchored(writer.prev) or locate(pdf_bytes, signer.name)
        page = placement.page if placement else 0
        signed = _sign_once(
            writer,
            chosen.signer(signer.label),
            field=SIGNER_FIELD,
            name=signer.name,
            page=page,
            box=placement.signature if placement else None,
            style=image_style(signer.image) if placement else None,
        )
        return _sign_once(
            IncrementalPdfFileWriter(io.BytesIO(signed)),
            chosen.signer(agency.label),
            field=AGENCY_FIELD,
            name=agency.name,
            page=page,
            box=placement.seal if placement else None,
            style=image_style(agency.image) if placement else None,
        )
    except SigningError:
        raise
    except TimestampRequestError as error:
        raise SigningError(
            f"Không lấy được dấu thời gian từ máy chủ cấp dấu thời gian ({settings.PDF_SIGNING_TSA_URL}): "
            "văn bản chưa được ký số; xin thử lại sau hoặc báo quản trị viên."
        ) from error
    except Exception as error:
        raise SigningError(f"Ký số văn bản không thành công: {error}") from error


def sign_document(pdf_bytes: bytes, *, unit, signer_name: str) -> bytes:
    """Sign an issued plan or report of `unit` whose signature block names `signer_name`."""
    if backend() is None:
        return pdf_bytes
    person = signer_for(unit, signer_name)
    return sign_issued(pdf_bytes, signer=identity_of_person(person), agency=identity_of_unit(unit))


def sign_issued_copy(document, pdf_bytes: bytes) -> bytes:
    """Sign the issued copy of a plan (`issuing_unit`) or a periodic report (`unit`) before it is stored."""
    unit = document.issuing_unit if hasattr(document, "issuing_unit") else document.unit
    return sign_document(pdf_bytes, unit=unit, signer_name=document.signer_name)
