"""django-tasks-db's `db_worker`, with the portal's housekeeping thread (heartbeat and stale-job sweep).

It keeps the original's name and options, so `manage.py db_worker` is the one worker command; this
app is listed before django_tasks_db in INSTALLED_APPS so that this command is the one found.
"""

from django_tasks_db.management.commands.db_worker import Command as DatabaseWorkerCommand

from danvan.jobs.worker import Housekeeper


class Command(DatabaseWorkerCommand):
    help = "Chạy máy chạy nền (hàng đợi trong cơ sở dữ liệu), kèm nhịp tim và dọn việc bị treo"

    def handle(self, *args, **options):
        housekeeper = Housekeeper()
        housekeeper.start()
        try:
            return super().handle(*args, **options)
        finally:
            housekeeper.stop()
