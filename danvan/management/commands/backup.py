"""Back up the database and uploaded files into a folder, with a manifest to check a restore against.

Safe while the portal runs: the row counts are read in the same snapshot as the dump.
"""

from datetime import datetime
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from danvan.backup import BackupError, backup


class Command(BaseCommand):
    help = (
        "Sao lưu cơ sở dữ liệu và các tệp đã tải lên vào một thư mục mới, kèm manifest.json (số dòng từng bảng "
        "và mã SHA-256 từng tệp) để kiểm tra khi khôi phục. Chạy được khi cổng đang hoạt động."
    )

    def add_arguments(self, parser):
        parser.add_argument("--output", help="Thư mục đích, phải mới hoặc trống (mặc định: backups/<ngày-giờ>).")

    def handle(self, *args, output, **options):
        folder = (
            Path(output) if output else Path(settings.BASE_DIR) / "backups" / datetime.now().strftime("%Y%m%d-%H%M%S")
        )
        try:
            manifest = backup(folder)
        except BackupError as error:
            raise CommandError(str(error)) from error
        rows = sum(manifest["row_counts"].values())
        self.stdout.write(
            self.style.SUCCESS(f"Đã sao lưu {rows} dòng dữ liệu và {len(manifest['media'])} tệp vào {folder}")
        )
