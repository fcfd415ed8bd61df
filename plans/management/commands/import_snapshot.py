"""Show, or after review rewrite, the expected-structure snapshot of corpus documents."""

import difflib
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from plans.importing.snapshot import corpus_documents, document_snapshot, dump, snapshot_path

CORPUS = Path(__file__).resolve().parents[3] / "tests" / "importing" / "corpus"


class Command(BaseCommand):
    help = (
        "So sánh cấu trúc đọc được của văn bản mẫu (tests/importing/corpus) với ảnh chụp JSON đã duyệt; "
        "với --update, ghi lại ảnh chụp sau khi đã xem xét thay đổi."
    )

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="*", help="Tệp văn bản mẫu; bỏ trống: mọi tệp trong kho mẫu.")
        parser.add_argument("--update", action="store_true", help="Ghi lại ảnh chụp JSON cạnh mỗi tệp.")

    def handle(self, *args, paths, update, **options):
        documents = [Path(p) for p in paths] or corpus_documents(CORPUS)
        changed = 0
        for document in documents:
            if not document.is_file():
                raise CommandError(f"Không tìm thấy tệp {document}.")
            target = snapshot_path(document)
            new = dump(document_snapshot(document))
            old = target.read_text(encoding="utf-8") if target.is_file() else ""
            if new == old:
                continue
            changed += 1
            if update:
                target.write_text(new, encoding="utf-8")
                self.stdout.write(f"đã ghi {target.name}")
            else:
                diff = difflib.unified_diff(old.splitlines(), new.splitlines(), target.name, "mới", lineterm="")
                self.stdout.write("\n".join(diff))
        self.stdout.write(f"{len(documents)} tệp, {changed} khác ảnh chụp.")
