"""Clear the "Chưa xác định" the importer once wrote for a lead unit it could not read.

The official document must never print a placeholder: such a task now has no lead
at all, prints no "Cơ quan thực hiện" line, and blocks the plan's approval until
someone names its lead (plans.services.workflow.plan_approve).
"""

from django.db import migrations

PLACEHOLDER = "Chưa xác định"


def clear_placeholder(apps, schema_editor):
    Task = apps.get_model("plans", "Task")
    Task.objects.filter(lead_text=PLACEHOLDER).update(lead_text="")


class Migration(migrations.Migration):
    dependencies = [("plans", "0008_task_reminder_lease")]

    operations = [migrations.RunPython(clear_placeholder, migrations.RunPython.noop)]
