"""The signed-copy line on a plan or report page: the latest accepted upload, and the button for those who may."""

from django import template
from django.contrib.contenttypes.models import ContentType

from signing.documents import KINDS, may_upload
from signing.models import SignedCopyCheck

register = template.Library()


@register.inclusion_tag("signing/_signed_copy_link.html", takes_context=True)
def signed_copy_link(context, kind_key: str, document):
    kind = KINDS[kind_key]
    user = context["request"].user
    if not kind.is_issued(document) or not may_upload(user, kind, document):
        return {"show": False}
    latest = (
        SignedCopyCheck.objects.filter(
            content_type=ContentType.objects.get_for_model(document), object_id=document.pk, accepted=True
        )
        .select_related("uploaded_by")
        .first()
    )
    return {"show": True, "kind": kind, "document": document, "latest": latest}
