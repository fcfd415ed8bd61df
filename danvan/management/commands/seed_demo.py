"""Build the demo data: units, logins, the seed plans and campaign, and this year's work. Idempotent."""

import datetime

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from models_registry.demo import seed_registry
from models_registry.demo.live import seed_live_campaign
from plans.demo import seed_plans, seed_task_progress
from plans.demo_live import COMMUNES, seed_live_plans
from reports.demo import seed_live_reports
from signing.demo import seed_signing
from units.demo import seed_units

DEFAULT_PASSWORD = "danvan-demo"


def _day(value: str) -> datetime.date:
    try:
        return datetime.datetime.strptime(value, "%d/%m/%Y").date()
    except ValueError:
        try:
            return datetime.date.fromisoformat(value)
        except ValueError as error:
            raise CommandError(f"--today “{value}”: ghi ngày dạng dd/mm/yyyy.") from error


def summary(today: datetime.date) -> list[str]:
    """Return the lines that tell, in words, what the demo holds on `today` (whether made now or before)."""
    from models_registry.models import Campaign
    from plans.choices import PlanStatus
    from plans.models import Plan, Task
    from reports.choices import PartStatus
    from reports.models import ReportCycle
    from units.choices import UnitKind
    from units.models import Unit

    communes = Unit.objects.filter(kind=UnitKind.COMMUNE, place_name__in=list(COMMUNES))
    plans = Plan.objects.filter(issuing_unit__in=communes)
    tasks = Task.objects.filter(plan__issuing_unit__in=communes)
    published = plans.filter(status__in=[PlanStatus.ISSUED, PlanStatus.COMPLETED]).count()
    lines = [
        f"{communes.count()} xã, phường mẫu; {plans.count()} kế hoạch ({published} đã ban hành, "
        f"{plans.filter(status=PlanStatus.SUBMITTED).count()} chờ lãnh đạo duyệt, "
        f"{plans.filter(status=PlanStatus.RETURNED).count()} bị trả lại cho chuyên viên, "
        f"{plans.filter(status=PlanStatus.DRAFT).count()} dự thảo).",
        f"{tasks.count()} nhiệm vụ: {tasks.late(today).count()} quá hạn, "
        f"{tasks.due_soon(today, 7).count()} đến hạn trong 7 ngày tới.",
    ]
    for campaign in Campaign.objects.filter(issuing_unit__in=communes, year=today.year).order_by("pk"):
        state = "đang mở đăng ký" if campaign.registration_open(today) else "đã hết hạn đăng ký"
        lines.append(
            f"{campaign.name}: {state} (hạn {campaign.registration_deadline:%d/%m/%Y}), "
            f"{campaign.registrations.count()} phiếu đăng ký."
        )
    for cycle in ReportCycle.objects.filter(government__in=communes, year=today.year).order_by("pk"):
        sent = cycle.parts.filter(status=PartStatus.SUBMITTED).count()
        lines.append(
            f"{cycle}: {sent}/{cycle.parts.count()} đơn vị đã nộp phần báo cáo (hạn {cycle.deadline:%d/%m/%Y})."
        )
    return lines


class Command(BaseCommand):
    help = (
        "Tạo dữ liệu mẫu (đơn vị, tài khoản demo, kế hoạch mẫu và công việc của năm hiện tại). "
        "Chạy nhiều lần không tạo trùng."
    )

    def add_arguments(self, parser):
        parser.add_argument("--password", default=DEFAULT_PASSWORD, help="Mật khẩu của các tài khoản demo.")
        parser.add_argument("--scale", type=int, default=0, help="Thêm N lần dữ liệu tổng hợp cho đo hiệu năng.")
        parser.add_argument("--force", action="store_true", help="Cho phép chạy khi DEBUG tắt.")
        parser.add_argument(
            "--today", type=_day, default=None, help="Ngày coi là hôm nay (dd/mm/yyyy), mặc định là hôm nay."
        )

    def handle(self, *args, password, scale, force, today=None, **options):
        if not settings.DEBUG and not force:
            raise CommandError("DEBUG đang tắt (môi trường thật?): dùng --force nếu chắc chắn muốn tạo dữ liệu mẫu.")
        if scale < 0:
            raise CommandError("--scale phải là số không âm.")
        today = today or timezone.localdate()
        with transaction.atomic():
            logins = seed_units(password=password, scale=scale)
            for filename, plan, unmatched in seed_plans():
                self.stdout.write(f"Đã nhập kế hoạch mẫu {filename}: {plan}")
                if unmatched:
                    self.stdout.write(
                        "  Đơn vị nêu trong văn bản nhưng chưa có trên Cổng (nhiệm vụ giữ tên như in, "
                        f"chưa gắn đơn vị nào): {', '.join(unmatched)}"
                    )
            progress = seed_task_progress(scale=scale)
            registry = seed_registry(scale=scale)
            made = seed_live_plans(today=today)
            campaign = seed_live_campaign(today=today)
            reports = seed_live_reports(today=today)
            seed_signing()  # demo keys (signing/demo.py); the issued copies are signed when stored
        if progress["tasks"] or registry.get("scale_registrations"):
            self.stdout.write(
                f"Dữ liệu đo hiệu năng: thêm {progress['tasks']} nhiệm vụ, "
                f"{registry.get('scale_registrations', 0)} phiếu đăng ký tổng hợp."
            )
        fresh = made or campaign or any(reports.values()) or progress["updates"] or registry["campaigns"]
        heading = "Đã tạo dữ liệu mẫu" if fresh else "Dữ liệu mẫu đã có từ lần chạy trước, không tạo thêm"
        self.stdout.write(self.style.SUCCESS(f"{heading}. Tình hình ngày {today:%d/%m/%Y}:"))
        for line in summary(today):
            self.stdout.write(f"  {line}")
        self.stdout.write(f"Tài khoản demo (mật khẩu: {password}); hướng dẫn sử dụng: /help/")
        for username, role, unit in logins:
            self.stdout.write(f"  {username:<12} {role:<32} {unit}")
