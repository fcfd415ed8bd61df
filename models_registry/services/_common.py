"""Small helpers shared by the models_registry services: the permission check every move starts with,
and the trimming of free text.
"""

from django.core.exceptions import PermissionDenied


def _require(by, permission: str, obj, message: str = "Bạn không có quyền thực hiện thao tác này.") -> None:
    """Refuse the move unless `by` holds `permission` on `obj` (the rule the buttons use)."""
    if by is None or not by.has_perm(permission, obj):
        raise PermissionDenied(message)


def _text(value: str | None) -> str:
    return (value or "").strip()
