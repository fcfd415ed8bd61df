"""Fixtures shared by the whole suite: a small world of units and one person per role."""

import asyncio
import datetime
import os
from dataclasses import dataclass

import pytest
from django.test import Client

from tests.factories import CityFactory, CommuneFactory, DepartmentFactory, UserFactory
from units.choices import Role, UnitKind
from units.models import Unit, User

ROLES = ["anonymous", "no_workplace", "official", "unit_head", "leader", "supervisor"]


@dataclass
class World:
    """A city with a supervising department, our commune with two departments, and another commune."""

    city: Unit
    city_department: Unit
    commune: Unit
    department: Unit
    other_department: Unit
    other_commune: Unit
    foreign_department: Unit
    users: dict[str, User | None]


@pytest.fixture
def world(db) -> World:
    city = CityFactory(name="Thành phố Hải Phòng")
    city_department = DepartmentFactory(parent=city, name="Sở Nội vụ", abbreviation="SNV")
    commune = CommuneFactory(parent=city, name="Ủy ban nhân dân xã Thượng Hồng", place_name="Thượng Hồng")
    department = DepartmentFactory(parent=commune, name="Phòng Văn hóa - Xã hội", abbreviation="VHXH")
    other_department = DepartmentFactory(parent=commune, name="Văn phòng HĐND và UBND", abbreviation="VP")
    other_commune = CommuneFactory(parent=city, name="Ủy ban nhân dân xã Kim Thành", place_name="Kim Thành")
    foreign_department = DepartmentFactory(parent=other_commune, name="Phòng Kinh tế", kind=UnitKind.DEPARTMENT)
    users = {
        "anonymous": None,
        "no_workplace": UserFactory(username="chuaphancong", unit=None, role=""),
        "official": UserFactory(username="canbo", unit=department, role=Role.OFFICIAL),
        "unit_head": UserFactory(username="truongphong", unit=other_department, role=Role.UNIT_HEAD),
        "leader": UserFactory(
            username="lanhdao", unit=commune, role=Role.LEADER, full_name="Hà Thị Thủy", position="Chủ tịch UBND xã"
        ),
        "supervisor": UserFactory(username="giamsat", unit=city_department, role=Role.SUPERVISOR),
    }
    return World(city, city_department, commune, department, other_department, other_commune, foreign_department, users)


def enroll_two_factor(user: User) -> list[str]:
    """Give `user` a confirmed authenticator device; return their backup codes."""
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from units.twofactor import backup_codes_renew

    TOTPDevice.objects.get_or_create(user=user, confirmed=True, defaults={"name": "Ứng dụng xác thực"})
    return backup_codes_renew(user=user)


def client_for(user: User | None, *, verified: bool = True) -> Client:
    """Return a test client logged in as `user` (anonymous when None).

    A leader or administrator has also passed the second factor, unless `verified` is False.
    """
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from units.twofactor import needs_two_factor

    client = Client()
    if user is not None:
        client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
        if verified and needs_two_factor(user):
            enroll_two_factor(user)
            session = client.session
            session[DEVICE_ID_SESSION_KEY] = TOTPDevice.objects.get(user=user, confirmed=True).persistent_id
            session.save()
    return client


@pytest.fixture
def plans(world):
    """One plan of our commune in each status, written by the official."""
    from plans.choices import PlanStatus
    from tests.factories import PlanFactory, SectionFactory, TaskFactory

    plans = {}
    for status in PlanStatus.values:
        numbered = status in {PlanStatus.ISSUED, PlanStatus.COMPLETED}
        plan = PlanFactory(
            issuing_unit=world.commune,
            created_by=world.users["official"],
            status=status,
            number=len(plans) + 1 if numbered else None,
            year=2025 if numbered else None,
            issued_on=datetime.date(2025, 9, 12) if numbered else None,
        )
        SectionFactory(plan=plan, heading="MỤC ĐÍCH, YÊU CẦU")
        TaskFactory(plan=plan, lead_units=[world.other_department])
        plans[status] = plan
    plans["foreign"] = PlanFactory(issuing_unit=world.other_commune, created_by=world.users["official"])
    return plans


@pytest.fixture
def official(world):
    return world.users["official"]


@pytest.fixture
def unit_head(world):
    return world.users["unit_head"]


@pytest.fixture
def leader(world):
    return world.users["leader"]


@pytest.fixture
def supervisor(world):
    return world.users["supervisor"]


@pytest.fixture(autouse=True)
def _empty_cache():
    """Start every test with an empty cache: login throttle counters (units/throttle.py) live there."""
    from django.core.cache import cache

    cache.clear()


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_protocol(item, nextitem):
    """Run every test that is not a browser test as production runs: no event loop in the thread, Django's async
    safety on, from the setup of its fixtures (module-scoped ones included) to their teardown.

    Playwright's sync API leaves its event loop marked as running in the test thread for as long as the session's
    browser lives, and tests/browser/conftest.py allows unsafe async ORM calls for the whole process. A later test of
    the same xdist worker would otherwise see both: pyHanko's `asyncio.run` fails, and the ORM's guard is off.
    """
    if "browser" in item.fixturenames:
        yield
        return
    loop = asyncio._get_running_loop()
    allowed = os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    asyncio._set_running_loop(None)
    try:
        yield
    finally:
        asyncio._set_running_loop(loop)
        if allowed is not None:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = allowed
