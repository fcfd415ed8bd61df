from django.apps import AppConfig


class UnitsConfig(AppConfig):
    """Administrative units, the people who act in them, and who may do what."""

    name = "units"
    verbose_name = "Đơn vị và người dùng"

    def ready(self):
        from danvan.lifecycle import moved
        from units import throttle  # noqa: F401  (its signal receivers count failed logins)
        from units.notifications import on_moved

        # Every workflow move tells the people its declaration names (units/notifications.py).
        moved.connect(on_moved, dispatch_uid="units.notifications.on_moved")
