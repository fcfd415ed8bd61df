"""Who may do what: the role predicates and the unit scope every app builds on.

Views, templates (`{% has_perm %}` from rules) and querysets all ask this
module, so a button is never shown for an action the server refuses.
Each app composes its own rules from these predicates in its `rules.py`.
"""

import rules

from units.choices import GOVERNMENT_KINDS, Role
from units.models import Unit


@rules.predicate
def has_workplace(user) -> bool:
    """The person is logged in, active, and has a unit and a role."""
    return bool(user and user.is_authenticated and user.is_active and user.has_workplace)


def _has_role(role):
    @rules.predicate(name=f"is_{role}")
    def predicate(user) -> bool:
        return has_workplace(user) and user.role == role

    return predicate


is_official = _has_role(Role.OFFICIAL)
is_unit_head = _has_role(Role.UNIT_HEAD)
is_leader = _has_role(Role.LEADER)
is_supervisor = _has_role(Role.SUPERVISOR)
# Roles that work inside one commune's government (as opposed to reading from above).
is_commune_staff = is_official | is_unit_head | is_leader


def government_of(unit: Unit) -> Unit:
    """Return the nearest level of government at or above `unit` (its commune, district or city).

    Walks `parent` ids (one indexed lookup per level, at most three in Vietnam's tree)
    rather than a recursive query over the whole unit table.
    """
    while unit.kind not in GOVERNMENT_KINDS and unit.parent_id is not None:
        unit = Unit.objects.get(pk=unit.parent_id)
    return unit


def subtree_ids(root: Unit) -> set[int]:
    """Return the ids of `root` and every unit below it, one indexed query per level."""
    ids, frontier = {root.pk}, [root.pk]
    while frontier:
        children = [
            pk for pk in Unit.objects.filter(parent_id__in=frontier).values_list("pk", flat=True) if pk not in ids
        ]
        ids.update(children)
        frontier = children
    return ids


def scope_root(user) -> Unit | None:
    """Return the unit whose subtree the user may read: the government the user works in.

    An official, unit head or leader reads their commune; a supervisor at the
    city's Sở Nội vụ reads the city and every commune under it. Cached on the user.
    """
    if not has_workplace(user):
        return None
    if not hasattr(user, "_scope_root"):
        user._scope_root = government_of(user.unit)
    return user._scope_root


def visible_unit_ids(user) -> set[int]:
    """Return the ids of the units the user may see, cached on the user for the request."""
    if not hasattr(user, "_visible_unit_ids"):
        root = scope_root(user)
        user._visible_unit_ids = subtree_ids(root) if root is not None else set()
    return user._visible_unit_ids


def visible_units(user):
    """Return the units the user may see (an empty queryset for a person without a workplace)."""
    return Unit.objects.filter(pk__in=visible_unit_ids(user))


@rules.predicate
def unit_in_scope(user, unit) -> bool:
    """The unit lies in the user's scope."""
    return unit is not None and has_workplace(user) and unit.pk in visible_unit_ids(user)


@rules.predicate
def is_own_unit(user, unit) -> bool:
    """The unit is the user's own unit."""
    return unit is not None and has_workplace(user) and unit.pk == user.unit_id


rules.add_perm("units.view_directory", has_workplace)
rules.add_perm("units.view_unit", unit_in_scope)
