"""What the API tests share: tokens for a person, clients that carry them, a small PDF."""

import datetime

from django.utils import timezone
from rest_framework.test import APIClient

from api.services import token_create

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def token_for(user, *, read_only: bool = False, days: int = 30, name: str = "Đồng bộ iOffice") -> str:
    """Create a token for `user` through the service; return the token text (shown once)."""
    _token, text = token_create(
        user=user, name=name, expires_on=timezone.localdate() + datetime.timedelta(days=days), read_only=read_only
    )
    return text


def client_with(text: str | None) -> APIClient:
    """Return an API client sending `text` as its bearer token (none when None)."""
    client = APIClient()
    if text is not None:
        client.credentials(HTTP_AUTHORIZATION=f"Bearer {text}")
    return client


def api_client_for(user, **kwargs) -> APIClient:
    return client_with(token_for(user, **kwargs))
