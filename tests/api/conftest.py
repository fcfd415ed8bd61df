"""Fixtures of the API tests: evidence in a temporary folder, a clean rate-limit cache, tokens per role."""

import datetime

import pytest
from django.core.cache import cache

from tests.factories import IssuedPlanFactory, TaskFactory


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    """Keep uploaded evidence in a temporary folder."""
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture(autouse=True)
def clean_rate_limits():
    """Start each test with no calls counted against any token."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def plan(world):
    """Our commune's plan for the second half of 2025, issued on 10/07/2025, owned by the official."""
    return IssuedPlanFactory(issuing_unit=world.commune, created_by=world.users["official"], title="Kế hoạch dân vận")


@pytest.fixture
def task(plan, world):
    """A task of the plan led by the unit head's unit, due 15/12/2025."""
    return TaskFactory(
        plan=plan,
        lead_units=[world.other_department],
        content="Tổ chức hội nghị tuyên truyền phong trào “Dân vận khéo”",
        timeframe_kind="deadline",
        due_date=datetime.date(2025, 12, 15),
    )
