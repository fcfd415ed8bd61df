"""A backup of a portal in use restores whole; a restore never overwrites, nor leaves a database half-filled.

Every test runs on the engine of the run (SQLite, or PostgreSQL on CI; both with BACKUP_TEST_ENGINES=sqlite,postgres),
through `manage.py backup` and `manage.py restore` in child processes, as `make backup`
and `make restore` run them.
"""

import hashlib
import io
import json
import os
import shutil
import tarfile

import pytest

from tests.danvan.backup_scratch import PostgresEngine, SQLiteEngine, WriteLoop, checked, manage

ENGINES = {"sqlite": SQLiteEngine, "postgres": PostgresEngine}
# Each engine costs a migrated template and minutes of child processes, so a run tests the engine it runs on:
# SQLite by default (`make test`), PostgreSQL on CI (`.ci/run`); BACKUP_TEST_ENGINES=sqlite,postgres runs both.
SELECTED = os.environ.get("BACKUP_TEST_ENGINES") or (
    "postgres" if os.environ.get("DATABASE_URL", "").startswith("postgres") else "sqlite"
)


@pytest.fixture(scope="module", params=[name for name in ENGINES if name in SELECTED.split(",")])
def engine_for_module(request, tmp_path_factory):
    engine = ENGINES[request.param](tmp_path_factory.mktemp(f"backup-{request.param}"))
    if isinstance(engine, PostgresEngine) and not engine.reachable():
        pytest.skip("PostgreSQL không trả lời")
    yield engine
    engine.drop(template=True)


@pytest.fixture
def engine(engine_for_module):
    yield engine_for_module
    engine_for_module.drop()


@pytest.fixture
def backup(engine, tmp_path):
    """A backup of a seeded portal: the portal and the backup's folder."""
    source = engine.seeded("source")
    folder = tmp_path / "backup"
    checked(manage(source, "backup", "--output", str(folder)))
    return source, folder


def manifest_of(folder) -> dict:
    return json.loads((folder / "manifest.json").read_text(encoding="utf-8"))


def refused(result) -> str:
    """The message of a command that stopped as it should: exit code 1, a message, no traceback."""
    assert result.returncode == 1, result.stdout + result.stderr
    assert "Traceback" not in result.stderr
    return result.stderr


def media_files(portal) -> list[str]:
    return sorted(str(path.relative_to(portal.media)) for path in portal.media.rglob("*") if path.is_file())


def test_backup_taken_while_the_portal_writes_restores_whole(engine, tmp_path):
    """Given audit rows and progress reports written nonstop, when backed up and restored, everything matches."""
    source = engine.seeded("source")
    folder = tmp_path / "backup"
    loop = WriteLoop(source, tmp_path)
    try:
        loop.wait_until_writing()
        checked(manage(source, "backup", "--output", str(folder)))
        loop.stop()
    finally:
        loop.kill()
    manifest = manifest_of(folder)
    # The loop kept writing after the snapshot: the live counts ran past the manifest's.
    assert engine.count(source, "plans_progressupdate") > manifest["row_counts"]["plans_progressupdate"] >= 20
    target = engine.empty("target")

    restored = checked(manage(target, "restore", "--input", str(folder)))

    assert "Đã khôi phục và khớp bản sao lưu" in restored.stdout
    assert "2 bản PDF đã ban hành đúng mã SHA-256" in restored.stdout
    assert engine.counts(target, list(manifest["row_counts"])) == manifest["row_counts"]
    issued = engine.issued_digests(target)
    assert len(issued) == 2 and issued == engine.issued_digests(source)
    checked(manage(target, "migrate", "--check"))


def test_restore_refuses_a_database_that_holds_data(engine, backup):
    _, folder = backup
    target = engine.seeded("target")
    before = engine.count(target, "danvan_auditentry")

    message = refused(manage(target, "restore", "--input", str(folder)))

    assert "không trống" in message and "--force" in message
    assert engine.count(target, "danvan_auditentry") == before


def test_force_replaces_the_data_and_keeps_a_backup_of_it(engine, tmp_path):
    source = engine.seeded("source")
    evidence = "plans/evidence/bien-ban.pdf"
    (source.media / evidence).parent.mkdir(parents=True)
    (source.media / evidence).write_bytes(b"%PDF-1.4 bien ban moi")
    folder = tmp_path / "backup"
    checked(manage(source, "backup", "--output", str(folder)))
    target = engine.seeded("target")
    checked(manage(target, "shell", "-c", "from tests.factories import UserFactory; UserFactory.create_batch(3)"))
    users_before = engine.count(target, "units_user")
    (target.media / evidence).parent.mkdir(parents=True)
    (target.media / evidence).write_bytes(b"%PDF-1.4 bien ban cu")
    kept = tmp_path / "kept"

    result = checked(manage(target, "restore", "--input", str(folder), "--force", "--keep", str(kept)))

    assert f"Dữ liệu cũ đã được sao lưu vào {kept}" in result.stdout
    assert engine.count(target, "units_user") == manifest_of(folder)["row_counts"]["units_user"] == users_before - 3
    assert (target.media / evidence).read_bytes() == b"%PDF-1.4 bien ban moi"
    assert engine.issued_digests(target) == engine.issued_digests(source)
    # The kept copy is itself a backup that brings the replaced data back.
    old = engine.empty("old")
    checked(manage(old, "restore", "--input", str(kept)))
    assert engine.count(old, "units_user") == users_before
    assert (old.media / evidence).read_bytes() == b"%PDF-1.4 bien ban cu"


def test_a_damaged_backup_leaves_the_target_empty_and_can_be_replaced_by_a_good_one(engine, backup, tmp_path):
    _, folder = backup
    damaged = shutil.copytree(folder, tmp_path / "damaged")
    database = next(path for path in damaged.iterdir() if path.name.startswith("database."))
    database.write_bytes(database.read_bytes()[: database.stat().st_size // 2])
    target = engine.empty("target")

    message = refused(manage(target, "restore", "--input", str(damaged)))

    assert "database." in message
    assert engine.tables(target) == 0 and media_files(target) == []
    checked(manage(target, "restore", "--input", str(folder)))


def swap_an_issued_pdf(folder) -> None:
    """Replace an issued PDF in the archive, with the manifest updated to match: only the plan's own digest differs."""
    manifest = manifest_of(folder)
    name = next(name for name in manifest["media"] if name.startswith("plans/issued/"))
    with tarfile.open(folder / "media.tar.gz", "r:gz") as archive:
        files = {member.name: archive.extractfile(member).read() for member in archive.getmembers() if member.isfile()}
    files[f"media/{name}"] = b"%PDF-1.4 ban gia mao"
    with tarfile.open(folder / "media.tar.gz", "w:gz") as archive:
        for member_name, data in files.items():
            info = tarfile.TarInfo(member_name)
            info.size = len(data)
            archive.addfile(info, io.BytesIO(data))
    manifest["media"][name] = hashlib.sha256(b"%PDF-1.4 ban gia mao").hexdigest()
    (folder / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")


def test_a_restore_failing_midway_empties_the_target_again(engine, backup, tmp_path):
    """Given a backup whose issued PDF no longer matches its plan, the restore fails after loading and undoes it."""
    _, folder = backup
    swapped = shutil.copytree(folder, tmp_path / "swapped")
    swap_an_issued_pdf(swapped)
    target = engine.empty("target")

    message = refused(manage(target, "restore", "--input", str(swapped)))

    assert "không khớp SHA-256" in message and "Đã trả lại" in message
    assert engine.tables(target) == 0 and media_files(target) == []
    checked(manage(target, "restore", "--input", str(folder)))


def test_a_forced_restore_failing_midway_puts_the_old_data_back(engine, backup, tmp_path):
    _, folder = backup
    swapped = shutil.copytree(folder, tmp_path / "swapped")
    swap_an_issued_pdf(swapped)
    target = engine.seeded("target")
    checked(manage(target, "shell", "-c", "from tests.factories import UserFactory; UserFactory.create_batch(3)"))
    users_before, files_before = engine.count(target, "units_user"), media_files(target)
    digests_before = engine.issued_digests(target)

    message = refused(manage(target, "restore", "--input", str(swapped), "--force", "--keep", str(tmp_path / "kept")))

    assert "Đã trả lại" in message
    assert engine.count(target, "units_user") == users_before
    assert media_files(target) == files_before and engine.issued_digests(target) == digests_before
