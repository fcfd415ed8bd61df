from django.apps import AppConfig


class PlansConfig(AppConfig):
    """Plans (Kế hoạch), their legal bases, sections and tasks."""

    name = "plans"
    verbose_name = "Kế hoạch"

    def ready(self):
        from plans.workflows import PLAN_LIFECYCLE

        PLAN_LIFECYCLE.register_rules()

        # The task list and the unit inbox keep their counts a few seconds (plans/list_counts.py): a changed task
        # or plan drops them, and so does a change of who leads or helps with a task, or of who is in a group.
        from django.db.models.signals import m2m_changed, post_delete, post_save

        from plans.list_counts import tasks_changed
        from plans.models import Plan, Task
        from units.models import UnitGroup

        for sender in (Task, Plan):
            for signal in (post_save, post_delete):
                signal.connect(
                    tasks_changed, sender=sender, dispatch_uid=f"plans.counts.{sender.__name__}.{id(signal)}"
                )
        for relation in (Task.lead_units, Task.lead_groups, Task.coordinating_units, Task.coordinating_groups):
            through = relation.through
            m2m_changed.connect(tasks_changed, sender=through, dispatch_uid=f"plans.counts.{through.__name__}")
        m2m_changed.connect(tasks_changed, sender=UnitGroup.members.through, dispatch_uid="plans.counts.group_members")
