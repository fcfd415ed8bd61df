"""The demo data, seeded once for a test module that only reads it, then taken away again."""

import contextlib
import importlib
import io

from django.apps import apps
from django.core.management import call_command


@contextlib.contextmanager
def demo_seeded(django_db_blocker):
    """Run `seed_demo` outside any test's transaction, yield, then leave the database as migrated.

    `flush` also deletes the rows the migrations wrote (the default fields of "Dân vận khéo"), which every later test
    of the same worker expects, so they are written again.
    """
    with django_db_blocker.unblock():
        call_command("seed_demo", force=True, stdout=io.StringIO())
        try:
            yield
        finally:
            call_command("flush", interactive=False, verbosity=0)
            default_fields = importlib.import_module("models_registry.migrations.0002_default_fields")
            default_fields.create_default_fields(apps, None)
