"""Write a plan to a file as PDF or DOCX: `manage.py export_plan 12 --format pdf --output kh-31.pdf`."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from danvan.documents import DocumentError
from plans import exports
from plans.models import Plan


class Command(BaseCommand):
    help = (
        "Xuất một kế hoạch ra tệp PDF hoặc DOCX theo thể thức văn bản hành chính. "
        "Kế hoạch đã ban hành xuất đúng bản PDF lưu trữ khi ban hành."
    )

    def add_arguments(self, parser):
        parser.add_argument("plan_id", type=int, help="Mã (id) của kế hoạch.")
        parser.add_argument("--format", choices=["pdf", "docx"], default="pdf", help="Định dạng tệp (mặc định: pdf).")
        parser.add_argument("--output", required=True, help="Đường dẫn tệp cần ghi.")

    def handle(self, *args, plan_id, format, output, **options):
        plan = Plan.objects.select_related("issuing_unit").filter(pk=plan_id).first()
        if plan is None:
            raise CommandError(f"Không có kế hoạch mã {plan_id}.")
        try:
            content = exports.plan_pdf(plan) if format == "pdf" else exports.plan_docx(plan)
        except DocumentError as error:
            raise CommandError(error.message) from error
        try:
            Path(output).write_bytes(content)
        except OSError as error:
            raise CommandError(f"Không ghi được tệp {output}: {error.strerror}.") from error
        self.stdout.write(self.style.SUCCESS(f"Đã ghi {output} ({len(content)} byte): {plan}"))
