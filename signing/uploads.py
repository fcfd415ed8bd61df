"""Recording a signed PDF from elsewhere as the issued copy of a plan or report, after verifying it."""

import hashlib

from django.contrib.contenttypes.models import ContentType
from django.core.files.base import ContentFile
from django.db import transaction

from danvan.audit import audit
from danvan.models import AuditAction
from danvan.uploads import PDF, check_upload
from signing.models import SignedCopyCheck
from signing.verify import verify_pdf


def record_signed_copy(*, kind, document, upload, by) -> SignedCopyCheck:
    """Verify `upload` and keep the verdict; an accepted file becomes the stored issued copy.

    Raises ValidationError (Vietnamese) when the upload is not a PDF at all. A
    refused file is recorded with its reasons and changes nothing else.
    """
    checked = check_upload(upload, allowed=(PDF,))
    pdf = b"".join(upload.chunks())
    verification = verify_pdf(pdf)
    digest = hashlib.sha256(pdf).hexdigest()
    with transaction.atomic():
        check = SignedCopyCheck.objects.create(
            content_type=ContentType.objects.get_for_model(document),
            object_id=document.pk,
            uploaded_by=by,
            file_name=checked.original_name[:255],
            sha256=digest,
            accepted=verification.accepted,
            problems=verification.problems,
            warnings=verification.warnings,
            signatures=[s.as_dict() for s in verification.signatures],
            replaced_sha256=document.issued_pdf_sha256 if verification.accepted else "",
        )
        if verification.accepted:
            model = type(document)
            storage = model._meta.get_field("issued_pdf").storage
            name = storage.save(kind.issued_copy().path(document, digest), ContentFile(pdf))
            model._default_manager.filter(pk=document.pk).update(issued_pdf=name, issued_pdf_sha256=digest)
            audit(
                AuditAction.ISSUE,
                obj=document,
                by=by,
                summary=f"Nhận bản ký số “{check.file_name}” làm bản ban hành của {kind.label} {document.reference}",
                sha256=digest,
            )
    return check
