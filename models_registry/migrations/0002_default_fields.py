"""Create the five default fields every campaign offers."""

from django.db import migrations

DEFAULT_FIELDS = [
    "Kinh tế",
    "Văn hóa - Xã hội",
    "Văn phòng và Tư pháp",
    "Dịch vụ hành chính công",
    "Quốc phòng - An ninh",
]


def create_default_fields(apps, schema_editor):
    Field = apps.get_model("models_registry", "Field")
    for position, name in enumerate(DEFAULT_FIELDS, start=1):
        Field.objects.get_or_create(owner=None, name=name, defaults={"position": position})


class Migration(migrations.Migration):
    dependencies = [("models_registry", "0001_initial")]

    operations = [migrations.RunPython(create_default_fields, migrations.RunPython.noop)]
