"""Django admin for the audit trail: searchable, read-only."""

from django.contrib import admin

from danvan.admin_mixins import ViewOnlyAdmin
from danvan.models import AuditEntry


@admin.register(AuditEntry)
class AuditEntryAdmin(ViewOnlyAdmin):
    list_display = ["at", "username", "ip_address", "action", "object_type", "object_id", "summary"]
    list_filter = ["action", "object_type"]
    search_fields = ["username", "summary", "object_id", "ip_address", "sha256"]
    date_hierarchy = "at"
