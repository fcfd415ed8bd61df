from django.apps import AppConfig


class PlansConfig(AppConfig):
    """Plans (Kế hoạch), their legal bases, sections and tasks."""

    name = "plans"
    verbose_name = "Kế hoạch"

    def ready(self):
        from plans.workflows import PLAN_LIFECYCLE

        PLAN_LIFECYCLE.register_rules()

        # The task list keeps its counts a few seconds (plans/list_counts.py): a changed task or plan drops them.
        from django.db.models.signals import post_delete, post_save

        from plans.list_counts import tasks_changed
        from plans.models import Plan, Task

        for sender in (Task, Plan):
            for signal in (post_save, post_delete):
                signal.connect(
                    tasks_changed, sender=sender, dispatch_uid=f"plans.counts.{sender.__name__}.{id(signal)}"
                )
