"""Fixtures of the API tests: an issued plan, and the task tracker's own (evidence in a temporary folder, a task
of the unit head's unit). The cache, so every rate limit, starts empty (tests/conftest.py)."""

import pytest

from tests.factories import IssuedPlanFactory
from tests.tasks.conftest import media_root, task  # noqa: F401  (shared fixtures)


@pytest.fixture
def plan(world):
    """Our commune's plan for the second half of 2025, issued on 10/07/2025, owned by the official."""
    return IssuedPlanFactory(issuing_unit=world.commune, created_by=world.users["official"], title="Kế hoạch dân vận")
