"""The user's workplace on the home pages, and the communes under a supervisor."""

from django.db.models import Count, Q

from units.choices import UnitKind
from units.scope import scope_of


def home_summary(*, user) -> dict:
    """Return what the user's home page shows: their workplace and the units and people in scope."""
    scope = scope_of(user)
    root, units = scope.root, scope.units()
    by_kind = dict(units.exclude(pk=root.pk).values_list("kind").annotate(n=Count("pk")))
    return {
        "government": root,
        "units_by_kind": [(UnitKind(kind).label, kind, by_kind[kind]) for kind in UnitKind.values if by_kind.get(kind)],
        "people_count": units.aggregate(n=Count("people", filter=Q(people__is_active=True)))["n"],
        "own_unit_people": user.unit.people.filter(is_active=True).exclude(pk=user.pk).order_by("full_name"),
    }


def commune_rollup(*, user):
    """Return the communes under a supervisor's government with their unit and people counts."""
    return (
        scope_of(user)
        .units()
        .filter(kind=UnitKind.COMMUNE)
        .annotate(unit_count=Count("children", distinct=True), people_count=Count("children__people", distinct=True))
        .order_by("name")
    )
