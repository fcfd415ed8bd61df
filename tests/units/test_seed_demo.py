"""The demo data command."""

import pytest
from django.core.management import CommandError, call_command

from units.choices import Role, UnitKind
from units.models import Unit, User


def seed(**options):
    call_command("seed_demo", force=True, stdout=open("/dev/null", "w"), **options)  # noqa: SIM115


def counts():
    return Unit.objects.count(), User.objects.count()


@pytest.mark.django_db
def test_seed_demo_builds_the_seed_communes_and_logins():
    seed()
    names = set(Unit.objects.filter(kind=UnitKind.COMMUNE).values_list("name", flat=True))
    assert {"Ủy ban nhân dân xã Thượng Hồng", "Ủy ban nhân dân xã Kim Thành", "Ủy ban nhân dân xã Kẻ Sặt"} <= names
    assert any("Gia Viên" in name for name in names)
    people = {user.username: user for user in User.objects.select_related("unit")}
    assert people["canbo"].role == Role.OFFICIAL and people["canbo"].unit.name.startswith("Phòng Văn hóa")
    assert people["truongphong"].role == Role.UNIT_HEAD and people["truongphong"].unit.name.startswith("Văn phòng")
    assert people["lanhdao"].role == Role.LEADER and people["lanhdao"].full_name == "Hà Thị Thủy"
    assert people["giamsat"].role == Role.SUPERVISOR and people["giamsat"].unit.name == "Sở Nội vụ"
    assert people["admin"].is_superuser
    assert people["canbo"].check_password("danvan-demo")


@pytest.mark.django_db
def test_seed_demo_twice_changes_nothing():
    seed()
    before = counts()
    seed()
    assert counts() == before


@pytest.mark.django_db
def test_seed_demo_scale_adds_synthetic_communes_once():
    seed()
    base_units, _ = counts()
    seed(scale=1)
    assert counts()[0] == base_units + 25 * 13
    seed(scale=1)
    assert counts()[0] == base_units + 25 * 13


@pytest.mark.django_db
def test_seed_demo_password_option():
    seed(password="mat-khau-khac-2025")
    assert User.objects.get(username="lanhdao").check_password("mat-khau-khac-2025")


@pytest.mark.django_db
def test_seed_demo_refuses_without_debug_unless_forced(settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="DEBUG"):
        call_command("seed_demo")
