"""Evidence files of a registration: storing an upload under a generated name after checking what it
really is, and removing it with its stored copy.
"""

import hashlib
import uuid

from django.db import transaction

from danvan.audit import audit
from danvan.models import AuditAction
from danvan.uploads import check_upload
from models_registry.models import EvidenceFile, Registration
from models_registry.services._common import _require, _text


@transaction.atomic
def evidence_add(*, registration: Registration, by, upload, description: str = "") -> EvidenceFile:
    """Store an evidence file under a generated name after checking what it really is."""
    _require(by, "models_registry.add_evidence", registration)
    checked = check_upload(upload)
    digest = hashlib.sha256()
    for chunk in upload.chunks():
        digest.update(chunk)
    upload.seek(0)
    evidence = EvidenceFile(
        registration=registration,
        stored_token=uuid.uuid4().hex,
        original_name=checked.original_name,
        description=_text(description)[:255],
        kind=checked.kind,
        size=checked.size,
        sha256=digest.hexdigest(),
        uploaded_by=by,
    )
    evidence.file.save("evidence", upload, save=False)
    try:
        evidence.save()
    except Exception:
        evidence.file.delete(save=False)
        raise
    audit(AuditAction.CREATE, obj=evidence, by=by, summary=f"{evidence.original_name} ({registration.name})")
    return evidence


@transaction.atomic
def evidence_delete(*, evidence: EvidenceFile, by) -> None:
    """Remove an evidence file and its stored copy."""
    _require(by, "models_registry.add_evidence", evidence.registration)
    stored = evidence.file
    audit(AuditAction.DELETE, obj=evidence, by=by, summary=f"{evidence.original_name} ({evidence.registration.name})")
    evidence.delete()
    transaction.on_commit(lambda: stored.delete(save=False))
