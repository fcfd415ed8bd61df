"""A folded search column on registrations (name and unit), trigram-indexed on PostgreSQL, as plans have."""

from django.db import migrations, models

from danvan.text import fold


def fill(apps, schema_editor):
    Registration = apps.get_model("models_registry", "Registration")
    rows = Registration.objects.select_related("unit").only("pk", "name", "unit__name")
    for registration in rows.iterator(chunk_size=2000):
        Registration.objects.filter(pk=registration.pk).update(
            search_text=fold(f"{registration.name} {registration.unit.name}")
        )


def create_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            "CREATE INDEX IF NOT EXISTS dvk_registration_search_trgm "
            "ON models_registry_registration USING gin (search_text gin_trgm_ops)"
        )


def drop_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS dvk_registration_search_trgm")


class Migration(migrations.Migration):
    dependencies = [("models_registry", "0002_default_fields"), ("units", "0002_search_extensions")]

    operations = [
        migrations.AddField(
            model_name="registration",
            name="search_text",
            field=models.TextField(blank=True, default="", editable=False),
        ),
        migrations.RunPython(fill, migrations.RunPython.noop),
        migrations.RunPython(create_index, drop_index),
    ]
