"""Who may hold personal API tokens: anyone with a unit and a role (a token acts with its owner's rules)."""

import rules

from units.permissions import has_workplace

rules.add_perm("api.manage_tokens", has_workplace)
