"""Give a leader or administrator a one-time code to pair their authenticator app (units/twofactor.py)."""

from datetime import timedelta

from django.core.management.base import BaseCommand, CommandError

from units import twofactor
from units.models import User


class Command(BaseCommand):
    help = (
        "Cấp mã đăng ký xác thực hai lớp dùng một lần cho lãnh đạo hoặc quản trị viên: chỉ sau khi nhập mã này, "
        "người đó mới thấy mã QR để gắn ứng dụng xác thực. Mã cũ chưa dùng của người đó hết hiệu lực."
    )

    def add_arguments(self, parser):
        parser.add_argument("username", help="Tên đăng nhập của người nhận mã.")
        parser.add_argument("--hours", type=int, default=72, help="Số giờ mã còn hiệu lực (mặc định 72, tức ba ngày).")

    def handle(self, *args, username, hours, **options):
        if hours < 1:
            raise CommandError("--hours phải từ 1 trở lên.")
        user = User.objects.filter(username=username).first()
        if user is None:
            raise CommandError(f"Không có tài khoản «{username}».")
        if not twofactor.needs_two_factor(user):
            raise CommandError(f"«{username}» không phải lãnh đạo hay quản trị viên: không cần xác thực hai lớp.")
        code, row = twofactor.enrolment_code_create(user=user, lifetime=timedelta(hours=hours))
        self.stdout.write(
            f"Mã đăng ký của {username}: {code}\n"
            f"Hiệu lực đến {row.expires_at.astimezone():%H:%M %d/%m/%Y}, dùng một lần. "
            "Hãy trao mã trực tiếp cho người nhận; mã không được lưu lại và không thể xem lại."
        )
