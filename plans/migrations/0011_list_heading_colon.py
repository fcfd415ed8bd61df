"""Write the colon of a "-" or "+" item's lead-in into its heading, where the printer used to add it.

The importer dropped the colon of a bold lead-in ("- **Mục tiêu:** …" was stored as "Mục tiêu")
and the PDF and DOCX put it back for any "-" or "+" item with text. Headings are now stored as
written and printed as stored, so a lead-in its author wrote without a colon prints without one;
this adds the colon to the headings saved before, so they print exactly as they did.
"""

from django.db import migrations

LIST_NUMBERINGS = ("dash", "plus")


def add_colon(apps, schema_editor):
    Section = apps.get_model("plans", "Section")
    limit = Section._meta.get_field("heading").max_length
    for section in Section.objects.filter(numbering__in=LIST_NUMBERINGS).exclude(heading="").exclude(text=""):
        heading = section.heading.strip()
        has_text = any(line.strip() for line in section.text.splitlines())
        if heading and has_text and not heading.endswith(":") and len(heading) < limit:
            Section.objects.filter(pk=section.pk).update(heading=f"{heading}:")


class Migration(migrations.Migration):
    dependencies = [("plans", "0010_public_flag")]

    operations = [migrations.RunPython(add_colon, migrations.RunPython.noop)]
