"""Two-factor authentication for the people whose mistakes cost most: leaders and administrators.

They confirm a TOTP app (Google Authenticator, Microsoft Authenticator...) once and
receive ten single-use backup codes; then every login asks for a 6-digit code.
"""

from urllib.parse import quote

import segno
from django.conf import settings
from django.db import transaction
from django.shortcuts import redirect
from django.urls import reverse
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from units.choices import Role

BACKUP_CODES = 10
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
