"""The user's government and the governments below it, found by walking `parent` ids.

Campaigns are launched by governments (a commune, or a city), so deciding whether
a campaign is in a user's scope only needs the governments under the user's own.
`units.permissions.scope_root` and `visible_units` answer the same questions with
a recursive query over the whole unit tree, which costs 130-300 ms per call on
SQLite at 15,000 units (bench/bench_registry.py); these helpers follow `parent`
ids instead, with indexed lookups, and give the same answers for the unit tree of
Vietnam, where a government sits at most two levels under another (city ->
district -> commune before 1/7/2025, city -> commune after).
"""

from django.db.models import Q, QuerySet

from units.choices import GOVERNMENT_KINDS
from units.models import Unit
from units.permissions import has_workplace


def government_of_user(user) -> Unit | None:
    """Return the nearest government at or above the user's unit (as `scope_root`), cached on the user."""
    if not has_workplace(user):
        return None
    if not hasattr(user, "_dvk_government"):
        unit = user.unit
        while unit.kind not in GOVERNMENT_KINDS and unit.parent_id is not None:
            unit = Unit.objects.only("pk", "kind", "parent_id", "name", "place_name").get(pk=unit.parent_id)
        user._dvk_government = unit
    return user._dvk_government


def governments_in_scope(user) -> QuerySet[Unit]:
    """Return the user's government and the governments under it."""
    root = government_of_user(user)
    if root is None:
        return Unit.objects.none()
    return Unit.objects.filter(
        Q(pk=root.pk) | Q(parent_id=root.pk) | Q(parent__parent_id=root.pk), kind__in=GOVERNMENT_KINDS
    )


def government_in_scope(user, unit: Unit) -> bool:
    """Whether the government `unit` is the user's government or lies under it."""
    root = government_of_user(user)
    if root is None or unit is None:
        return False
    if unit.pk == root.pk or unit.parent_id == root.pk:
        return True
    return unit.parent_id is not None and Unit.objects.filter(pk=unit.parent_id, parent_id=root.pk).exists()
