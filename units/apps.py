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
        # Filter selects print units from a cache (danvan/list_options.py): a changed unit drops them.
        from django.db.models.signals import post_delete, post_save

        from danvan.list_options import units_changed
        from units.models import Unit

        for signal in (post_save, post_delete):
            signal.connect(units_changed, sender=Unit, dispatch_uid=f"units.list_options.{signal is post_save}")
