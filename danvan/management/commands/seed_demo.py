"""Build the demo data: units, logins, and each app's demo records. Idempotent."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from models_registry.demo import seed_registry
from plans.demo import seed_plans, seed_task_progress
from units.demo import seed_units

DEFAULT_PASSWORD = "danvan-demo"


class Command(BaseCommand):
    help = "Tạo dữ liệu mẫu (đơn vị, tài khoản demo, kế hoạch mẫu). Chạy nhiều lần không tạo trùng."

    def add_arguments(self, parser):
        parser.add_argument("--password", default=DEFAULT_PASSWORD, help="Mật khẩu của các tài khoản demo.")
        parser.add_argument("--scale", type=int, default=0, help="Thêm N lần dữ liệu tổng hợp cho đo hiệu năng.")
        parser.add_argument("--force", action="store_true", help="Cho phép chạy khi DEBUG tắt.")

    def handle(self, *args, password, scale, force, **options):
        if not settings.DEBUG and not force:
            raise CommandError("DEBUG đang tắt (môi trường thật?): dùng --force nếu chắc chắn muốn tạo dữ liệu mẫu.")
        if scale < 0:
            raise CommandError("--scale phải là số không âm.")
        with transaction.atomic():
            logins = seed_units(password=password, scale=scale)
            for filename, plan, unmatched in seed_plans():
                self.stdout.write(f"Đã nhập kế hoạch mẫu {filename}: {plan}")
                if unmatched:
                    self.stdout.write(f"  Chưa khớp đơn vị: {', '.join(unmatched)}")
            progress = seed_task_progress(scale=scale)
            self.stdout.write(f"Tiến độ nhiệm vụ mẫu: {progress}")
            registry = seed_registry(scale=scale)
            self.stdout.write(f"Phong trào “Dân vận khéo”: {registry}")
        self.stdout.write(self.style.SUCCESS(f"Đã tạo dữ liệu mẫu. Tài khoản demo (mật khẩu: {password}):"))
        for username, role, unit in logins:
            self.stdout.write(f"  {username:<12} {role:<32} {unit}")
