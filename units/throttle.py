"""Login throttling across names and across addresses, as a growing delay, never a lock.

django-axes locks a name and an address together (settings.AXES_LOCKOUT_PARAMETERS), so
nobody can lock the chairman out from elsewhere; alone it lets one address try name after
name, and a name be tried from address after address. Here each address and each name
counts its failed logins (in Django's cache, so the counts are shared by every worker
and move to Redis with the cache); past `LOGIN_THROTTLE_FREE_FAILURES` the next attempt
is refused for 2, 4, 8... seconds, never more than `LOGIN_THROTTLE_MAX_SECONDS`. A refused
attempt is not looked at and not counted, so waiting always ends the delay.

A browser where a name has logged in before carries a signed cookie naming it: its owner
is let through the delays for that name (the name-and-address lock still holds), so a
stranger spraying the chairman's name from many addresses slows only the strangers.
"""

import hashlib
import math
import time

from django.conf import settings
from django.contrib.auth.signals import user_logged_in, user_login_failed
from django.core import signing
from django.core.cache import cache
from django.dispatch import receiver
from django.shortcuts import render
from django.urls import reverse

from danvan.addresses import client_ip

KNOWN_COOKIE = "known_login"
KNOWN_SALT = "units.throttle.known_login"
KNOWN_MAX_AGE = 90 * 24 * 60 * 60
KNOWN_NAMES_PER_BROWSER = 5
LOGIN_URL_NAMES = ("login", "admin:login")


def _now() -> float:
    return time.time()


def _digest(value: str) -> str:
    return hashlib.sha256(value.encode()).hexdigest()[:32]


def _name_digest(username: str) -> str:
    """Return the digest a name is counted under: case and surrounding spaces do not make a new name."""
    return _digest(username.strip().casefold())


def _keys(request, username: str) -> list[str]:
    keys = []
    address = client_ip(request)
    if address:
        keys.append(f"login-throttle:address:{_digest(address)}")
    if username.strip():
        keys.append(f"login-throttle:name:{_name_digest(username)}")
    return keys


def delay_after(failures: int) -> int:
    """Return how many seconds the next attempt waits after `failures` failed logins."""
    free = settings.LOGIN_THROTTLE_FREE_FAILURES
    if failures < free:
        return 0
    return min(2 ** (failures - free + 1), settings.LOGIN_THROTTLE_MAX_SECONDS)


def record_failure(request, username: str) -> None:
    """Count one failed login against the address and the name, and start the delay it earns."""
    window = settings.LOGIN_THROTTLE_WINDOW_SECONDS
    for key in _keys(request, username):
        cache.add(f"{key}:failures", 0, window)
        try:
            failures = cache.incr(f"{key}:failures")
        except ValueError:  # expired between add and incr
            cache.set(f"{key}:failures", 1, window)
            failures = 1
        cache.touch(f"{key}:failures", window)
        delay = delay_after(failures)
        if delay:
            cache.set(f"{key}:until", _now() + delay, max(window, delay))


def seconds_to_wait(request, username: str) -> int:
    """Return how long this login attempt must wait (0: it may be tried now)."""
    if _known_here(request, username):
        return 0
    now = _now()
    until = cache.get_many([f"{key}:until" for key in _keys(request, username)]).values()
    return max((math.ceil(moment - now) for moment in until if moment > now), default=0)


def _known_names(request) -> list[str]:
    try:
        return signing.loads(request.COOKIES.get(KNOWN_COOKIE, ""), salt=KNOWN_SALT, max_age=KNOWN_MAX_AGE)
    except signing.BadSignature:
        return []


def _known_here(request, username: str) -> bool:
    return bool(username.strip()) and _name_digest(username) in _known_names(request)


@receiver(user_login_failed)
def count_failed_login(sender, credentials, request=None, **kwargs):
    """Count every failed login made through a request (the portal's and the admin's login pages)."""
    if request is not None:
        record_failure(request, str(credentials.get("username", "")))


@receiver(user_logged_in)
def note_successful_login(sender, request, user, **kwargs):
    """Mark the request so the middleware remembers this browser for this name."""
    if request is not None:
        request.throttle_logged_in = user.get_username()


class LoginThrottleMiddleware:
    """Answer a login attempt that must wait with 429 and the seconds left; remember browsers that logged in."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method == "POST" and request.path in {reverse(name) for name in LOGIN_URL_NAMES}:
            wait = seconds_to_wait(request, request.POST.get("username", ""))
            if wait:
                response = render(request, "registration/login_throttled.html", {"seconds": wait}, status=429)
                response["Retry-After"] = str(wait)
                return response
        response = self.get_response(request)
        username = getattr(request, "throttle_logged_in", None)
        if username:
            self.remember(request, response, username)
        return response

    @staticmethod
    def remember(request, response, username: str) -> None:
        names = [name for name in _known_names(request) if name != _name_digest(username)]
        names = [_name_digest(username), *names][:KNOWN_NAMES_PER_BROWSER]
        response.set_cookie(
            KNOWN_COOKIE,
            signing.dumps(names, salt=KNOWN_SALT),
            max_age=KNOWN_MAX_AGE,
            secure=settings.SESSION_COOKIE_SECURE,
            httponly=True,
            samesite="Lax",
        )
