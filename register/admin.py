from django.contrib import admin

from danvan.admin_mixins import ViewOnlyAdmin
from register.models import OutgoingEntry


@admin.register(OutgoingEntry)
class OutgoingEntryAdmin(ViewOnlyAdmin):
    """The register is written at issuance; the văn thư fills copies and notes on the portal, audited."""

    list_display = ["reference", "issued_on", "doc_type", "title", "signer", "issuing_unit"]
    list_filter = ["year", "doc_type"]
    search_fields = ["search_text"]
    date_hierarchy = "issued_on"
