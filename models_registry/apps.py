from django.apps import AppConfig


class ModelsRegistryConfig(AppConfig):
    """ "Dân vận khéo" campaigns and model registrations."""

    name = "models_registry"
    verbose_name = "Dân vận khéo"

    def ready(self):
        from models_registry.workflows import REGISTRATION_LIFECYCLE

        REGISTRATION_LIFECYCLE.register_rules()
