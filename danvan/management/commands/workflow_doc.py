"""Write the generated parts of docs/workflows.md from the lifecycle declarations (or check them with --check)."""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from danvan.lifecycle import LIFECYCLES
from danvan.lifecycle_doc import update

DOC = Path(settings.BASE_DIR) / "docs" / "workflows.md"


class Command(BaseCommand):
    help = "Rewrite the diagrams and tables of docs/workflows.md from each app's workflows.py."

    def add_arguments(self, parser):
        parser.add_argument("--check", action="store_true", help="Fail if the page differs from the declarations.")

    def handle(self, *args, check: bool, **options):
        current = DOC.read_text(encoding="utf-8")
        wanted = update(current, LIFECYCLES)
        if check:
            if wanted != current:
                raise CommandError("docs/workflows.md differs from the declarations: run `manage.py workflow_doc`.")
            self.stdout.write("docs/workflows.md matches the declarations.")
            return
        DOC.write_text(wanted, encoding="utf-8")
        self.stdout.write(f"Wrote {DOC.name}.")
