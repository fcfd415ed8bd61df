"""Django admin for units, groups and people."""

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.utils.translation import gettext_lazy as _

from danvan.admin_mixins import AuditedAdmin, AuditedAdminMixin
from units.models import Unit, UnitGroup, User


@admin.register(Unit)
class UnitAdmin(AuditedAdmin):
    list_display = ["name", "short_name", "kind", "abbreviation", "parent", "active_to"]
    list_filter = ["kind"]
    search_fields = ["name", "short_name", "abbreviation"]
    autocomplete_fields = ["parent"]
    list_select_related = ["parent"]


@admin.register(UnitGroup)
class UnitGroupAdmin(AuditedAdmin):
    list_display = ["name", "owner"]
    search_fields = ["name", "owner__name"]
    autocomplete_fields = ["owner"]
    filter_horizontal = ["members"]
    list_select_related = ["owner"]


@admin.register(User)
class UserAdmin(AuditedAdminMixin, DjangoUserAdmin):
    list_display = ["username", "full_name", "unit", "role", "position", "is_active", "is_staff"]
    list_filter = ["role", "is_active", "is_staff"]
    search_fields = ["username", "full_name", "email", "unit__name"]
    autocomplete_fields = ["unit"]
    list_select_related = ["unit"]
    fieldsets = DjangoUserAdmin.fieldsets + (
        (_("Đơn vị và vai trò"), {"fields": ["full_name", "unit", "role", "position", "phone"]}),
    )
    add_fieldsets = DjangoUserAdmin.add_fieldsets + (
        (_("Đơn vị và vai trò"), {"fields": ["full_name", "unit", "role", "position"]}),
    )
