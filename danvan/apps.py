from django.apps import AppConfig


class DanvanConfig(AppConfig):
    """Project-wide pieces: checks, SQLite functions, management commands."""

    name = "danvan"
    verbose_name = "Cổng Dân vận"

    def ready(self):
        from danvan import audit, checks, middleware, search, third_party  # noqa: F401  (checks, signals, DB functions)

        third_party.setup()  # Vietnamese labels for the admin pages of django-otp, django-axes and permissions
