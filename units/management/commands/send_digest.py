"""Send each person who chose the daily digest one email listing the day's notifications; run once a day (docs/operations.md)."""

import datetime

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from units.emails import digests_send


class Command(BaseCommand):
    help = (
        "Gửi thư tổng hợp thông báo trong ngày cho những người chọn “Thư tổng hợp mỗi ngày”: mỗi người một thư mỗi "
        "ngày. Chạy lại trong ngày không gửi trùng; thông báo đến sau lần chạy được gửi trong thư ngày hôm sau."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--date", help="Gửi thư của ngày này (yyyy-mm-dd), ví dụ để chạy bù ngày máy chủ tắt; mặc định hôm nay."
        )

    def handle(self, *args, date, **options):
        on = timezone.localdate()
        if date:
            try:
                on = datetime.date.fromisoformat(date)
            except ValueError as error:
                raise CommandError("--date phải có dạng yyyy-mm-dd.") from error
        done = digests_send(on=on)
        self.stdout.write(
            f"Thư tổng hợp ngày {on:%d/%m/%Y}: {done['started']} thư giao cho máy chạy nền gửi, "
            f"{done['already']} người đã nhận thư của ngày này."
        )
