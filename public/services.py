"""The one write of the public app: a leader publishes a document of their government or withdraws it."""

from django.db import models, transaction

from danvan.audit import audit
from danvan.models import AuditAction
from public.cache import government_of_document, invalidate_on_commit


@transaction.atomic
def document_set_published(*, document: models.Model, published: bool, by) -> models.Model:
    """Show `document` (a plan or a periodic report) on its government's public page, or withdraw it.

    A plain update: publishing changes neither the document's text nor its version, so an edit
    in progress is not made stale by it. One audit row; the government's cached pages are
    dropped after the commit.
    """
    model = type(document)
    if not model._default_manager.filter(pk=document.pk).exclude(published=published).update(published=published):
        return document  # already so: a repeat writes nothing
    document.published = published
    verb = "Công khai" if published else "Thôi công khai"
    audit(AuditAction.UPDATE, obj=document, by=by, summary=f"{verb} trên trang công khai: {document}")
    invalidate_on_commit(government_of_document(document).pk)
    return document
