from django.contrib import admin

from danvan.admin_mixins import AuditedAdmin
from signing.models import SignedCopyCheck


@admin.register(SignedCopyCheck)
class SignedCopyCheckAdmin(AuditedAdmin):
    """The verdicts on uploaded signed copies: evidence, so read-only."""

    list_display = ("file_name", "content_type", "object_id", "accepted", "uploaded_by", "uploaded_at")
    list_filter = ("accepted",)
    search_fields = ("file_name", "sha256")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
