"""Import a plan document (.docx, .pdf, .txt, .md) without the web review."""

from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from plans.importing import DocumentImportError
from plans.importing.persist import plan_import_file
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
            issuing_unit = Unit.objects.get(pk=unit)
            by = get_user_model().objects.get(username=user)
        except (Unit.DoesNotExist, get_user_model().DoesNotExist) as error:
            raise CommandError(f"Không tìm thấy đơn vị hoặc người dùng: {error}") from error
        try:
            record = plan_import_file(
                data=source.read_bytes(), filename=source.name, issuing_unit=issuing_unit, by=by, record_issued=True
            )
        except DocumentImportError as error:
            raise CommandError(error.message) from error
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from error
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
