"""Django admin for units, groups and people."""

from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.utils.translation import gettext_lazy as _

from danvan.admin_mixins import AuditedAdmin, AuditedAdminMixin
from units import twofactor
from units.models import EnrolmentCode, Unit, UnitGroup, User


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


@admin.register(EnrolmentCode)
class EnrolmentCodeAdmin(AuditedAdmin):
    """Give a leader or administrator a one-time code to pair their authenticator app: choose the person, save.

    The code is shown once in the message after saving and only its digest is kept, so
    a code row is never edited: to replace a code, add a new one (the old stops working).
    """

    list_display = ["user", "created_by", "created_at", "expires_at", "used_at"]
    search_fields = ["user__username", "user__full_name"]
    autocomplete_fields = ["user"]
    list_select_related = ["user", "created_by"]
    fields = ["user"]

    def has_change_permission(self, request, obj=None):
        return False

    def save_model(self, request, obj, form, change):
        obj.created_by = request.user
        code = twofactor.enrolment_code_prepare(obj)
        super().save_model(request, obj, form, change)
        messages.warning(
            request,
            f"Mã đăng ký của {obj.user.username}: {code} (hiệu lực đến {obj.expires_at.astimezone():%H:%M %d/%m/%Y}, "
            "dùng một lần). Hãy chép và trao trực tiếp; mã không hiện lại lần nào nữa.",
        )
