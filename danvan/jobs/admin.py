from django.contrib import admin

from danvan.jobs.models import Job


@admin.register(Job)
class JobAdmin(admin.ModelAdmin):
    """Jobs are read in the admin, never written there: the worker and the sweeper own their state."""

    list_display = ["created_at", "kind", "status", "percent", "step", "attempts", "requested_by", "finished_at"]
    list_filter = ["status", "kind"]
    search_fields = ["=id", "key", "kind", "message"]
    date_hierarchy = "created_at"
    readonly_fields = [field.name for field in Job._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
