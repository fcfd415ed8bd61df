from django.apps import AppConfig


class SigningConfig(AppConfig):
    """Digital signatures: signing issued documents and verifying signed PDFs uploaded from elsewhere."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "signing"
    verbose_name = "Chữ ký số"
