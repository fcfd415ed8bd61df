"""The issued copy of an official document: rendered when it is issued, kept with its SHA-256.

Every later download serves those exact bytes, checked against the digest, even after
the templates or the stylesheet change. A model that keeps a copy has two fields,
`issued_pdf` (a FileField) and `issued_pdf_sha256`; its app says how to render it
(`render`), whether it is issued yet (`is_issued`), where to file it (`path`) and what
to call it in the audit trail (`label`).

Issuing goes through `IssuedCopy.issue`: the document is rendered first, as it will read
once issued (number, date, no draft mark), and only then are the number taken, the move
made and the copy stored, in one transaction. A document that cannot be rendered is
therefore never issued: it stays approved and no number is used, so numbers stay
gap-free and no issued document is ever without its copy. `save_copy` is the one place
that stores a copy (and writes the audit row with the digest).
"""

import copy
import hashlib
import logging
from collections.abc import Callable
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import IntegrityError, models, transaction
from django.db.models import Max

from danvan.audit import audit
from danvan.documents import DocumentError
from danvan.models import AuditAction

logger = logging.getLogger(__name__)

# How often issuing renders again when another document took the predicted number meanwhile.
ISSUE_ATTEMPTS = 3


@dataclass(frozen=True)
class IssuedCopy:
    model: type[models.Model]
    render: Callable[[models.Model], bytes]
    is_issued: Callable[[models.Model], bool]
    path: Callable[[models.Model, str], str]  # (document, digest) -> storage name
    label: Callable[[models.Model], str]  # the document as the audit trail names it

    def save_copy(self, document, pdf: bytes):
        """Store `pdf` as the issued copy of `document` with its SHA-256 and write the audit row.

        The one place that stores a copy. Keeps an earlier copy if there is one (then
        the new file is removed); call it inside the transaction that issues the document.
        """
        # Digital signatures (signing/): the stored record is the signed file. A failure raises SigningError
        # inside the issuing transaction, so the document stays approved and no number is used.
        # Imported here so that only storing an issued copy loads pyHanko.
        from signing.service import sign_issued_copy

        pdf = sign_issued_copy(document, pdf)
        digest = hashlib.sha256(pdf).hexdigest()
        storage = self.model._meta.get_field("issued_pdf").storage
        name = storage.save(self.path(document, digest), ContentFile(pdf))
        # A plain update: the copy is not an edit, so it writes no history row and bumps no version.
        rows = self.model._default_manager.filter(pk=document.pk, issued_pdf_sha256="")
        try:
            stored = rows.update(issued_pdf=name, issued_pdf_sha256=digest)
        except Exception:
            storage.delete(name)
            raise
        if not stored:
            storage.delete(name)
        else:
            audit(AuditAction.ISSUE, obj=document, summary=f"Lưu bản ban hành {self.label(document)}", sha256=digest)
        document.refresh_from_db()
        return document

    def store(self, pk: int):
        """Render an issued document that has no copy yet and store it; keep an earlier copy if any.

        For documents issued before copies were taken at issuance. Safe to call twice or
        from two requests at once: only the first stored copy is kept.
        """
        document = self.model._default_manager.get(pk=pk)
        if document.issued_pdf_sha256 or not self.is_issued(document):
            return document
        with transaction.atomic():
            return self.save_copy(document, self.render(document))

    def issue(self, document, *, lifecycle, by, status, take_number: Callable[..., dict], taken: str):
        """Render `document` as issued, then take its number, move it to `status` and store the copy, atomically.

        `take_number(lock=...)` returns the fields issuing sets (number, dates, signer):
        first without a lock, to render the document as it will read; then under the
        issuing unit's row lock, inside the transaction of the move. If another document
        took that number meanwhile, the document is rendered again with the next one.
        Raise ValidationError, with the document unchanged and no number used, when the
        document cannot be rendered, or with `taken` when the unique constraint refuses the number.
        """
        for _attempt in range(ISSUE_ATTEMPTS):
            changes = take_number(lock=False)
            pdf = self._render_issued(document, status=status, changes=changes)
            with transaction.atomic():
                if take_number(lock=True)["number"] != changes["number"]:
                    continue  # taken meanwhile: render again with the next number
                return self.save_copy(_issue_move(document, lifecycle, by=by, changes=changes, taken=taken), pdf)
        raise ValidationError("Số văn bản vừa được cấp cho văn bản khác nhiều lần liên tiếp; xin bấm Ban hành lại.")

    def _render_issued(self, document, *, status, changes: dict) -> bytes:
        preview = copy.copy(document)
        for name, value in {**changes, "status": status}.items():
            setattr(preview, name, value)
        try:
            return self.render(preview)
        except DocumentError as error:
            logger.warning("Issuing %s %s refused: its PDF could not be rendered", self.model, document.pk)
            raise ValidationError(
                f"Chưa ban hành được vì không dựng được bản PDF chính thức: {error.message} "
                "Văn bản vẫn ở trạng thái đã duyệt và chưa lấy số văn bản."
            ) from error

    def bytes(self, document) -> bytes:
        """Return the stored copy of an issued document, storing it first if it was issued before copies were kept."""
        if not document.issued_pdf_sha256:
            document = self.store(document.pk)
        with document.issued_pdf.open("rb") as stored:
            pdf = stored.read()
        if hashlib.sha256(pdf).hexdigest() != document.issued_pdf_sha256:
            logger.error("Stored PDF of %s %s does not match its SHA-256", self.model, document.pk)
            raise DocumentError("Bản PDF lưu trữ không khớp mã kiểm tra SHA-256. Xin báo quản trị hệ thống.")
        return pdf

    def pdf(self, document) -> bytes:
        """Return the PDF to hand out: the stored record of an issued document, or a fresh render of any other."""
        return self.bytes(document) if self.is_issued(document) else self.render(document)


def next_number(series: models.QuerySet, *, unit_id: int, lock: bool) -> int:
    """Return the number after the last one of `series` (one issuing unit's documents of a year and kind).

    With `lock`, the issuing unit's row is held first, so two issuances of one unit never read the same
    last number; the unique constraint on the number is the backstop.
    """
    if lock:
        from units.models import Unit

        Unit.objects.select_for_update().get(pk=unit_id)
    return (series.aggregate(last=Max("number"))["last"] or 0) + 1


def _issue_move(document, lifecycle, *, by, changes: dict, taken: str):
    from danvan.workflow import move

    try:
        with transaction.atomic():
            return move(document, lifecycle, "issue", by=by, **changes)
    except IntegrityError as error:
        raise ValidationError(taken) from error
