from django.apps import AppConfig


class PlansConfig(AppConfig):
    """Plans (Kế hoạch), their legal bases, sections and tasks."""

    name = "plans"
    verbose_name = "Kế hoạch"

    def ready(self):
        from plans.workflows import PLAN_LIFECYCLE

        PLAN_LIFECYCLE.register_rules()
