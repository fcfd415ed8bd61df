"""This year's demo reporting of Thượng Hồng, dated relative to the day the demo is built.

A report cycle for the half-year containing today is running: its deadline is ten days
ahead, two units have sent their part and the others (the Văn phòng of the demo unit head
among them) are still to send theirs; the commune's periodic report of that half-year is a
draft the official is writing. Everything goes through reports.services; running it twice
changes nothing.
"""

import datetime

from django.contrib.auth import get_user_model

from reports.models import PeriodicReport, ReportCycle
from reports.selectors.periods import Period
from units.choices import Role, UnitKind
from units.models import Unit

DEMO_COMMUNE = "Ủy ban nhân dân xã Thượng Hồng"
# Units whose heads send their part in the demo (by the start of their names).
SUBMITTING = ("Phòng Văn hóa", "Trung tâm Văn hóa")
PART_TEXT = "Đơn vị đã triển khai đủ các nhiệm vụ được giao trong kỳ; kết quả cụ thể theo bảng tiến độ kèm theo."


def seed_live_reports(*, today: datetime.date) -> dict[str, int]:
    """Open this half-year's report cycle and start its periodic report, once; return what was made."""
    from plans.demo_live import unit_head
    from reports.services import cycle_open, part_submit, report_create

    made = {"cycles": 0, "parts_submitted": 0, "reports": 0}
    commune = Unit.objects.filter(name=DEMO_COMMUNE, kind=UnitKind.COMMUNE).first()
    official = (
        get_user_model().objects.filter(unit__parent=commune, role=Role.OFFICIAL, is_active=True).order_by("pk").first()
    )
    if commune is None or official is None:
        return made
    period = Period.containing(today)
    if not ReportCycle.objects.filter(government=commune, period_kind=period.kind, year=period.year).exists():
        cycle = cycle_open(
            government=commune,
            period_kind=period.kind,
            year=period.year,
            deadline=today + datetime.timedelta(days=10),
            by=official,
        )
        made["cycles"] = 1
        for part in cycle.parts.select_related("unit").order_by("unit__position", "pk"):
            if part.unit.name.startswith(SUBMITTING):
                part_submit(
                    part=part, by=unit_head(part.unit, "thuonghong"), narrative=PART_TEXT, expected_version=None
                )
                made["parts_submitted"] += 1
    if not PeriodicReport.objects.filter(unit=commune, period_kind=period.kind, year=period.year).exists():
        report_create(unit=commune, period_kind=period.kind, year=period.year, by=official)
        made["reports"] = 1
    return made
