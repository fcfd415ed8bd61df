"""Errors of the API: refusals are audited as on a page; a service's ValidationError is a 400 with its messages."""

from django.core.exceptions import ValidationError as DjangoValidationError
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.views import exception_handler

from danvan.audit import audit
from danvan.models import AuditAction


def api_exception_handler(exc, context):
    """Answer as DRF does, after writing the audit row a page would write for the same refusal."""
    request = context["request"]
    if isinstance(exc, DjangoValidationError):
        return Response({"detail": exc.messages}, status=status.HTTP_400_BAD_REQUEST)
    if isinstance(exc, exceptions.PermissionDenied):
        audit(AuditAction.ACCESS_DENIED, summary=f"API {request.method} {request.path}")
    return exception_handler(exc, context)
