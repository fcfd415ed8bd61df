"""Personal API tokens: created on the portal page and shown once, stored hashed, refused once expired or revoked."""

import datetime
import hashlib

from django.db import connection
from django.urls import reverse
from django.utils import timezone

from api.models import ApiToken
from danvan.models import AuditAction, AuditEntry
from tests.api.api_helpers import client_with, token_for
from tests.conftest import client_for


def test_page_creates_a_token_shown_once(world):
    """Given a unit head on the token page, when they create a token, then it is shown once and listed after."""
    client = client_for(world.users["unit_head"])
    response = client.post(
        reverse("api_tokens:token_list"),
        {
            "name": "Đồng bộ iOffice",
            "expires_on": (timezone.localdate() + datetime.timedelta(days=30)).strftime("%d/%m/%Y"),
        },
    )
    assert response.status_code == 200
    token = ApiToken.objects.get(user=world.users["unit_head"])
    text = response.context["created"]["text"]
    assert text.startswith(f"dv_{token.prefix}_")
    assert text in response.content.decode()
    assert token.read_only is False  # an unticked box: read and write
    again = client.get(reverse("api_tokens:token_list")).content.decode()
    assert "Đồng bộ iOffice" in again and f"dv_{token.prefix}…" in again and text not in again
    assert AuditEntry.objects.filter(action=AuditAction.CREATE, object_type="api.ApiToken").count() == 1


def test_token_is_stored_hashed(world):
    """Given a new token, then no column of the database holds it: only its SHA-256 and its prefix."""
    text = token_for(world.users["official"])
    token = ApiToken.objects.get()
    assert token.digest == hashlib.sha256(text.encode()).hexdigest()
    with connection.cursor() as cursor:
        cursor.execute("SELECT * FROM api_apitoken")
        stored = " ".join(str(value) for row in cursor.fetchall() for value in row)
    secret = text.rsplit("_", 1)[1]
    assert secret not in stored and text not in stored


def test_expired_and_revoked_tokens_are_refused(world):
    """Given an expired token and a revoked one, when each calls the API, then 401 and an audit row each."""
    official = world.users["official"]
    expired, revoked = token_for(official, name="Cũ"), token_for(official, name="Thu hồi")
    ApiToken.objects.filter(name="Cũ").update(expires_at=timezone.now() - datetime.timedelta(seconds=1))
    client_for(official).post(reverse("api_tokens:token_revoke", args=[ApiToken.objects.get(name="Thu hồi").pk]))
    for text in (expired, revoked, "dv_00000000_khong-phai-khoa"):
        response = client_with(text).get(reverse("api:plan_list"))
        assert response.status_code == 401
        assert response["WWW-Authenticate"].startswith("Bearer")
    assert AuditEntry.objects.filter(action=AuditAction.LOGIN_FAILED).count() == 3


def test_a_token_works_until_revoked_and_records_its_last_use(world):
    official = world.users["official"]
    text = token_for(official)
    assert client_with(text).get(reverse("api:plan_list")).status_code == 200
    token = ApiToken.objects.get()
    assert token.last_used_at is not None
    client_for(official).post(reverse("api_tokens:token_revoke", args=[token.pk]))
    assert client_with(text).get(reverse("api:plan_list")).status_code == 401


def test_another_persons_token_cannot_be_revoked(world):
    """Given the official's token, when the leader posts its revocation, then 404 and it still works."""
    text = token_for(world.users["official"])
    token = ApiToken.objects.get()
    assert (
        client_for(world.users["leader"]).post(reverse("api_tokens:token_revoke", args=[token.pk])).status_code == 404
    )
    assert client_with(text).get(reverse("api:plan_list")).status_code == 200


def test_expiry_beyond_the_limit_is_refused(world, settings):
    settings.API_TOKEN_MAX_DAYS = 30
    response = client_for(world.users["official"]).post(
        reverse("api_tokens:token_list"),
        {"name": "Quá dài", "expires_on": (timezone.localdate() + datetime.timedelta(days=31)).strftime("%d/%m/%Y")},
    )
    assert response.status_code == 400
    assert "trong vòng 30 ngày" in response.content.decode()
    assert not ApiToken.objects.exists()


def test_rate_limit_per_token(world, monkeypatch):
    """Given a rate of 3 calls a minute, when a token makes a fourth call, then 429; another token still passes."""
    from api.throttling import TokenRateThrottle

    monkeypatch.setattr(TokenRateThrottle, "THROTTLE_RATES", {"api": "3/min"})
    first, second = client_with(token_for(world.users["official"])), client_with(token_for(world.users["leader"]))
    statuses = [first.get(reverse("api:unit_list")).status_code for _ in range(4)]
    assert statuses == [200, 200, 200, 429]
    assert second.get(reverse("api:unit_list")).status_code == 200
