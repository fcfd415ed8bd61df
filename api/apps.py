from django.apps import AppConfig


class ApiConfig(AppConfig):
    """The REST API at /api/ and the personal API tokens that open it."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "api"
    verbose_name = "API"
