"""Reads of the units app that need more than a filter."""

from django.db.models import Count, Prefetch

from units.models import Unit, User
from units.scope import scope_of


def unit_directory(*, user):
    """Return the units the user may see, with their parent and head count."""
    return scope_of(user).units().select_related("parent").annotate(people_count=Count("people", distinct=True))


def unit_profile(*, unit: Unit) -> dict:
    """Return what the unit page shows: sub-units, people and the groups it belongs to."""
    return {
        "children": unit.children.annotate(people_count=Count("people")).order_by("position", "name"),
        "people": unit.people.filter(is_active=True).order_by("role", "full_name"),
        "groups": unit.member_of_groups.select_related("owner"),
        "owned_groups": unit.unit_groups.prefetch_related(Prefetch("members", queryset=Unit.objects.order_by("name"))),
    }


def people_in_scope(*, user):
    """Return active people whose unit the user may see."""
    return User.objects.filter(is_active=True, unit__in=scope_of(user).units()).select_related("unit")
