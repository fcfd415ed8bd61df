"""Optimistic locking for documents edited in a browser: a version number on the row.

The edit form carries the version the person started from; the service moves the
row to the next version only if it is still there, so a save made after someone
else's is refused (the view answers 409 with both versions) instead of overwriting it.
"""

from django.core.exceptions import ValidationError
from django.db.models import F, Model


class StaleEditError(ValidationError):
    """Someone else saved the document after this edit began."""


def bump_version(instance: Model, expected_version: int | None, *, message: str) -> None:
    """Advance `instance`'s stored version, refusing with `message` unless it is still `expected_version`.

    `expected_version` None means "whatever is stored" (an edit that cannot be stale,
    such as adding a part under the row lock). `instance.version` is refreshed.
    """
    rows = type(instance)._default_manager.filter(pk=instance.pk)
    if expected_version is not None:
        rows = rows.filter(version=expected_version)
    if not rows.update(version=F("version") + 1):
        raise StaleEditError(message)
    instance.version = type(instance)._default_manager.values_list("version", flat=True).get(pk=instance.pk)
