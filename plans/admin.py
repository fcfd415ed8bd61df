"""Django admin for plans, their parts, and the reference catalogue."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from plans.models import Plan, PlanBasis, PlanTransition, ReferenceDocument, Section, Task


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
class PlanAdmin(SimpleHistoryAdmin):
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
class TaskAdmin(SimpleHistoryAdmin):
    list_display = ["content", "plan", "timeframe_kind", "due_date", "status", "progress"]
    list_filter = ["status", "timeframe_kind"]
    search_fields = ["content", "plan__title"]
    autocomplete_fields = ["plan", "lead_units", "coordinating_units"]
    list_select_related = ["plan"]


@admin.register(ReferenceDocument)
class ReferenceDocumentAdmin(admin.ModelAdmin):
    list_display = ["number_symbol", "doc_type", "issued_on", "issuer"]
    list_filter = ["doc_type"]
    search_fields = ["number_symbol", "summary", "issuer"]
    autocomplete_fields = ["plan"]
