"""The audit trail: one row per create, edit, transition, issuance, download, failed login and refused access.

Services call `audit(...)` inside their own transaction, so the row and the change
commit or roll back together. The person and address come from the request being
served (set by `AuditContextMiddleware`), or are passed explicitly by commands.
"""

import contextvars
import logging
from contextlib import contextmanager

from django.contrib.auth.signals import user_login_failed
from django.dispatch import receiver

from danvan.addresses import client_ip
from danvan.models import AuditAction, AuditEntry
from danvan.text import normalize_text

_context: contextvars.ContextVar[tuple] = contextvars.ContextVar("audit_context", default=(None, None))
_grouped: contextvars.ContextVar[bool] = contextvars.ContextVar("audit_grouped", default=False)
logger = logging.getLogger("danvan.audit")


def client_address(request) -> str | None:
    """Return the client's address, through the trusted proxies (danvan/addresses.py)."""
    return client_ip(request)


class AuditContextMiddleware:
    """Remember who is asking and from where, for the audit rows written while serving the request."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = _context.set((request, client_address(request)))
        try:
            return self.get_response(request)
        finally:
            _context.reset(token)


@contextmanager
def audited_as_one():
    """Within the block, services write no rows of their own: the caller writes one for the whole operation.

    An import builds a plan through the same services as the editor (create, then
    every basis, section and task); its trail is the one "import" row, not a hundred.
    """
    token = _grouped.set(True)
    try:
        yield
    finally:
        _grouped.reset(token)


def audit(
    action: str, *, obj=None, summary: str = "", by=None, sha256: str = "", object_type: str = ""
) -> AuditEntry | None:
    """Write one audit row for `action` on `obj`, by `by` (default: the person of the current request).

    Inside `audited_as_one()` nothing is written and None is returned.
    """
    if _grouped.get():
        return None
    request, address = _context.get()
    if (
        by is None
        and request is not None
        and getattr(request, "user", None) is not None
        and request.user.is_authenticated
    ):
        by = request.user
    return AuditEntry.objects.create(
        user=by if by is not None and getattr(by, "pk", None) else None,
        username=(getattr(by, "username", "") or "")[:150],
        ip_address=address,
        action=action,
        object_type=object_type or (obj._meta.label if obj is not None else ""),
        object_id=str(obj.pk) if obj is not None and obj.pk is not None else "",
        summary=normalize_text(summary, single_line=True)[:500],
        sha256=sha256,
    )


@receiver(user_login_failed)
def audit_failed_login(sender, credentials, request=None, **kwargs):
    """Record a failed login with the name tried (control characters stripped, so no forged log lines)."""
    username = normalize_text(str(credentials.get("username", "")), single_line=True)[:150]
    address = client_address(request) if request is not None else None
    AuditEntry.objects.create(
        username=username,
        ip_address=address,
        action=AuditAction.LOGIN_FAILED,
        summary="Sai tên đăng nhập hoặc mật khẩu",
    )
    logger.warning("login failed for %r from %s", username, address)
