from django.contrib import admin

from danvan.admin_mixins import ViewOnlyAdmin
from danvan.jobs.models import Job


@admin.register(Job)
class JobAdmin(ViewOnlyAdmin):
    """Jobs are read in the admin, never written there: the worker and the sweeper own their state."""

    list_display = ["created_at", "kind", "status", "percent", "step", "attempts", "requested_by", "finished_at"]
    list_filter = ["status", "kind"]
    search_fields = ["=id", "key", "kind", "message"]
    date_hierarchy = "created_at"
