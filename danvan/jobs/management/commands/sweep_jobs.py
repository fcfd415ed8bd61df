"""Requeue or fail background jobs whose worker died (see danvan/jobs/sweeper.py)."""

from django.core.management.base import BaseCommand

from danvan.jobs.sweeper import sweep_jobs


class Command(BaseCommand):
    help = "Chạy lại hoặc đánh dấu lỗi các việc chạy nền bị treo (máy chạy nền đã dừng)"

    def add_arguments(self, parser):
        parser.add_argument(
            "--stale-after", type=float, default=None, help="số giây không có nhịp tim (mặc định JOBS_STALE_SECONDS)"
        )

    def handle(self, *args, stale_after=None, **options):
        run = sweep_jobs(stale_after=stale_after)
        self.stdout.write(
            f"Đã chạy lại {run.requeued} việc, dừng hẳn {run.failed} việc, "
            f"giao lại {run.handed_over} việc chưa vào hàng đợi."
        )
