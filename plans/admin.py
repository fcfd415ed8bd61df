"""Django admin for plans, their parts, and the reference catalogue."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from danvan.admin_mixins import AuditedAdmin, AuditedAdminMixin, FrozenRecordAdminMixin, ReadOnlyAdmin
from plans.models import (
    EvidenceFile,
    Plan,
    PlanBasis,
    PlanTransition,
    ProgressUpdate,
    ReferenceDocument,
    Section,
    Task,
    TaskReminder,
)
from plans.rules import PUBLISHED


class PlanBasisInline(admin.TabularInline):
    model = PlanBasis
    extra = 0
    autocomplete_fields = ["references"]


class SectionInline(admin.TabularInline):
    model = Section
    extra = 0
    fields = ["parent", "position", "numbering", "heading", "text", "task_layout"]


class TransitionInline(admin.TabularInline):
    model = PlanTransition
    extra = 0
    can_delete = False
    readonly_fields = ["from_status", "to_status", "by", "at", "comment"]

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Plan)
class PlanAdmin(FrozenRecordAdminMixin, AuditedAdminMixin, SimpleHistoryAdmin):
    # An issued plan's number, unit and stored PDF belong together: the admin may only look.
    frozen_statuses = PUBLISHED
    list_display = ["title", "issuing_unit", "number", "year", "symbol", "status", "created_at"]
    list_filter = ["status", "kind", "year"]
    search_fields = ["title", "symbol", "issuing_unit__name"]
    autocomplete_fields = ["issuing_unit", "parent"]
    readonly_fields = [
        "status",
        "number",
        "year",
        "issued_on",
        "issued_at",
        "issued_pdf_sha256",
        "version",
        "created_by",
    ]
    list_select_related = ["issuing_unit"]
    inlines = [PlanBasisInline, SectionInline, TransitionInline]


@admin.register(Task)
class TaskAdmin(FrozenRecordAdminMixin, AuditedAdminMixin, SimpleHistoryAdmin):
    list_display = ["content", "plan", "timeframe_kind", "due_date", "status", "progress"]
    list_filter = ["status", "timeframe_kind"]
    search_fields = ["content", "plan__title"]
    autocomplete_fields = ["plan", "lead_units", "coordinating_units"]
    list_select_related = ["plan"]

    def is_frozen(self, obj) -> bool:
        """Return True for a task of an issued or completed plan: its text is part of the issued document."""
        return obj.plan.status in PUBLISHED

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "plan":
            # Adding a task to an issued plan, or moving one into it, would rewrite the document too.
            kwargs["queryset"] = Plan.objects.exclude(status__in=PUBLISHED)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


@admin.register(ReferenceDocument)
class ReferenceDocumentAdmin(AuditedAdmin):
    list_display = ["number_symbol", "doc_type", "issued_on", "issuer"]
    list_filter = ["doc_type"]
    search_fields = ["number_symbol", "summary", "issuer"]
    autocomplete_fields = ["plan"]


# --- task tracking: read-only records, for support and audit ------------------------------------


class EvidenceFileInline(admin.TabularInline):
    model = EvidenceFile
    extra = 0
    can_delete = False
    fields = ["original_name", "content_type", "size", "sha256", "file"]
    readonly_fields = fields

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(ProgressUpdate)
class ProgressUpdateAdmin(ReadOnlyAdmin):
    list_display = ["task", "kind", "reported_on", "percent", "author", "created_at"]
    list_filter = ["kind"]
    search_fields = ["task__content", "text", "author__username"]
    list_select_related = ["task", "author"]
    inlines = [EvidenceFileInline]


@admin.register(TaskReminder)
class TaskReminderAdmin(ReadOnlyAdmin):
    list_display = ["on", "task", "person", "kind", "status", "attempts", "last_error"]
    list_filter = ["status", "kind", "on"]
    search_fields = ["task__content", "person__username"]
    list_select_related = ["task", "person"]
