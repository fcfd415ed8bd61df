"""Import a plan document (.docx, .pdf, .txt, .md) without the web review."""

from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from plans.importing.persist import import_failure_text, is_expected_import_failure, plan_import_file
from units.models import Unit


class Command(BaseCommand):
    help = "Nhập một văn bản kế hoạch (.docx, .pdf, .txt) thành kế hoạch có cấu trúc; in ra những gì đã tạo và chỗ chưa chắc chắn."

    def add_arguments(self, parser):
        parser.add_argument("path", help="Đường dẫn tệp văn bản.")
        parser.add_argument("--unit", type=int, required=True, help="Mã (id) của cơ quan ban hành, ví dụ UBND xã.")
        parser.add_argument("--user", default="admin", help="Tên đăng nhập của người nhập (mặc định: admin).")

    def handle(self, *args, path, unit, user, **options):
        source = Path(path)
        if not source.is_file():
            raise CommandError(f"Không tìm thấy tệp {source}.")
        try:
            record = self.import_file(source, unit=unit, username=user)
        except CommandError:
            raise
        except Exception as error:
            # One line on stderr and exit status 1, whatever failed: never a traceback.
            text = import_failure_text(error)
            if not is_expected_import_failure(error):
                text = f"{text} ({type(error).__name__}: {error})"
            raise CommandError(" ".join(text.split())) from error
        plan = record.plan
        self.stdout.write(self.style.SUCCESS(f"Đã tạo kế hoạch #{plan.pk}: {plan} ({plan.get_status_display()})"))
        self.stdout.write(
            f"  căn cứ: {plan.bases.count()}, mục: {plan.sections.count()}, nhiệm vụ: {plan.tasks.count()}, "
            f"nơi nhận: {len(plan.recipient_list)}, người ký: {plan.signer_name or '(không có)'}"
        )
        for unit_created in record.created_units.all():
            self.stdout.write(f"  đơn vị mới tạo (cần xem lại): {unit_created.name}")
        for name in record.unmatched_units:
            self.stdout.write(f"  chưa khớp đơn vị: {name}")
        for note in record.uncertain:
            self.stdout.write(f"  chưa chắc chắn: {note}")

    def import_file(self, source: Path, *, unit: int, username: str):
        """Import `source` for the unit with id `unit`, by `username`, recording a numbered document as issued."""
        issuing_unit = Unit.objects.filter(pk=unit).first()
        if issuing_unit is None:
            raise CommandError(f"Không tìm thấy đơn vị có mã (id) {unit}.")
        by = get_user_model().objects.filter(username=username).first()
        if by is None:
            raise CommandError(f"Không tìm thấy người dùng “{username}”.")
        return plan_import_file(
            data=source.read_bytes(), filename=source.name, issuing_unit=issuing_unit, by=by, record_issued=True
        )
