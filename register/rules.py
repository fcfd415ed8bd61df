"""Who may read and keep the register: the leaders and officials of the government that issued the documents."""

import rules

from units.permissions import is_leader, is_official, scope_root
from units.scope import government_of

register_keepers = is_leader | is_official


@rules.predicate
def book_of_own_government(user, unit) -> bool:
    """The issuing unit belongs to the government the person works in."""
    root = scope_root(user)
    return unit is not None and root is not None and government_of(unit).pk == root.pk


@rules.predicate
def entry_of_own_government(user, entry) -> bool:
    return entry is not None and book_of_own_government(user, entry.issuing_unit)


rules.add_perm("register.view_register", register_keepers)
rules.add_perm("register.view_book", register_keepers & book_of_own_government)
rules.add_perm("register.change_entry", is_official & entry_of_own_government)
