"""Who gets what on every URL: one row per named URL (and variant), one status per role.

`tests/test_permission_matrix.py` walks the URL map and fails when a named URL
has no row here, so every new view must add its row. Roles are those of
`tests/conftest.py:ROLES`; `args` builds the URL arguments from the test world.
"""

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Row:
    name: str
    expected: dict[str, int]
    args: object = None  # callable(world) -> list, or None
    method: str = "get"
    data: dict = field(default_factory=dict)
    variant: str = ""

    @property
    def id(self) -> str:
        return f"{self.name}@{self.variant}" if self.variant else self.name


def everyone(status: int) -> dict[str, int]:
    return dict.fromkeys(["anonymous", "no_workplace", "official", "unit_head", "leader", "supervisor"], status)


def portal(status: int = 200, **overrides: int) -> dict[str, int]:
    """A page for people with a workplace: anonymous to login, no workplace gets 403."""
    return {
        "anonymous": 302,
        "no_workplace": 403,
        **dict.fromkeys(["official", "unit_head", "leader", "supervisor"], status),
        **overrides,
    }


def logged_in(status: int = 200) -> dict[str, int]:
    """A page for anyone logged in, with or without a workplace."""
    return {**everyone(status), "anonymous": 302}


ROWS = [
    Row("home", portal()),
    Row("login", {**everyone(302), "anonymous": 200}),
    Row("logout", everyone(302), method="post"),
    Row("password_change", logged_in()),
    Row("password_change_done", logged_in()),
    Row("healthz", everyone(200)),
    Row("units:unit_list", portal()),
    Row("units:unit_detail", portal(), args=lambda w: [w.department.pk], variant="own commune"),
    Row(
        "units:unit_detail",
        portal(404, supervisor=200),
        args=lambda w: [w.foreign_department.pk],
        variant="another commune",
    ),
]

# Named URLs that are not portal pages, with the test that covers them instead.
EXEMPT_PREFIXES = {
    "admin:": "Django admin: staff only, tested in tests/units/test_admin.py",
}
