"""Who may do what: the role predicates and the unit scope every app builds on.

Views, templates (`{% has_perm %}` from rules) and querysets all ask this
module, so a button is never shown for an action the server refuses.
Each app composes its own rules from these predicates in its `rules.py`;
which units a person may see is answered by one object, `units.scope.Scope`.
"""

import rules

from units import scope
from units.choices import Role
from units.models import Unit
from units.scope import scope_of

# The person is logged in, active, and has a unit and a role.
has_workplace = rules.predicate(scope.has_workplace)


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


def scope_root(user) -> Unit | None:
    """Return the government the user works in: the root of their scope (None without a workplace)."""
    return scope_of(user).root


@rules.predicate
def unit_in_scope(user, unit) -> bool:
    """The unit lies in the user's scope."""
    return scope_of(user).contains(unit)


@rules.predicate
def is_own_unit(user, unit) -> bool:
    """The unit is the user's own unit."""
    return unit is not None and has_workplace(user) and unit.pk == user.unit_id


rules.add_perm("units.view_directory", has_workplace)
rules.add_perm("units.view_unit", unit_in_scope)
