"""Demo data of the plans app: the four seed plans, read by the importer and saved through the services."""

from pathlib import Path

from django.contrib.auth import get_user_model

from plans.importing import parse_plan
from plans.importing.persist import import_parsed_plan
from plans.models import Plan
from units.choices import Role, UnitKind
from units.models import Unit

SEEDS = Path(__file__).resolve().parent / "fixtures" / "seeds"
# Seed file -> place name of the commune or ward that issued it.
SEED_COMMUNES = {
    "thuong-hong-2025-dan-van-kheo.txt": "Thượng Hồng",
    "kim-thanh-2025-tuyen-truyen.txt": "Kim Thành",
    "gia-vien-2025-trien-khai.txt": "Gia Viên",
    "ke-sat-2025-2030-chuong-trinh-phoi-hop.txt": "Kẻ Sặt",
}


def seed_plans() -> list[tuple[str, Plan, list[str]]]:
    """Import each seed plan once; return (file, plan, unmatched unit names) for those created now."""
    created = []
    author = get_user_model().objects.filter(role=Role.OFFICIAL).order_by("pk").first()
    for filename, place in SEED_COMMUNES.items():
        commune = Unit.objects.get(kind=UnitKind.COMMUNE, place_name=place)
        parsed = parse_plan((SEEDS / filename).read_text(encoding="utf-8"))
        if Plan.objects.filter(issuing_unit=commune, title=parsed.title[:500]).exists():
            continue
        by = get_user_model().objects.filter(unit__parent=commune, role=Role.OFFICIAL).first() or author
        report = import_parsed_plan(parsed=parsed, issuing_unit=commune, by=by)
        created.append((filename, report.plan, report.unmatched_units))
    return created
