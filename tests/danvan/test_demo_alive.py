"""The demo is alive on any day: seed_demo run a year ahead gives every role work to act on."""

import datetime
import io

import pytest
from django.core.management import call_command
from django.utils import timezone

from models_registry.models import Campaign, Registration
from plans.choices import PlanStatus
from plans.models import Plan, ProgressUpdate, Task
from reports.choices import PartStatus
from reports.models import PeriodicReport, ReportCycle, UnitPart
from reports.selectors.periods import Period
from reports.selectors.rollup import rollup_figures
from units.models import Notification, Unit, User

# A year after the real day the suite runs on: the seed plans' 2025 dates are long past, ours are not.
AHEAD = timezone.localdate() + datetime.timedelta(days=365)


def seed(today=AHEAD) -> str:
    out = io.StringIO()
    call_command("seed_demo", force=True, today=today, stdout=out)
    return out.getvalue()


def counts() -> tuple[int, ...]:
    models = (Plan, Task, ProgressUpdate, Campaign, Registration, ReportCycle, UnitPart, PeriodicReport, Notification)
    return tuple(model.objects.count() for model in models) + (User.objects.count(),)


@pytest.fixture
def demo(db):
    output = seed()
    return output, {user.username: user for user in User.objects.select_related("unit")}


def check_leader(demo):
    _output, people = demo
    leader = people["lanhdao"]
    waiting = Plan.objects.filter(issuing_unit=leader.unit, status=PlanStatus.SUBMITTED, year__isnull=True)
    assert waiting.exists()


def check_official(demo):
    _output, people = demo
    returned = Plan.objects.get(created_by=people["canbo"], status=PlanStatus.RETURNED)
    assert returned.transitions.filter(to_status=PlanStatus.RETURNED, by=people["lanhdao"]).exclude(comment="").exists()


def check_unit_head(demo):
    _output, people = demo
    unit = people["truongphong"].unit
    assert Task.objects.late(AHEAD).led_by(unit.pk).exists()
    assert Task.objects.due_soon(AHEAD, 7).led_by(unit.pk).exists()
    assert UnitPart.objects.filter(unit=unit, status=PartStatus.PENDING, cycle__deadline__gt=AHEAD).exists()
    assert Registration.objects.filter(unit=unit, status="returned", campaign__year=AHEAD.year).exists()


def check_campaign(demo):
    campaign = Campaign.objects.get(year=AHEAD.year)
    assert campaign.registration_open(AHEAD)
    assert campaign.registration_deadline > AHEAD
    states = set(campaign.registrations.values_list("status", flat=True))
    assert {"draft", "submitted", "returned", "accepted"} <= states


def check_supervisor(demo):
    _output, people = demo
    city = people["giamsat"].unit.parent
    rows = rollup_figures(city, Period.containing(AHEAD), today=AHEAD)
    lively = [row for row in rows if row["plans_issued"] and row["tasks_total"] and row["tasks_late"]]
    assert len(lively) >= 4


def check_communes(demo):
    communes = Unit.objects.filter(place_name__in=["Thượng Hồng", "Kim Thành", "Gia Viên", "Kẻ Sặt"], kind="commune")
    for commune in communes:
        assert Plan.objects.filter(issuing_unit=commune, status=PlanStatus.ISSUED, year=AHEAD.year).exists(), commune


def check_report_cycle(demo):
    cycle = ReportCycle.objects.get(year=AHEAD.year)
    assert cycle.deadline > AHEAD
    statuses = set(cycle.parts.values_list("status", flat=True))
    assert {PartStatus.PENDING, PartStatus.SUBMITTED} <= statuses
    assert PeriodicReport.objects.filter(year=AHEAD.year, status="draft").exists()


def check_summary(demo):
    output, _people = demo
    assert "{" not in output and "Chưa khớp đơn vị" not in output
    assert "Đã tạo dữ liệu mẫu" in output
    assert f"“Dân vận khéo” năm {AHEAD.year}: đang mở đăng ký" in output
    assert "quá hạn" in output


def test_a_year_ahead_every_role_has_work_to_act_on(demo):
    """Seeding is slow (services, history, audit), so one seeded database serves every check."""
    check_leader(demo)  # a plan waiting for lanhdao's approval
    check_official(demo)  # a plan returned to canbo with the comment
    check_unit_head(demo)  # truongphong: late and due-soon tasks, a report part to send, a registration to fix
    check_campaign(demo)
    check_report_cycle(demo)
    check_communes(demo)
    check_supervisor(demo)  # giamsat's roll-up has figures for every demo commune
    check_summary(demo)


def test_running_it_again_changes_nothing(demo):
    before = counts()
    output = seed()
    assert counts() == before
    assert "không tạo thêm" in output


def test_today_option_reads_a_vietnamese_date(db):
    out = io.StringIO()
    call_command("seed_demo", "--force", "--today", AHEAD.strftime("%d/%m/%Y"), stdout=out)
    assert f"Tình hình ngày {AHEAD:%d/%m/%Y}" in out.getvalue()
    assert Campaign.objects.filter(year=AHEAD.year).exists()
