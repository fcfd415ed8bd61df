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
        from models_registry.list_rows import FIELDS_VERSION, REGISTRY_VERSION
        from models_registry.models import Campaign, Field, Registration

        # The same for the fields its filter offers, printed once per government (danvan/list_options.py).
        receivers = {Registration: changed(REGISTRY_VERSION), Field: changed(FIELDS_VERSION)}
        receivers[Campaign] = receivers[Registration]
        for sender, receiver in receivers.items():
            for signal in (post_save, post_delete):
                signal.connect(
                    receiver,
                    sender=sender,
                    weak=False,  # the receiver is a closure: nothing else holds it
                    dispatch_uid=f"models_registry.lists.{sender.__name__}.{id(signal)}",
                )
