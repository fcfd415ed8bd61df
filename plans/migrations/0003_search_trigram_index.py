"""A trigram index on the folded search text, so "%word%" searches stay fast (PostgreSQL only)."""

from django.db import migrations


def create_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            "CREATE INDEX IF NOT EXISTS plans_plan_search_trgm ON plans_plan USING gin (search_text gin_trgm_ops)"
        )


def drop_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS plans_plan_search_trgm")


class Migration(migrations.Migration):
    dependencies = [("plans", "0002_plan_search_text"), ("units", "0002_search_extensions")]

    operations = [migrations.RunPython(create_index, drop_index)]
