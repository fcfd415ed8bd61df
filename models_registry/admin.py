"""Django admin for campaigns, fields, registrations and their parts."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from danvan.admin_mixins import AuditedAdmin, AuditedAdminMixin, FrozenRecordAdminMixin
from models_registry.models import (
    Campaign,
    CampaignReminder,
    Criterion,
    EvidenceFile,
    Field,
    Indicator,
    Registration,
    RegistrationTransition,
    Score,
)
from models_registry.workflows import REGISTRATION_TRANSITIONS


class CriterionInline(admin.TabularInline):
    model = Criterion
    extra = 0


@admin.register(Campaign)
class CampaignAdmin(AuditedAdmin):
    list_display = ["name", "issuing_unit", "year", "registration_deadline", "report_deadline", "target_percent"]
    list_filter = ["year"]
    search_fields = ["name", "issuing_unit__name"]
    autocomplete_fields = ["issuing_unit", "plan", "eligible_units"]
    filter_horizontal = ["offered_fields"]
    list_select_related = ["issuing_unit"]
    inlines = [CriterionInline]

    def save_model(self, request, obj, form, change):
        if not change:
            obj.created_by = request.user
        super().save_model(request, obj, form, change)


@admin.register(Field)
class FieldAdmin(AuditedAdmin):
    list_display = ["name", "owner", "position"]
    search_fields = ["name"]
    autocomplete_fields = ["owner"]


class IndicatorInline(admin.TabularInline):
    model = Indicator
    extra = 0


class ScoreInline(admin.TabularInline):
    model = Score
    extra = 0
    readonly_fields = ["criterion", "score", "max_score", "evaluator", "scored_at"]
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


class EvidenceInline(admin.TabularInline):
    model = EvidenceFile
    extra = 0
    readonly_fields = ["original_name", "kind", "size", "sha256", "uploaded_by", "uploaded_at"]
    exclude = ["file", "stored_token"]

    def has_add_permission(self, request, obj=None):
        return False


class TransitionInline(admin.TabularInline):
    model = RegistrationTransition
    extra = 0
    can_delete = False
    readonly_fields = ["from_status", "to_status", "by", "at", "comment"]

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Registration)
class RegistrationAdmin(FrozenRecordAdminMixin, AuditedAdminMixin, SimpleHistoryAdmin):
    # Recognized, not recognized and dropped: the states no legal move leaves, each a decision on record.
    frozen_statuses = tuple(status for status, moves in REGISTRATION_TRANSITIONS.items() if not moves)
    list_display = ["name", "unit", "campaign", "field", "status", "total_score", "created_at"]
    list_filter = ["status", "kind", "subject", "campaign__year"]
    search_fields = ["name", "unit__name"]
    autocomplete_fields = ["unit", "campaign", "continued_from", "replication_units"]
    readonly_fields = ["status", "version", "created_by", "total_score", "evaluated_by", "evaluated_at", "reported_at"]
    list_select_related = ["unit", "campaign", "field"]
    inlines = [IndicatorInline, ScoreInline, EvidenceInline, TransitionInline]


@admin.register(CampaignReminder)
class CampaignReminderAdmin(AuditedAdmin):
    list_display = ["campaign", "unit", "sent_on", "sent_by"]
    list_select_related = ["campaign", "unit", "sent_by"]
    readonly_fields = ["campaign", "unit", "sent_on", "sent_by", "recipients"]
