"""Restore a backup made by `manage.py backup` into an empty database, then check it against the manifest."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from danvan.backup import BackupError, read_manifest, restore, verify


class Command(BaseCommand):
    help = (
        "Khôi phục bản sao lưu vào cơ sở dữ liệu hiện tại (phải trống) và thư mục media, rồi kiểm tra số dòng "
        "và mã SHA-256 của mọi bản PDF đã ban hành. Lỗi giữa chừng thì mọi thứ được trả lại như cũ."
    )

    def add_arguments(self, parser):
        parser.add_argument("--input", required=True, help="Thư mục bản sao lưu.")
        parser.add_argument(
            "--force",
            action="store_true",
            help="Thay thế dữ liệu đang có; trước đó sao lưu dữ liệu cũ vào --keep (hoặc backups/before-restore-…).",
        )
        parser.add_argument("--keep", help="Thư mục giữ bản sao của dữ liệu bị thay thế khi dùng --force.")
        parser.add_argument(
            "--check-only",
            action="store_true",
            help="Không khôi phục; chỉ so cơ sở dữ liệu hiện có với số dòng trong manifest và kiểm tra các bản PDF.",
        )

    def handle(self, *args, input, force, keep, check_only, **options):
        source = Path(input)
        try:
            if check_only:
                manifest = read_manifest(source)
                rows, issued = verify(manifest)
                self.stdout.write(
                    self.style.SUCCESS(
                        f"Khớp bản sao lưu {manifest['created_at']}: {rows} dòng, {issued} bản PDF đã ban hành."
                    )
                )
                return
            restored = restore(source, force=force, keep=Path(keep) if keep else None)
        except BackupError as error:
            raise CommandError(str(error)) from error
        if restored.kept:
            self.stdout.write(f"Dữ liệu cũ đã được sao lưu vào {restored.kept} trước khi bị thay thế.")
        self.stdout.write(
            self.style.SUCCESS(
                f"Đã khôi phục và khớp bản sao lưu {restored.manifest['created_at']}: {restored.rows} dòng, "
                f"{restored.files} tệp, {restored.issued_pdfs} bản PDF đã ban hành đúng mã SHA-256."
            )
        )
