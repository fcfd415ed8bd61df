"""Fixtures of the task tracking tests: an issued plan of our commune and tasks of its units."""

import datetime

import pytest

from tests.factories import IssuedPlanFactory, TaskFactory, UserFactory
from units.choices import Role


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    """Keep uploaded evidence in a temporary folder."""
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def plan(world):
    """The commune's plan for the second half of 2025, issued on 10/07/2025, owned by the official."""
    return IssuedPlanFactory(
        issuing_unit=world.commune, created_by=world.users["official"], title="Kế hoạch công tác dân vận 2025"
    )


@pytest.fixture
def head(world):
    """`truongphong`, head of the Văn phòng HĐND và UBND (world.other_department)."""
    return world.users["unit_head"]


@pytest.fixture
def task(plan, world):
    """A deadline task of the plan led by the unit head's unit, due 15/12/2025."""
    return TaskFactory(
        plan=plan,
        lead_units=[world.other_department],
        content="Tổ chức hội nghị tuyên truyền phong trào “Dân vận khéo”",
        timeframe_kind="deadline",
        due_date=datetime.date(2025, 12, 15),
    )


@pytest.fixture
def other_task(plan, world):
    """A task of the same plan led by the official's department: another unit's task for the unit head."""
    return TaskFactory(plan=plan, lead_units=[world.department], content="Biên tập chuyên mục trên trang thông tin")


@pytest.fixture
def other_head(world):
    """The head of the official's department (Phòng Văn hóa - Xã hội)."""
    return UserFactory(username="truongphongvhxh", unit=world.department, role=Role.UNIT_HEAD, email="vhxh@example.org")


def report_day(plan, days: int = 30) -> datetime.date:
    """Return a valid report date: `days` after the plan's issue."""
    return plan.issued_on + datetime.timedelta(days=days)
