from django.apps import AppConfig
from django.conf import settings
from django.utils.module_loading import autodiscover_modules


class JobsConfig(AppConfig):
    name = "danvan.jobs"
    label = "jobs"
    verbose_name = "Việc chạy nền"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        """Register every job kind: each app's `jobs.py`, plus JOBS_EXTRA_MODULES (tests add theirs there)."""
        from importlib import import_module

        autodiscover_modules("jobs")
        for module in getattr(settings, "JOBS_EXTRA_MODULES", []):
            import_module(module)
