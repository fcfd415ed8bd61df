"""Enable PostgreSQL's unaccent and pg_trgm for diacritic-insensitive search (no-op on SQLite)."""

from django.contrib.postgres.operations import TrigramExtension, UnaccentExtension
from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("units", "0001_initial")]

    operations = [UnaccentExtension(), TrigramExtension()]
