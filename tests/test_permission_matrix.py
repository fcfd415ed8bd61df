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
    assert missing == [], f"Add these URLs to tests/permission_matrix.py: {missing}"


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
