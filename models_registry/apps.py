from django.apps import AppConfig


class ModelsRegistryConfig(AppConfig):
    """ "Dân vận khéo" campaigns and model registrations."""

    name = "models_registry"
    verbose_name = "Dân vận khéo"
