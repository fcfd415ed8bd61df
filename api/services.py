"""Creating, revoking and checking personal API tokens.

A token reads "dv_<prefix>_<secret>": the prefix (8 characters) finds its row, the
secret is 32 random bytes. The database keeps the SHA-256 of the whole token, never
the token: a copy of the database opens nothing.
"""

import datetime
import hashlib
import hmac
import secrets

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from api.models import ApiToken
from danvan.audit import audit
from danvan.models import AuditAction

TOKEN_START = "dv_"
# How many tokens one person may hold at once (revoked and expired ones do not count).
MAX_TOKENS_PER_PERSON = 20


def token_digest(token: str) -> str:
    """Return the SHA-256 of `token`, in hex: what the database keeps."""
    return hashlib.sha256(token.encode()).hexdigest()


def split_token(token: str) -> str | None:
    """Return the prefix of a well-formed token, or None."""
    if not token.startswith(TOKEN_START):
        return None
    prefix, _, secret = token[len(TOKEN_START) :].partition("_")
    return prefix if len(prefix) == 8 and secret else None


@transaction.atomic
def token_create(*, user, name: str, expires_on: datetime.date, read_only: bool) -> tuple[ApiToken, str]:
    """Create a token for `user`, valid until the end of `expires_on`; return it and the token text, shown once."""
    name = (name or "").strip()
    if not name:
        raise ValidationError("Hãy đặt tên cho khóa API.")
    today = timezone.localdate()
    longest = settings.API_TOKEN_MAX_DAYS
    if not today < expires_on <= today + datetime.timedelta(days=longest):
        raise ValidationError(f"Ngày hết hạn phải sau hôm nay và trong vòng {longest} ngày.")
    if ApiToken.objects.filter(user=user).usable().count() >= MAX_TOKENS_PER_PERSON:
        raise ValidationError(f"Mỗi người giữ tối đa {MAX_TOKENS_PER_PERSON} khóa còn hiệu lực: hãy thu hồi khóa cũ.")
    prefix = secrets.token_hex(4)
    text = f"{TOKEN_START}{prefix}_{secrets.token_urlsafe(32)}"
    end_of_day = datetime.datetime.combine(expires_on, datetime.time.max)
    token = ApiToken.objects.create(
        user=user,
        name=name,
        prefix=prefix,
        digest=token_digest(text),
        read_only=read_only,
        expires_at=timezone.make_aware(end_of_day),
    )
    kind = "chỉ đọc" if read_only else "đọc và ghi"
    audit(
        AuditAction.CREATE, obj=token, by=user, summary=f"Tạo khóa API “{name}” ({kind}), hết hạn {expires_on:%d/%m/%Y}"
    )
    return token, text


@transaction.atomic
def token_revoke(*, token: ApiToken, by) -> ApiToken:
    """Revoke `token` at once; a repeat changes nothing. Only its owner may."""
    if token.user_id != by.pk:
        raise ValidationError("Chỉ người tạo khóa được thu hồi khóa.")
    updated = ApiToken.objects.filter(pk=token.pk, revoked_at__isnull=True).update(revoked_at=timezone.now())
    if updated:
        audit(AuditAction.DELETE, obj=token, by=by, summary=f"Thu hồi khóa API “{token.name}”")
    token.refresh_from_db()
    return token


def token_check(text: str) -> ApiToken | None:
    """Return the usable token that `text` is, with its owner and unit loaded, or None.

    The digest is compared in constant time; `last_used_at` is written at most once a minute.
    """
    prefix = split_token(text)
    if prefix is None:
        return None
    token = ApiToken.objects.usable().select_related("user__unit").filter(prefix=prefix).first()
    if token is None or not hmac.compare_digest(token.digest, token_digest(text)):
        return None
    now = timezone.now()
    if token.last_used_at is None or now - token.last_used_at > datetime.timedelta(minutes=1):
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
        token.last_used_at = now
    return token
