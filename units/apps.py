from django.apps import AppConfig


class UnitsConfig(AppConfig):
    """Administrative units, the people who act in them, and who may do what."""

    name = "units"
    verbose_name = "Đơn vị và người dùng"
