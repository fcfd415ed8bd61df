"""Backup, then restore into an empty database: migrations complete and row counts equal the manifest."""

import json
import os
import subprocess
import sys
import uuid

import pytest
from django.conf import settings
from django.core.cache.backends.filebased import FileBasedCache
from django.core.management import call_command
from django.db import connection

from plans import services
from tests.factories import PlanFactory, SectionFactory

pytestmark = pytest.mark.django_db(transaction=True)


def manage(*args, database_url: str, media_root, **variables) -> subprocess.CompletedProcess:
    env = {
        **os.environ,
        "DATABASE_URL": database_url,
        "MEDIA_ROOT": str(media_root),
        "DJANGO_SETTINGS_MODULE": "danvan.settings_test",
        **variables,
    }
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )


@pytest.fixture
def empty_database(tmp_path):
    """Yield the URL of a new, empty database of the same engine as the test database."""
    if connection.vendor == "sqlite":
        yield f"sqlite:///{tmp_path / 'restored.sqlite3'}"
        return
    name = f"danvan_restore_{uuid.uuid4().hex[:8]}"
    database = connection.settings_dict
    with connection.cursor() as cursor:
        cursor.execute(f'CREATE DATABASE "{name}"')
    user = database.get("USER") or "postgres"
    yield f"postgres://{user}@{database.get('HOST') or '127.0.0.1'}:{database.get('PORT') or 5432}/{name}"
    connection.close()
    with connection.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def test_backup_restores_into_an_empty_database(world, official, tmp_path, settings, empty_database):
    """Given data and an uploaded file, when backed up and restored elsewhere, everything comes back, and the cache of
    the restored portal (figures, list counts built from the old data) is emptied."""
    settings.MEDIA_ROOT = tmp_path / "media"
    (settings.MEDIA_ROOT / "plans").mkdir(parents=True)
    (settings.MEDIA_ROOT / "plans" / "bang-chung.pdf").write_bytes(b"%PDF-1.4 minh chung")
    plan = PlanFactory(issuing_unit=world.commune, created_by=official)
    SectionFactory(plan=plan)
    services.section_add(plan=plan, numbering="roman", heading="TỔ CHỨC THỰC HIỆN")
    folder = tmp_path / "backup"

    call_command("backup", output=str(folder), stdout=open(os.devnull, "w"))  # noqa: SIM115

    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["row_counts"]["plans_plan"] == 1 and manifest["row_counts"]["plans_section"] == 2
    restored_media = tmp_path / "restored-media"
    shared_cache = FileBasedCache(str(tmp_path / "cache"), {})
    shared_cache.set("figures-before-the-restore", "cũ", None)
    restored = manage(
        "restore",
        "--input",
        str(folder),
        database_url=empty_database,
        media_root=restored_media,
        CACHE_DIR=str(tmp_path / "cache"),
    )
    assert restored.returncode == 0, restored.stdout + restored.stderr
    assert shared_cache.get("figures-before-the-restore") is None
    assert "khớp bản sao lưu" in restored.stdout
    check = manage("migrate", "--check", database_url=empty_database, media_root=restored_media)
    assert check.returncode == 0, check.stdout + check.stderr
    assert (restored_media / "plans" / "bang-chung.pdf").read_bytes() == b"%PDF-1.4 minh chung"


def test_restore_reports_a_count_mismatch(world, tmp_path):
    folder = tmp_path / "backup"
    call_command("backup", output=str(folder), stdout=open(os.devnull, "w"))  # noqa: SIM115
    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    manifest["row_counts"]["units_unit"] += 1
    (folder / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
    from django.core.management import CommandError

    with pytest.raises(CommandError, match="không khớp"):
        call_command("restore", input=str(folder), check_only=True)
