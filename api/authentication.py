"""Who is calling: a personal API token ("Authorization: Bearer dv_…"), or the browser's session (with CSRF)."""

from django.utils.translation import gettext_lazy as _
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from rest_framework import authentication, exceptions

from api.services import token_check
from danvan.audit import audit
from danvan.models import AuditAction


class ApiTokenAuthentication(authentication.BaseAuthentication):
    """Authenticate with a personal API token; a wrong, expired or revoked token is 401 and an audit row."""

    keyword = "Bearer"

    def authenticate(self, request):
        parts = authentication.get_authorization_header(request).split()
        if not parts or parts[0].decode(errors="replace").lower() != self.keyword.lower():
            return None
        if len(parts) != 2:
            raise exceptions.AuthenticationFailed(_("Tiêu đề Authorization phải là “Bearer <khóa API>”."))
        text = parts[1].decode(errors="replace")
        token = token_check(text)
        if token is None or not token.user.is_active:
            audit(AuditAction.LOGIN_FAILED, summary="Khóa API sai, hết hạn hoặc đã thu hồi")
            raise exceptions.AuthenticationFailed(_("Khóa API không hợp lệ, đã hết hạn hoặc đã bị thu hồi."))
        return token.user, token

    def authenticate_header(self, request):
        return f'{self.keyword} realm="api"'


class ApiTokenScheme(OpenApiAuthenticationExtension):
    """Describe the token in the OpenAPI schema as an HTTP bearer scheme."""

    target_class = ApiTokenAuthentication
    name = "apiToken"

    def get_security_definition(self, auto_schema):
        return {
            "type": "http",
            "scheme": "bearer",
            "description": "Khóa API cá nhân (dv_…), tạo tại trang “Khóa API” của cổng.",
        }
