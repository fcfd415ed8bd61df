"""Give each task the marker its duty line prints with: "-" (as every duty printed until now), "+" or none.

The default keeps every existing plan printing as before; an import now stores the source's own marker,
so a duty written as a plain paragraph under its unit no longer gains a "- " it never had.
"""

from django.db import migrations, models

FIELD = models.CharField(
    blank=True,
    choices=[("-", "Gạch đầu dòng -"), ("+", "Dấu cộng +"), ("", "Đoạn văn (không gạch đầu dòng)")],
    default="-",
    max_length=1,
    verbose_name="đầu dòng",
)


class Migration(migrations.Migration):
    dependencies = [("plans", "0011_list_heading_colon")]

    operations = [
        migrations.AddField(model_name="historicaltask", name="marker", field=FIELD),
        migrations.AddField(model_name="task", name="marker", field=FIELD.clone()),
    ]
