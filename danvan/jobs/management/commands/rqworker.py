"""django-rq's `rqworker` for TASKS_BACKEND=rq, with the portal's housekeeping thread (heartbeat and sweep).

Same name and options as django-rq's command (danvan.jobs comes first in INSTALLED_APPS), with two
defaults: django-tasks-rq's job class (it runs Tasks API tasks), and RQ's SimpleWorker, which runs each
job in the worker process itself instead of a forked child, so the heartbeat thread sees the job and a
worker killed outright takes its job down with it; the sweeper then requeues the job, exactly as with
`db_worker`. RQ's own handling of an abandoned job (moved to its failed registry, never retried) never
runs the work twice.
"""

from django.conf import settings
from django.core.management.base import CommandError
from django_rq.management.commands.rqworker import Command as RQWorkerCommand

from danvan.jobs.worker import Housekeeper


class Command(RQWorkerCommand):
    help = "Chạy máy chạy nền (hàng đợi RQ trong Redis), kèm nhịp tim và dọn việc bị treo"

    def handle(self, *args, **options):
        if settings.TASKS_BACKEND != "rq":
            raise CommandError(
                "Máy chạy nền RQ chỉ chạy khi TASKS_BACKEND=rq (và REDIS_URL); hàng đợi hiện tại: "
                f"{settings.TASKS_BACKEND}."
            )
        options["job_class"] = options.get("job_class") or "django_tasks_rq.Job"
        options["worker_class"] = options.get("worker_class") or "rq.worker.SimpleWorker"
        housekeeper = Housekeeper()
        housekeeper.start()
        try:
            return super().handle(*args or settings.TASKS["default"]["QUEUES"], **options)
        finally:
            housekeeper.stop()
