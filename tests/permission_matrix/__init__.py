"""Who gets what on every URL: one row per named URL (and variant), one status per role.

`tests/test_permission_matrix.py` walks the URL map and fails when a named URL
has no row here, so every new view must add its row. Roles are those of
`tests/conftest.py:ROLES`; `args` builds the URL arguments from the test world.
"""

from tests.permission_matrix import (
    api,
    jobs,
    plans,
    public,
    register,
    registry,
    reports,
    signing,
    tasks,
)
from tests.permission_matrix.base import CORE_ROWS, Row, everyone, logged_in, only, portal
from tests.permission_matrix.registry import EXEMPT_PREFIXES

# One module per app; each adds its rows here on a line of its own.
ROWS: list[Row] = [
    *CORE_ROWS,
    *plans.ROWS,
    *registry.ROWS,
    *tasks.ROWS,
    *reports.ROWS,
    *register.ROWS,
    *jobs.ROWS,
    *signing.ROWS,
    *public.ROWS,
    *api.ROWS,
]

__all__ = ["EXEMPT_PREFIXES", "ROWS", "Row", "everyone", "logged_in", "only", "portal"]
