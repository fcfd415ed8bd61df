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


CORE_ROWS = [
    Row("home", portal()),
    Row("login", {**everyone(302), "anonymous": 200}),
    Row("logout", everyone(302), method="post"),
    Row("password_change", logged_in()),
    Row("password_change_done", logged_in()),
    Row("healthz", everyone(200)),
    # Only leaders and administrators owe a second factor; the others are sent on (302).
    Row("two_factor_verify", logged_in()),
    Row("two_factor_setup", everyone(302)),
    # The user guide: anyone logged in reads every role's guide and its screenshots.
    Row("help:index", logged_in()),
    Row("help:guide", logged_in(), args=lambda w: ["canbo"]),
    Row("help:image", logged_in(), args=lambda w: ["canbo-trang-chu.png"]),
    Row("units:unit_list", portal()),
    Row("units:unit_detail", portal(), args=lambda w: [w.department.pk], variant="own commune"),
    Row("units:notification_list", portal()),
    Row("units:notification_read", portal(302), method="post"),
    Row(
        "units:unit_detail",
        portal(404, supervisor=200),
        args=lambda w: [w.foreign_department.pk],
        variant="another commune",
    ),
    Row("units:notification_settings", portal()),
    Row(
        "units:notification_settings",
        portal(302),
        method="post",
        data={"todo": "digest", "result": "now", "activity": "app", "reminder": "now"},
        variant="save",
    ),
]


def only(status_for_role: dict[str, int], default: int = 403) -> dict[str, int]:
    """A portal page refused (403) to every role but those named."""
    return portal(default, **status_for_role)
