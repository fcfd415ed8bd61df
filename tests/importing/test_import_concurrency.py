"""Imports that meet other writes: a unit created meanwhile, a clash that persists, a fault nobody foresaw.

The deterministic tests run on every engine; the threaded ones need PostgreSQL (CI), where
three imports really run at once.
"""

import io
from collections import Counter

import pytest
from django.core.management import CommandError, call_command
from django.db import IntegrityError

from danvan.jobs import JobStatus
from plans.models import ImportRecord, Plan
from tests.concurrency import postgres_only, run_at_once
from tests.conftest import client_for
from tests.plans.import_upload import upload_plan_file
from tests.plans.test_import import THUONG_HONG
from units.choices import UnitKind
from units.models import Unit

# Another plan of the same commune: another number, the same units to create.
OTHER_PLAN = THUONG_HONG.replace(b"31/KH-UBND", b"32/KH-UBND")
CREATED_NAME = "Trung tâm Văn hóa Thể thao và Truyền thông"


def upload(client, data: bytes, name: str = "ke-hoach.txt"):
    """Upload the file and return the import job as it ended."""
    return upload_plan_file(client, name, data)[1]


@pytest.fixture
def rival_creates_unit_first(world, monkeypatch):
    """Create the unit `CREATED_NAME` right after the importer's first lookup missed it, as another import would."""
    from plans.importing import persist

    real_lookup, rival = persist.unit_named, {}

    def lookup_then_lose_the_race(*, parent, name):
        found = real_lookup(parent=parent, name=name)
        if name == CREATED_NAME and not rival:
            rival["unit"] = Unit.objects.create(parent=parent, name=name, kind=UnitKind.SERVICE_UNIT)
        return found

    monkeypatch.setattr(persist, "unit_named", lookup_then_lose_the_race)
    return rival


def test_unit_created_between_lookup_and_insert_is_reused(world, official, rival_creates_unit_first):
    """Given another writer creating the unit after the importer looked for it and before it inserts it,
    when the plan is imported, then the insert's IntegrityError is absorbed, the import succeeds
    and its tasks lead to the other writer's unit, which is not listed as created by the import."""
    job = upload(client_for(official), THUONG_HONG)

    assert job.status == JobStatus.DONE
    rival = rival_creates_unit_first["unit"]
    assert list(Unit.objects.filter(parent=world.commune, name=CREATED_NAME)) == [rival]
    record = ImportRecord.objects.get()
    assert rival not in record.created_units.all()
    assert record.plan.tasks.filter(lead_units=rival).exists()


def test_a_clash_that_persists_fails_the_job_in_vietnamese_and_creates_nothing(world, official, monkeypatch):
    """Given a unit insert refused by the unique constraint on both tries, when the plan is uploaded,
    then the import job fails with a Vietnamese message, and nothing is created."""

    def always_refused(**kwargs):
        raise IntegrityError('duplicate key value violates unique constraint "unit_name_unique_under_parent"')

    monkeypatch.setattr("plans.importing.persist._unit_lookup_or_insert", always_refused)
    units_before = Unit.objects.count()

    job = upload(client_for(official), THUONG_HONG)

    assert job.status == JobStatus.FAILED
    assert "đang được ghi cùng lúc ở nơi khác; xin nhập lại tệp" in job.message
    assert (Plan.objects.count(), ImportRecord.objects.count(), Unit.objects.count()) == (0, 0, units_before)


def test_same_file_recorded_meanwhile_is_already_imported(world, official, monkeypatch):
    """Given the same file recorded by another session while this import builds its plan (the import record's
    unique constraint fires), when the upload ends, then it is refused as already imported and its draft is gone."""
    from plans.importing import persist

    real_import = persist.import_parsed_plan

    def import_then_lose_the_race(**kwargs):
        report = real_import(**kwargs)
        ImportRecord.objects.create(
            issuing_unit=world.commune,
            sha256=persist.hashlib.sha256(THUONG_HONG).hexdigest(),
            filename="ke-hoach.txt",
            source_text="",
            imported_by=official,
        )
        return report

    monkeypatch.setattr(persist, "import_parsed_plan", import_then_lose_the_race)
    with pytest.raises(persist.AlreadyImportedError, match="đã được nhập"):
        persist.plan_import_file(
            data=THUONG_HONG, filename="ke-hoach.txt", issuing_unit=world.commune, by=official, record_issued=False
        )


def test_an_unforeseen_parser_fault_fails_the_job_with_a_vietnamese_message(world, official, monkeypatch, caplog):
    """Given a parser that fails in a way nobody foresaw, when a file is uploaded, then the import job fails with a
    Vietnamese message, nothing is created, and the traceback is logged for the administrator."""
    monkeypatch.setattr("plans.importing.persist.parse_plan", lambda text: [][0])

    job = upload(client_for(official), THUONG_HONG)

    assert job.status == JobStatus.FAILED
    assert "cổng gặp lỗi không lường trước khi đọc tệp này, chưa có gì được tạo" in job.message
    assert Plan.objects.count() == 0
    assert any(record.exc_info and record.exc_info[0] is IndexError for record in caplog.records)


def test_import_plan_command_fails_with_one_vietnamese_line(world, official, monkeypatch, tmp_path):
    """Given an unforeseen fault, a missing unit and a missing user, when `import_plan` runs, then each ends
    in a CommandError (exit status 1) of one Vietnamese line, never a traceback."""
    path = tmp_path / "ke-hoach.txt"
    path.write_bytes(THUONG_HONG)
    with pytest.raises(CommandError, match="^Không tìm thấy đơn vị có mã \\(id\\) 999999.$"):
        call_command("import_plan", str(path), unit=999999, user=official.username)
    with pytest.raises(CommandError, match="^Không tìm thấy người dùng “khong-co”.$"):
        call_command("import_plan", str(path), unit=world.commune.pk, user="khong-co")

    monkeypatch.setattr("plans.importing.persist.parse_plan", lambda text: [][0])
    with pytest.raises(CommandError) as caught:
        call_command("import_plan", str(path), unit=world.commune.pk, user=official.username)
    message = str(caught.value)
    assert message.startswith("Không nhập được văn bản: cổng gặp lỗi không lường trước")
    assert "(IndexError: list index out of range)" in message and "\n" not in message


# --- real concurrency: PostgreSQL -------------------------------------------------------------------------------


def assert_no_duplicate_units(world):
    names = Counter(Unit.objects.filter(parent=world.commune).values_list("name", flat=True))
    assert [name for name, count in names.items() if count > 1] == []
    assert names[CREATED_NAME] == 1


@pytest.fixture
def needs_postgres():
    postgres_only("SQLite serialises writers itself; simultaneous imports are raced on PostgreSQL in CI")


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_three_simultaneous_import_plan_runs(needs_postgres, world, official, tmp_path):
    """Given two files of different plans of one commune and one of them twice, when three `import_plan` runs
    start at the same instant, then two plans are created, the repeat ends with a one-line Vietnamese
    CommandError, and every unit exists once. (The same race through the web is bad-inputs row 54.)"""
    paths = []
    for index, data in enumerate([THUONG_HONG, THUONG_HONG, OTHER_PLAN]):
        paths.append(tmp_path / f"ke-hoach-{index}.txt")
        paths[-1].write_bytes(data)

    def run(path):
        call_command("import_plan", str(path), unit=world.commune.pk, user=official.username, stdout=io.StringIO())
        return "ok"

    outcomes = run_at_once([lambda p=p: run(p) for p in paths])

    assert outcomes.count("ok") == 2
    (failure,) = [outcome for outcome in outcomes if outcome != "ok"]
    assert isinstance(failure, CommandError), repr(failure)
    assert str(failure).startswith("Tệp này đã được nhập ngày")
    assert Plan.objects.count() == 2
    assert_no_duplicate_units(world)
