"""PostgreSQL: `pg_dump` reads an exported snapshot, and the row counts are read in that same snapshot.

A restore is one transaction (`psql --single-transaction`): the check that the target is
empty (or, with --force, the removal of what it holds), the whole dump, and the row
counts compared with the manifest. Anything that fails rolls all of it back, so the
target is left exactly as it was and the restore can simply be run again.
"""

import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from django.db import connection

from danvan.backup.common import BackupError, applied_migrations, count_rows, quote, run

DATABASE_FILE = "database.dump"

# The portal's own relations: everything outside the system schemas, except what an
# extension owns and what goes with a table (identity and serial sequences, partitions).
OWN_RELATIONS = """
    FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE c.relkind IN ('r', 'p', 'v', 'm', 'S', 'f') AND NOT c.relispartition
      AND n.nspname <> 'information_schema' AND n.nspname NOT LIKE 'pg\\_%'
      AND NOT EXISTS (
          SELECT 1 FROM pg_depend d
          WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid AND d.deptype IN ('e', 'a', 'i')
      )
"""
DROP_OWN_RELATIONS = f"""
    SELECT format('DROP %s IF EXISTS %I.%I CASCADE;',
        CASE c.relkind WHEN 'v' THEN 'VIEW' WHEN 'm' THEN 'MATERIALIZED VIEW' WHEN 'S' THEN 'SEQUENCE'
                       WHEN 'f' THEN 'FOREIGN TABLE' ELSE 'TABLE' END,
        n.nspname, c.relname)
    {OWN_RELATIONS}
"""
REFUSE_UNLESS_EMPTY = f"""
DO $empty$ BEGIN
    IF EXISTS (SELECT 1 {OWN_RELATIONS}) THEN
        RAISE EXCEPTION 'Cơ sở dữ liệu đích không trống.';
    END IF;
END $empty$;
"""


def _settings() -> dict:
    return connection.settings_dict


def _tool_args() -> list[str]:
    database = _settings()
    args = []
    for option, key in (("--host", "HOST"), ("--port", "PORT"), ("--username", "USER")):
        if database.get(key):
            args += [option, str(database[key])]
    return args


def _tool_env() -> dict[str, str]:
    password = _settings().get("PASSWORD")
    return {"PGPASSWORD": str(password)} if password else {}


def _tables(cursor) -> set[str]:
    cursor.execute("SELECT tablename FROM pg_tables WHERE schemaname = ANY (current_schemas(false))")
    return {name for (name,) in cursor.fetchall()}


def dump(folder: Path) -> tuple[dict[str, int], list[str]]:
    """Dump the current database into `folder`; return row counts and migrations of the dumped snapshot."""
    snapshot_connection = connection.Database.connect(**connection.get_connection_params())
    try:
        snapshot_connection.set_session(isolation_level="REPEATABLE READ", readonly=True)
        with snapshot_connection.cursor() as cursor:
            cursor.execute("SELECT pg_export_snapshot()")
            (snapshot,) = cursor.fetchone()
            run(
                [
                    "pg_dump",
                    "--format=custom",
                    "--no-owner",
                    "--no-privileges",
                    f"--snapshot={snapshot}",
                    "--file",
                    str(folder / DATABASE_FILE),
                    *_tool_args(),
                    _settings()["NAME"],
                ],
                what="pg_dump",
                env=_tool_env(),
            )
            existing = _tables(cursor)
            return count_rows(cursor, existing), applied_migrations(cursor, existing)
    finally:
        snapshot_connection.rollback()
        snapshot_connection.close()


def is_empty() -> bool:
    """Whether the current database holds none of its own tables, views or sequences (extensions do not count)."""
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT EXISTS (SELECT 1 {OWN_RELATIONS})")
        return not cursor.fetchone()[0]


def _drop_statements() -> str:
    with connection.cursor() as cursor:
        cursor.execute(DROP_OWN_RELATIONS)
        return "\n".join(statement for (statement,) in cursor.fetchall())


def _count_check(counts: dict[str, int]) -> str:
    """SQL that aborts the restore's transaction when a table's row count differs from the manifest."""
    lines = [
        f"    SELECT count(*) INTO found FROM {quote(table)};\n"
        f"    IF found <> {int(expected)} THEN problems := problems || "
        f"format('%s: sao lưu {int(expected)}, khôi phục %s; ', {_literal(table)}, found); END IF;"
        for table, expected in counts.items()
    ]
    return (
        "RESET search_path;\nDO $counts$\nDECLARE found bigint; problems text := '';\nBEGIN\n"
        + "\n".join(lines)
        + "\n    IF problems <> '' THEN RAISE EXCEPTION 'Số dòng không khớp với bản sao lưu: %', problems; END IF;"
        + "\nEND $counts$;\n"
    )


def _literal(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


@contextmanager
def prepared(folder: Path, counts: dict[str, int]) -> Iterator[Callable[..., None]]:
    """Turn the dump in `folder` into SQL (a damaged dump fails here), then yield `load(replace=False)`.

    `load` runs in one transaction: the check that the database is empty (with `replace`,
    dropping what it holds instead), the dump, and the row counts compared with `counts`.
    """
    dump_file = folder / DATABASE_FILE
    if not dump_file.is_file():
        raise BackupError(f"Thiếu tệp {DATABASE_FILE} trong bản sao lưu.")
    with tempfile.TemporaryDirectory(prefix="danvan-restore-") as work:
        script, before, after = Path(work) / "restore.sql", Path(work) / "before.sql", Path(work) / "after.sql"
        run(
            ["pg_restore", "--no-owner", "--no-privileges", "--file", str(script), str(dump_file)],
            what=f"Đọc tệp {DATABASE_FILE}",
        )
        after.write_text(_count_check(counts), encoding="utf-8")

        def load(*, replace: bool = False) -> None:
            before.write_text((_drop_statements() if replace else REFUSE_UNLESS_EMPTY) + "\n", encoding="utf-8")
            connection.close()
            run(
                [
                    "psql",
                    "--no-psqlrc",
                    "--quiet",
                    "--set=ON_ERROR_STOP=1",
                    "--single-transaction",
                    *(f"--file={path}" for path in (before, script, after)),
                    *_tool_args(),
                    "--dbname",
                    _settings()["NAME"],
                ],
                what="Khôi phục cơ sở dữ liệu",
                env=_tool_env(),
            )

        yield load


def clear() -> None:
    """Leave the current database empty again: drop every table, view and sequence of its own."""
    statements = _drop_statements()
    if statements:
        with connection.cursor() as cursor:
            cursor.execute(statements)
