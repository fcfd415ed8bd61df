"""The issued copy of an official document: rendered once when it is issued, kept with its SHA-256.

Every later download serves those exact bytes, checked against the digest, even after
the templates or the stylesheet change. A model that keeps a copy has two fields,
`issued_pdf` (a FileField) and `issued_pdf_sha256`; its app says how to render it
(`render`), whether it is issued yet (`is_issued`), where to file it (`path`) and what
to call it in the audit trail (`label`). Storing writes the audit row of the issuance
with the digest.
"""

import hashlib
import logging
from collections.abc import Callable
from dataclasses import dataclass

from django.core.files.base import ContentFile
from django.db import models, transaction

from danvan.audit import audit
from danvan.documents import DocumentError
from danvan.models import AuditAction

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class IssuedCopy:
    model: type[models.Model]
    render: Callable[[models.Model], bytes]
    is_issued: Callable[[models.Model], bool]
    path: Callable[[models.Model, str], str]  # (document, digest) -> storage name
    label: Callable[[models.Model], str]  # the document as the audit trail names it

    def store(self, pk: int):
        """Render an issued document once and keep the bytes and their SHA-256 on it; keep an earlier copy if any.

        Safe to call twice or from two requests at once: only the first stored copy is kept.
        """
        document = self.model._default_manager.get(pk=pk)
        if document.issued_pdf_sha256 or not self.is_issued(document):
            return document
        pdf = self.render(document)
        # Digital signatures (signing/): the stored record is the signed file; a failure raises SigningError.
        # Imported here so that only storing an issued copy loads pyHanko.
        from signing.service import sign_issued_copy

        pdf = sign_issued_copy(document, pdf)
        digest = hashlib.sha256(pdf).hexdigest()
        storage = self.model._meta.get_field("issued_pdf").storage
        name = storage.save(self.path(document, digest), ContentFile(pdf))
        # A plain update: the copy is not an edit, so it writes no history row and bumps no version.
        rows = self.model._default_manager.filter(pk=pk, issued_pdf_sha256="")
        if not rows.update(issued_pdf=name, issued_pdf_sha256=digest):
            storage.delete(name)
        else:
            audit(AuditAction.ISSUE, obj=document, summary=f"Lưu bản ban hành {self.label(document)}", sha256=digest)
        document.refresh_from_db()
        return document

    def store_on_commit(self, pk: int) -> None:
        """Store the issued copy once the issuing transaction has committed.

        A failure is logged, not raised: the document is issued all the same, and
        the first download stores the copy instead.
        """

        def store():
            try:
                self.store(pk)
            except Exception:
                logger.exception("Could not store the issued PDF of %s %s; the first download will.", self.model, pk)

        transaction.on_commit(store)

    def bytes(self, document) -> bytes:
        """Return the stored copy of an issued document, storing it first if the issue did not."""
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
