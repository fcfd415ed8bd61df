from django.apps import AppConfig


class PublicConfig(AppConfig):
    """The public pages of each government: what it issued and recognised, open to anyone without a login."""

    name = "public"
    verbose_name = "Trang công khai"

    def ready(self):
        from public import cache  # noqa: F401 - connects the invalidation receivers
