"""Email and notify the lead units about tasks due soon or late, escalating; run once a day (docs/operations.md)."""

import datetime

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from plans.services import reminders_send


def _positive(value: str) -> int:
    number = int(value)
    if number < 0:
        raise ValueError(value)
    return number


class Command(BaseCommand):
    help = (
        "Nhắc việc: gửi email và thông báo trong ứng dụng cho đơn vị chủ trì về nhiệm vụ sắp đến hạn và quá hạn; "
        "quá hạn lâu thì báo thủ trưởng đơn vị, rồi lãnh đạo UBND. Chạy nhiều lần trong ngày không gửi trùng."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--days", type=_positive, default=3, help="Nhắc nhiệm vụ đến hạn trong số ngày này (mặc định 3)."
        )
        parser.add_argument(
            "--escalate-after",
            type=_positive,
            default=7,
            help="Quá hạn hơn số ngày này thì báo thủ trưởng đơn vị; gấp đôi thì báo lãnh đạo UBND (mặc định 7).",
        )
        parser.add_argument(
            "--date", help="Chạy cho ngày này (yyyy-mm-dd), ví dụ để chạy bù ngày máy chủ tắt; mặc định hôm nay."
        )
        parser.add_argument(
            "--base-url",
            default=getattr(settings, "SITE_URL", ""),
            help="Địa chỉ cổng đặt trước đường dẫn trong email, ví dụ https://danvan.example.gov.vn.",
        )

    def handle(self, *args, days, escalate_after, date, base_url, **options):
        today = timezone.localdate()
        if date:
            try:
                today = datetime.date.fromisoformat(date)
            except ValueError as error:
                raise CommandError("--date phải có dạng yyyy-mm-dd.") from error
        run = reminders_send(today=today, days=days, escalate_after=escalate_after, base_url=base_url)
        summary = (
            f"Nhắc việc ngày {today:%d/%m/%Y}: {run.written} lượt nhắc mới, "
            f"{run.in_app_only} người chỉ nhận thông báo trong ứng dụng (không có email)"
        )
        job = run.job
        if job is None:
            self.stdout.write(self.style.SUCCESS(f"{summary}; không còn email nào chờ gửi."))
            return
        job.refresh_from_db()
        if job.is_active:  # a worker sends them (TASKS_BACKEND=db)
            self.stdout.write(self.style.SUCCESS(f"{summary}; email giao cho máy chạy nền gửi (việc {job.pk})."))
        elif job.status == "failed":
            self.stderr.write(f"{summary}. {job.message} (đã ghi nhật ký, lần chạy sau trong ngày sẽ gửi lại).")
        else:
            self.stdout.write(self.style.SUCCESS(f"{summary}, {job.outcome.get('sent', 0)} email đã gửi."))
