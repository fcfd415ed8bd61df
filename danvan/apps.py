from django.apps import AppConfig


class DanvanConfig(AppConfig):
    """Project-wide pieces: checks, SQLite functions, management commands."""

    name = "danvan"
    verbose_name = "Cổng Dân vận"

    def ready(self):
        from danvan import audit, checks, search  # noqa: F401  (registers checks, signals and DB functions)
