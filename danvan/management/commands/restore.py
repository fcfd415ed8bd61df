"""Restore a backup made by `manage.py backup`, then check its row counts against the manifest."""

import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from danvan.backup import MANIFEST, restore, row_counts


class Command(BaseCommand):
    help = "Khôi phục bản sao lưu vào cơ sở dữ liệu hiện tại (nên là cơ sở dữ liệu mới, trống) và kiểm tra số dòng."

    def add_arguments(self, parser):
        parser.add_argument("--input", required=True, help="Thư mục bản sao lưu.")
        parser.add_argument("--check-only", action="store_true", help="Chỉ so số dòng hiện có với manifest.")

    def handle(self, *args, input, check_only, **options):
        source = Path(input)
        if not (source / MANIFEST).is_file():
            raise CommandError(f"Không thấy {MANIFEST} trong {source}: đây không phải bản sao lưu.")
        manifest = restore(source) if not check_only else json.loads((source / MANIFEST).read_text(encoding="utf-8"))
        actual = row_counts()
        differences = {
            table: (expected, actual.get(table))
            for table, expected in manifest["row_counts"].items()
            if actual.get(table) != expected
        }
        if differences:
            lines = "; ".join(
                f"{table}: sao lưu {expected}, hiện có {found}" for table, (expected, found) in differences.items()
            )
            raise CommandError(f"Số dòng không khớp với bản sao lưu: {lines}")
        self.stdout.write(
            self.style.SUCCESS(f"Khớp bản sao lưu {manifest['created_at']}: {sum(actual.values())} dòng.")
        )
