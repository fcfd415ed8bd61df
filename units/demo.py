"""Demo data of the units app: the city of Hải Phòng, the seed communes and the demo logins."""

import json
from pathlib import Path

from units.choices import Role, UnitKind
from units.models import Unit
from units.services import person_place, synthetic_communes_create, unit_tree_load

UNITS_FILE = Path(__file__).resolve().parent / "fixtures" / "demo_units.json"
CITY_NAME = "Thành phố Hải Phòng"
DEMO_COMMUNE = "Ủy ban nhân dân xã Thượng Hồng"


def _child(parent: Unit, starts_with: str) -> Unit:
    return parent.children.get(name__startswith=starts_with)


def seed_units(*, password: str, scale: int = 0) -> list[tuple[str, str, str]]:
    """Load the unit tree and the five demo logins; return (username, role label, unit) rows to print."""
    (city,) = unit_tree_load(nodes=json.loads(UNITS_FILE.read_text(encoding="utf-8")))
    commune = city.children.get(name=DEMO_COMMUNE, kind=UnitKind.COMMUNE)
    logins = [
        (
            "canbo",
            _child(commune, "Phòng Văn hóa"),
            Role.OFFICIAL,
            "Nguyễn Thị Lan",
            "Chuyên viên Phòng Văn hóa - Xã hội",
        ),
        ("truongphong", _child(commune, "Văn phòng"), Role.UNIT_HEAD, "Trần Văn Minh", "Chánh Văn phòng HĐND và UBND"),
        ("lanhdao", commune, Role.LEADER, "Hà Thị Thủy", "Chủ tịch UBND xã"),
        ("giamsat", _child(city, "Sở Nội vụ"), Role.SUPERVISOR, "Lê Văn Hùng", "Chuyên viên Sở Nội vụ"),
    ]
    rows = []
    for username, unit, role, full_name, position in logins:
        person_place(username=username, unit=unit, role=role, full_name=full_name, position=position, password=password)
        rows.append((username, str(role.label), str(unit)))
    person_place(username="admin", unit=None, role="", full_name="Quản trị hệ thống", password=password, superuser=True)
    rows.append(("admin", "Quản trị hệ thống", "-"))
    if scale:
        synthetic_communes_create(city=city, count=scale * 25)
    return rows
