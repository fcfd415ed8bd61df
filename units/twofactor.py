"""Two-factor authentication for the people whose mistakes cost most: leaders and administrators.

They confirm a TOTP app (Google Authenticator, Microsoft Authenticator...) once and
receive ten single-use backup codes; then every login asks for a 6-digit code.

Pairing the app needs a one-time enrolment code from an administrator (the admin, or
`manage.py enrolment_code <username>`): whoever holds only the password of a leader who
has not enrolled yet must never be shown the secret and become their second factor.
"""

import hashlib
import secrets
from datetime import timedelta
from urllib.parse import quote

import segno
from django.conf import settings
from django.db import transaction
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from danvan.audit import audit
from danvan.models import AuditAction
from units.choices import Role
from units.models import EnrolmentCode

BACKUP_CODES = 10
ENROLMENT_CODE_LIFETIME = timedelta(hours=72)
# Letters and digits that cannot be read as one another (no 0/O, 1/I/L).
ENROLMENT_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
ENROLMENT_CODE_LENGTH = 12
# Paths a person who still owes the second factor may open.
OPEN_PATHS = ("/accounts/2fa/", "/accounts/logout/", "/static/", "/healthz")


def needs_two_factor(user) -> bool:
    """Whether this person must pass a second factor: leaders and staff."""
    return bool(user.is_authenticated and (user.role == Role.LEADER or user.is_staff or user.is_superuser))


def confirmed_totp(user) -> TOTPDevice | None:
    return TOTPDevice.objects.filter(user=user, confirmed=True).first()


def pending_totp(user) -> TOTPDevice:
    """Return the person's unconfirmed TOTP device, creating it on first use."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    return device or TOTPDevice.objects.create(user=user, name="Ứng dụng xác thực", confirmed=False)


def _enrolment_digest(code: str) -> str:
    """Return the stored form of an enrolment code: spaces, dashes and case do not matter when typing it."""
    return hashlib.sha256(code.replace(" ", "").replace("-", "").upper().encode()).hexdigest()


def enrolment_code_prepare(row: EnrolmentCode, *, lifetime: timedelta = ENROLMENT_CODE_LIFETIME) -> str:
    """Fill an unsaved code row with a new code's digest and expiry, cancel the person's unused codes; return the code.

    The code itself is returned to be shown once and never stored.
    """
    raw = "".join(secrets.choice(ENROLMENT_ALPHABET) for _ in range(ENROLMENT_CODE_LENGTH))
    row.code_hash = _enrolment_digest(raw)
    row.expires_at = timezone.now() + lifetime
    EnrolmentCode.objects.filter(user=row.user, used_at__isnull=True).delete()
    return "-".join(raw[i : i + 4] for i in range(0, ENROLMENT_CODE_LENGTH, 4))


@transaction.atomic
def enrolment_code_create(*, user, by=None, lifetime: timedelta = ENROLMENT_CODE_LIFETIME) -> tuple[str, EnrolmentCode]:
    """Give `user` a new one-time enrolment code (earlier unused ones stop working); return it and its row."""
    row = EnrolmentCode(user=user, created_by=by)
    code = enrolment_code_prepare(row, lifetime=lifetime)
    row.save()
    audit(AuditAction.CREATE, obj=row, by=by, summary=f"Cấp mã đăng ký xác thực hai lớp cho {user.username}")
    return code, row


@transaction.atomic
def enrolment_code_redeem(*, user, code: str) -> bool:
    """Use `code` for `user` if it is theirs, unused and unexpired; start a fresh pending device. Return success."""
    row = (
        EnrolmentCode.objects.select_for_update()
        .filter(user=user, code_hash=_enrolment_digest(code), used_at__isnull=True, expires_at__gt=timezone.now())
        .first()
    )
    if row is None:
        return False
    row.used_at = timezone.now()
    row.save(update_fields=["used_at"])
    # Any secret shown before (by an older flow) is worthless: the app is paired with a new one.
    TOTPDevice.objects.filter(user=user, confirmed=False).delete()
    return True


def qr_svg_data_uri(device: TOTPDevice) -> str:
    """Return the device's otpauth:// address as an SVG QR code in a data: URI (no request leaves the server)."""
    return segno.make(device.config_url, error="m").svg_data_uri(scale=5)


@transaction.atomic
def two_factor_confirm(*, device: TOTPDevice, token: str) -> list[str] | None:
    """Confirm `device` with a code from the app; return new backup codes, or None if the code is wrong."""
    if not device.verify_token(token):
        return None
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    return backup_codes_renew(user=device.user)


@transaction.atomic
def backup_codes_renew(*, user) -> list[str]:
    """Replace the person's backup codes with ten new single-use ones and return them."""
    static, _created = StaticDevice.objects.get_or_create(user=user, defaults={"name": "Mã dự phòng"})
    static.token_set.all().delete()
    codes = [StaticToken.random_token() for _ in range(BACKUP_CODES)]
    static.token_set.bulk_create(StaticToken(device=static, token=code) for code in codes)
    return codes


class RequireTwoFactorMiddleware:
    """Send a leader or administrator who has not passed the second factor to set it up or enter a code."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if (
            settings.TWO_FACTOR_ENFORCED
            and user is not None
            and needs_two_factor(user)
            and not user.is_verified()
            and not request.path.startswith(OPEN_PATHS)
        ):
            target = "two_factor_verify" if confirmed_totp(user) else "two_factor_setup"
            return redirect(f"{reverse(target)}?next={quote(request.get_full_path())}")
        return self.get_response(request)
