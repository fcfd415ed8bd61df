"""Shared bases of every portal ModelAdmin: each admin write is audited, final records are read-only.

Every `admin.py` of units, plans, models_registry and reports builds on these,
so the admin can no longer change the record behind the services' back without
a trace (issue #13), and an issued plan, report or decided registration cannot be
rewritten there at all.
"""

from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.db import router, transaction

from danvan.audit import audit
from danvan.models import AuditAction

# Room left for the object's name in a summary, so the changed fields always fit in its 500 characters.
_NAME_LENGTH = 80


def _short(text) -> str:
    text = str(text)
    return text if len(text) <= _NAME_LENGTH else text[: _NAME_LENGTH - 1] + "…"


def describe_change_message(message) -> str:
    """Return the admin's change message (Django's JSON list, or plain text) as one Vietnamese phrase.

    Field names are the form labels Django records in its own LogEntry, so both
    trails say the same thing; inline rows are named with the object they touched.
    """
    if isinstance(message, str):
        return message
    parts = []
    for entry in message or []:
        for verb, details in entry.items():
            fields = ", ".join(str(field) for field in details.get("fields", []))
            if "object" not in details:
                if fields:
                    parts.append(f"đổi {fields}")
                continue
            word = {"added": "thêm", "changed": "sửa", "deleted": "xóa"}.get(verb, verb)
            row = f"{word} {details.get('name', '')} «{_short(details['object'])}»"
            parts.append(f"{row} ({fields})" if fields else row)
    return "; ".join(parts)


class AuditedAdminMixin:
    """Write one audit row for every add, change and delete made through the admin.

    Django calls `log_addition` and `log_change` inside the atomic block of the
    change form, after the object and its inline rows are saved, so the row commits
    with the change. Deletions are recorded in `delete_model`/`delete_queryset`
    rather than `log_deletions`, because the bulk action logs outside any
    transaction: here the rows and the deletion commit or roll back together.
    """

    def log_addition(self, request, obj, message):
        entry = super().log_addition(request, obj, message)
        summary = describe_change_message(message)
        audit(
            AuditAction.CREATE,
            obj=obj,
            by=request.user,
            summary=f"Trang quản trị: thêm «{_short(obj)}»" + (f"; {summary}" if summary else ""),
        )
        return entry

    def log_change(self, request, obj, message):
        entry = super().log_change(request, obj, message)
        summary = describe_change_message(message) or "không đổi trường nào"
        audit(AuditAction.UPDATE, obj=obj, by=request.user, summary=f"Trang quản trị: sửa «{_short(obj)}»: {summary}")
        return entry

    def delete_model(self, request, obj):
        with transaction.atomic(using=router.db_for_write(obj.__class__)):
            self._audit_deletion(request, obj)
            super().delete_model(request, obj)

    def delete_queryset(self, request, queryset):
        with transaction.atomic(using=router.db_for_write(queryset.model)):
            for obj in queryset:
                self._audit_deletion(request, obj)
            super().delete_queryset(request, queryset)

    def _audit_deletion(self, request, obj) -> None:
        # Written before the delete, while the object still has its primary key.
        audit(AuditAction.DELETE, obj=obj, by=request.user, summary=f"Trang quản trị: xóa «{_short(obj)}»")


class AuditedAdmin(AuditedAdminMixin, admin.ModelAdmin):
    """A plain ModelAdmin whose writes are audited."""


class ReadOnlyAdmin(AuditedAdmin):
    """Records written only by the services: looked at in the admin, never changed there."""

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


class FrozenRecordAdminMixin:
    """Show a record in a final state (issued, completed, decided) read-only; never delete it.

    Refusing change permission is enough for Django to render every field and every
    inline row read-only (no add, change or delete of rows) and to answer 403 to a
    POST of the change form; refusing delete permission hides the delete link,
    answers 403 on the delete page and makes the bulk "delete selected" refuse any
    selection, or any cascade, that holds such a record.
    Set `frozen_statuses`, or override `is_frozen` when the state lives elsewhere.
    """

    frozen_statuses: tuple = ()

    def is_frozen(self, obj) -> bool:
        """Return True when `obj` is part of the official record and may no longer change."""
        return obj.status in self.frozen_statuses

    def has_change_permission(self, request, obj=None):
        if obj is not None and self.is_frozen(obj):
            return False
        return super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        if obj is not None and self.is_frozen(obj):
            return False
        return super().has_delete_permission(request, obj)

    def delete_queryset(self, request, queryset):
        # A custom action or a forged POST deletes through here too: refuse the whole batch.
        if any(self.is_frozen(obj) for obj in queryset):
            raise PermissionDenied
        super().delete_queryset(request, queryset)

    # django-simple-history's "revert" saves an old version whole, status, number and
    # version included, and checks only view permission: it would reopen an issued plan
    # or move a registration through its workflow without the services. History stays
    # visible; reverting is refused for every record.

    def revert_disabled(self, request, obj=None):
        return True

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        if request.method == "POST":
            raise PermissionDenied
        return super().history_form_view(request, object_id, version_id, extra_context)


class ViewOnlyAdmin(admin.ModelAdmin):
    """A log that only the portal writes (audit trail, jobs, the register): every field shown, nothing added,
    changed or deleted in the admin."""

    def get_readonly_fields(self, request, obj=None):
        return [field.name for field in self.model._meta.fields]

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
