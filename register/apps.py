from django.apps import AppConfig


class RegisterConfig(AppConfig):
    """The register of outgoing documents (sổ đăng ký văn bản đi): one line per issued plan and report."""

    name = "register"
    verbose_name = "Sổ đăng ký văn bản đi"

    def ready(self):
        from register import recording  # noqa: F401  (connects the listener of issuing moves)
