"""Deployment checks of our own, run by `manage.py check --deploy`."""

from django.conf import settings
from django.core.checks import Error, Tags, register


@register(Tags.security, deploy=True)
def check_secret_key_is_not_the_development_one(app_configs, **kwargs):
    """Refuse the development SECRET_KEY on a production deployment."""
    if settings.SECRET_KEY == settings.DEV_SECRET_KEY:
        return [
            Error(
                "SECRET_KEY đang là khóa mặc định dành cho máy phát triển.",
                hint="Đặt biến môi trường SECRET_KEY (ít nhất 50 ký tự ngẫu nhiên).",
                id="danvan.E001",
            )
        ]
    return []
