"""Django admin for periodic reports."""

from django.contrib import admin

from danvan.admin_mixins import AuditedAdmin, FrozenRecordAdminMixin
from reports.choices import ReportStatus
from reports.models import PeriodicReport, ReportTransition


class ReportTransitionInline(admin.TabularInline):
    model = ReportTransition
    extra = 0
    readonly_fields = ["from_status", "to_status", "by", "at", "comment"]
    can_delete = False


@admin.register(PeriodicReport)
class PeriodicReportAdmin(FrozenRecordAdminMixin, AuditedAdmin):
    # An issued report's figures, number and stored PDF are the record sent up.
    frozen_statuses = (ReportStatus.ISSUED,)
    list_display = ["title", "unit", "period_kind", "year", "status", "number", "issued_on"]
    list_filter = ["status", "period_kind", "year"]
    search_fields = ["title", "unit__name"]
    readonly_fields = ["figures", "figures_at", "status", "version", "number", "number_year", "issued_on", "issued_at"]
    inlines = [ReportTransitionInline]
