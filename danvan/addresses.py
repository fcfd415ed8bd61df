"""The client's address, the one every lockout, throttle and audit row counts by.

Without a reverse proxy the address is the socket's (REMOTE_ADDR) and any
X-Forwarded-For header is ignored: a client could write anything there. Behind
`TRUSTED_PROXY_COUNT` proxies (the `BEHIND_PROXY` setting), each proxy appends the
address it received the request from, so the last entries of X-Forwarded-For were
written by our proxies and the client is the entry that many places from the right;
whatever the client put before it is not trusted.
"""

import ipaddress

from django.conf import settings


def client_ip(request) -> str | None:
    """Return the address of the person making `request`, seen through the trusted proxies."""
    remote = request.META.get("REMOTE_ADDR") or None
    hops = getattr(settings, "TRUSTED_PROXY_COUNT", 0)
    if not hops:
        return remote
    forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()]
    if not forwarded:
        return remote
    # Fewer entries than proxies: every entry was still written by one of ours; the first is the client.
    candidate = forwarded[-hops] if len(forwarded) >= hops else forwarded[0]
    try:
        return str(ipaddress.ip_address(candidate))
    except ValueError:
        return remote


def trusted_proxy_count(value: str) -> int:
    """Read the BEHIND_PROXY setting: a number of proxies, or on/off (on means one)."""
    value = value.strip().lower()
    if value.isdigit():
        return int(value)
    if value in {"on", "true", "yes"}:
        return 1
    if value in {"", "off", "false", "no"}:
        return 0
    raise ValueError(f"BEHIND_PROXY must be a number of proxies or on/off, not {value!r}")
