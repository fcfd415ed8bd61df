"""Generations of cached things, kept in Django's cache (the public pages, the figures, list options and counts).

A cached value's key carries the generation stamps of what it was built from; a change takes new stamps, so a
value built before is never read again and simply expires. A stamp is the time in nanoseconds, which also says how
young a generation is, and taking one is a plain write: no counter to lose an increment or to be missing.
"""

import time

from django.core.cache import cache

# Renewed by every saved or deleted unit (danvan.list_options.units_changed, connected in units/apps.py): what is
# cached from the unit tree (filter options, the depth of a scope) depends on it.
UNITS = "units:changed"


def current(*keys: str) -> tuple[int, ...]:
    """Return the stamp of each of `keys`, starting a generation for any key that has none yet."""
    found = cache.get_many(keys)
    missing = [key for key in keys if key not in found]
    if missing:
        stamp = time.time_ns()
        for key in missing:
            cache.add(key, stamp, None)  # another process may start it first: its stamp is the one read
        found = cache.get_many(keys)
    return tuple(found.get(key, 0) for key in keys)


def renew(*keys: str) -> None:
    """Start a new generation of each of `keys`."""
    stamp = time.time_ns()
    cache.set_many(dict.fromkeys(keys, stamp), None)
