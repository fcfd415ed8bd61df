"""What a caller may do: the same rules as the portal's pages, plus the read-only flag of a token."""

from rest_framework import exceptions, permissions

from api.models import ApiToken
from units.permissions import has_workplace


class PortalRule(permissions.BasePermission):
    """Admit people with a unit and a role who hold the view's `permission` rule (as PortalMixin does for pages).

    A read-only token may only read. Object rules are asked by the views, which answer 404
    outside the person's scope, as the pages do.
    """

    def has_permission(self, request, view):
        user = request.user
        if not (user and user.is_authenticated):
            raise exceptions.NotAuthenticated()
        if not has_workplace(user):
            raise exceptions.PermissionDenied("Tài khoản chưa được gán đơn vị và vai trò.")
        if (
            isinstance(request.auth, ApiToken)
            and request.auth.read_only
            and request.method not in permissions.SAFE_METHODS
        ):
            raise exceptions.PermissionDenied("Khóa API này chỉ được đọc.")
        rule = getattr(view, "permission", None)
        return rule is None or user.has_perm(rule)
