"""Back up the database and uploaded files into a folder, with a manifest of row counts."""

from datetime import datetime
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand

from danvan.backup import backup


class Command(BaseCommand):
    help = "Sao lưu cơ sở dữ liệu và các tệp đã tải lên vào một thư mục (kèm manifest.json để kiểm tra khi khôi phục)."

    def add_arguments(self, parser):
        parser.add_argument("--output", help="Thư mục đích (mặc định: backups/<ngày-giờ>).")

    def handle(self, *args, output, **options):
        folder = (
            Path(output) if output else Path(settings.BASE_DIR) / "backups" / datetime.now().strftime("%Y%m%d-%H%M%S")
        )
        manifest = backup(folder)
        total = sum(manifest["row_counts"].values())
        self.stdout.write(self.style.SUCCESS(f"Đã sao lưu {total} dòng dữ liệu và thư mục media vào {folder}"))
