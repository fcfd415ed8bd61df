"""Every named URL answers every role as the permission matrix says."""

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from tests.conftest import ROLES, client_for
from tests.permission_matrix import EXEMPT_PREFIXES, ROWS


def named_urls(resolver=None, namespace="") -> set[str]:
    """Return every named URL of the project, with its namespace."""
    names = set()
    for pattern in (resolver or get_resolver()).url_patterns:
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            names |= named_urls(pattern, inner)
        elif isinstance(pattern, URLPattern) and pattern.name:
            names.add(f"{namespace}{pattern.name}")
    return names


def test_every_named_url_has_a_row():
    """Given the URL map, every named URL has a row in the matrix or an exemption."""
    covered = {row.name for row in ROWS}
    missing = sorted(
        name for name in named_urls() if name not in covered and not name.startswith(tuple(EXEMPT_PREFIXES))
    )
    assert missing == [], f"Add these URLs to tests/permission_matrix/: {missing}"


def test_every_row_names_a_real_url():
    assert {row.name for row in ROWS} <= named_urls()


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("row", ROWS, ids=lambda row: row.id)
def test_role_gets_expected_status(world, plans, row, role):
    """Given a role, when it requests the URL, then it gets the status in the matrix."""
    world.plans = plans
    client = client_for(world.users[role])
    url = reverse(row.name, args=row.args(world) if row.args else None)
    response = getattr(client, row.method)(url, row.data)
    assert response.status_code == row.expected[role], f"{row.id} as {role}"
    if response.status_code == 302 and role == "anonymous" and row.name not in {"logout"}:
        assert response["Location"].startswith(reverse("login"))


def state_of_the_database() -> dict[str, tuple]:
    """Every row count and latest edit of the portal's tables (not the audit trail, which records reads too)."""
    from django.apps import apps
    from django.db.models import Count, Max

    state = {}
    for app in ("units", "plans", "models_registry", "reports", "register"):
        for model in apps.get_app_config(app).get_models():
            fields = {field.name for field in model._meta.concrete_fields}
            aggregates = {"rows": Count("pk")}
            for name in ("updated_at", "version", "is_read", "read_at"):
                if name in fields:
                    aggregates[name] = Max(name)
            state[model._meta.label] = tuple(model._default_manager.aggregate(**aggregates).values())
    return state


GET_ROWS = [row for row in ROWS if row.method == "get"]
POST_ROWS = [row for row in ROWS if row.method == "post"]


def allowed_role(row) -> str | None:
    """The first role the matrix lets through `row` (a success or a redirect after the move), if any."""
    return next((role for role in ROLES[1:] if row.expected[role] in (200, 302)), None)


@pytest.mark.parametrize("row", GET_ROWS, ids=lambda row: row.id)
def test_get_changes_nothing_for_any_role(world, plans, row):
    """Given any role, when it reads the URL, then no table changed (reads never write)."""
    world.plans = plans
    url = reverse(row.name, args=row.args(world) if row.args else None)
    clients = {role: client_for(world.users[role]) for role in ROLES}
    before = state_of_the_database()
    for client in clients.values():
        client.get(url, row.data)
    assert state_of_the_database() == before


@pytest.mark.parametrize(
    "row", [row for row in POST_ROWS if row.name != "logout" and allowed_role(row)], ids=lambda row: row.id
)
def test_post_urls_refuse_get_and_a_post_without_csrf_token(world, plans, row):
    """Given the role allowed to make the move, GET changes nothing and a POST without the CSRF token gets 403."""
    world.plans = plans
    user = world.users[allowed_role(row)]
    url = reverse(row.name, args=row.args(world) if row.args else None)
    before = state_of_the_database()
    client_for(user).get(url)
    assert state_of_the_database() == before
    forged = client_for(user)
    forged.handler.enforce_csrf_checks = True
    assert forged.post(url, row.data).status_code == 403
    assert state_of_the_database() == before


@pytest.mark.parametrize("row", [row for row in POST_ROWS if row.name != "logout"], ids=lambda row: row.id)
def test_refused_posts_change_nothing(world, plans, row):
    """Given every role the matrix refuses (403, 404, or a login redirect), when it POSTs, then no table changed."""
    world.plans = plans
    url = reverse(row.name, args=row.args(world) if row.args else None)
    refused = [role for role in ROLES if row.expected[role] in (403, 404) or role == "anonymous"]
    before = state_of_the_database()
    for role in refused:
        response = client_for(world.users[role]).post(url, row.data)
        assert response.status_code == row.expected[role], f"{row.id} as {role}"
    assert state_of_the_database() == before
