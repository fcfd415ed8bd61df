from django.apps import AppConfig


class ModelsRegistryConfig(AppConfig):
    """ "Dân vận khéo" campaigns and model registrations."""

    name = "models_registry"
    verbose_name = "Dân vận khéo"

    def ready(self):
        from models_registry.workflows import REGISTRATION_LIFECYCLE

        REGISTRATION_LIFECYCLE.register_rules()

        # The registration list keeps its count a few seconds (danvan/list_counts.py): a written row drops it.
        from django.db.models.signals import post_delete, post_save

        from danvan.list_counts import changed
        from models_registry.list_rows import REGISTRATIONS_VERSION
        from models_registry.models import Campaign, Registration

        registrations_changed = changed(REGISTRATIONS_VERSION)
        for sender in (Registration, Campaign):
            for signal in (post_save, post_delete):
                signal.connect(
                    registrations_changed,
                    sender=sender,
                    weak=False,  # the receiver is a closure: nothing else holds it
                    dispatch_uid=f"models_registry.counts.{sender.__name__}.{id(signal)}",
                )
