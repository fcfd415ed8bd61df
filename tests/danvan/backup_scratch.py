"""Scratch portals for the backup tests: a database of each engine plus a media folder, driven by manage.py.

The tests run `manage.py` in child processes, as `make backup` and `make restore` do,
against databases of their own: SQLite files under the test's tmp_path, and PostgreSQL
databases created on the server of the test database (or on 127.0.0.1:5432 as the
`postgres` user when the suite runs on SQLite) and dropped afterwards. One migrated
and seeded portal per engine and session is the template every test copies.
"""

import hashlib
import os
import shutil
import sqlite3
import subprocess
import sys
import time
import uuid
from abc import ABC, abstractmethod
from dataclasses import dataclass
from pathlib import Path

import psycopg2
from django.conf import settings
from django.db import connection

# Two issued plans with stored PDFs, a task with its lead unit and the official who reports on it.
SEED = """
import datetime
import plans.exports.pdf as pdf
from plans.choices import PlanStatus
from tests.factories import CommuneFactory, DepartmentFactory, PlanFactory, TaskFactory, UserFactory
from units.choices import Role

commune = CommuneFactory()
department = DepartmentFactory(parent=commune)
official = UserFactory(username="canbo", unit=department, role=Role.OFFICIAL)
for number in (1, 2):
    plan = PlanFactory(
        issuing_unit=commune, created_by=official, status=PlanStatus.ISSUED,
        number=number, year=2025, issued_on=datetime.date(2025, 9, 12),
    )
    TaskFactory(plan=plan, lead_units=[department])
    pdf.render_plan_pdf = lambda plan: ("%PDF-1.4 bản ban hành số " + str(plan.number)).encode()
    pdf.store_issued_pdf(plan_id=plan.pk)
"""

# Writes audit rows and progress reports until STOP_FILE appears, as a portal in use does;
# touches READY_FILE once it is well under way, and prints how many rounds it wrote.
WRITE_LOOP = """
import datetime, os, pathlib
from danvan.models import AuditAction, AuditEntry
from plans.models import ProgressUpdate, Task
from units.models import User

stop, ready = pathlib.Path(os.environ["STOP_FILE"]), pathlib.Path(os.environ["READY_FILE"])
task, official = Task.objects.first(), User.objects.get(username="canbo")
rounds = 0
while not stop.exists():
    AuditEntry.objects.create(action=AuditAction.UPDATE, username=official.username, summary=f"Vòng ghi {rounds}")
    ProgressUpdate.objects.create(
        task=task, reported_on=datetime.date.today(), percent=rounds % 100, previous_percent=0,
        text=f"Báo cáo tiến độ lần {rounds}", author=official, author_unit=official.unit,
    )
    rounds += 1
    if rounds == 20:
        ready.touch()
print(rounds)
"""


@dataclass(frozen=True)
class Portal:
    """One scratch portal: its database URL and its media folder."""

    url: str
    media: Path


def manage(portal: Portal, *args: str, timeout: int = 600) -> subprocess.CompletedProcess:
    """Run `manage.py` against `portal`, as `make backup`/`make restore` would."""
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=settings.BASE_DIR,
        env=environment(portal),
        capture_output=True,
        text=True,
        check=False,
        timeout=timeout,
    )


def environment(portal: Portal) -> dict[str, str]:
    env = {
        **os.environ,
        "DATABASE_URL": portal.url,
        "MEDIA_ROOT": str(portal.media),
        "DJANGO_SETTINGS_MODULE": "danvan.settings_test",
    }
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    return env


def checked(result: subprocess.CompletedProcess) -> subprocess.CompletedProcess:
    assert result.returncode == 0, result.stdout + result.stderr
    return result


class WriteLoop:
    """A child process writing to `portal` continuously until stopped."""

    def __init__(self, portal: Portal, folder: Path):
        self.stop_file, self.ready_file = folder / "stop", folder / "ready"
        env = {**environment(portal), "STOP_FILE": str(self.stop_file), "READY_FILE": str(self.ready_file)}
        self.process = subprocess.Popen(
            [sys.executable, "manage.py", "shell", "-c", WRITE_LOOP],
            cwd=settings.BASE_DIR,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )

    def wait_until_writing(self, timeout: float = 300) -> None:
        deadline = time.monotonic() + timeout
        while not self.ready_file.exists():
            assert self.process.poll() is None, self.process.communicate()[1]
            assert time.monotonic() < deadline, "the write loop never got going"
            time.sleep(0.2)

    def stop(self) -> int:
        """Stop the loop and return how many rounds it wrote."""
        self.stop_file.touch()
        out, err = self.process.communicate(timeout=300)
        assert self.process.returncode == 0, err
        return int(out.split()[-1])

    def kill(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
            self.process.communicate()


class Engine(ABC):
    """Makes scratch portals of one engine; subclasses say how to create, copy, query and drop a database."""

    name: str

    def __init__(self, folder: Path):
        self.folder = folder
        self.template: Portal | None = None

    def template_portal(self) -> Portal:
        """The migrated and seeded portal every test copies (made on first use)."""
        if self.template is None:
            portal = Portal(self.new_database("template"), self.folder / "template-media")
            checked(manage(portal, "migrate", "--noinput", "-v", "0"))
            checked(manage(portal, "shell", "-c", SEED))
            self.template = portal
        return self.template

    def empty(self, label: str) -> Portal:
        """A new portal with an empty database and no media folder."""
        return Portal(self.new_database(label), self.folder / f"{label}-media-{uuid.uuid4().hex[:6]}")

    def seeded(self, label: str) -> Portal:
        """A new portal holding a copy of the template's data and files."""
        template = self.template_portal()
        portal = Portal(self.copy_database(template.url, label), self.folder / f"{label}-media-{uuid.uuid4().hex[:6]}")
        shutil.copytree(template.media, portal.media)
        return portal

    def count(self, portal: Portal, table: str) -> int:
        return self.counts(portal, [table])[table]

    def counts(self, portal: Portal, tables: list[str]) -> dict[str, int]:
        """The row count of each of `tables`, read in one query."""
        columns = ", ".join(f'(SELECT count(*) FROM "{table}")' for table in tables)
        return dict(zip(tables, self.query(portal, f"SELECT {columns}")[0], strict=True))

    def issued_digests(self, portal: Portal) -> dict[int, str]:
        """The SHA-256 kept on each issued plan, checked against the stored file in the portal's media."""
        digests = {}
        for pk, name, expected in self.query(
            portal, "SELECT id, issued_pdf, issued_pdf_sha256 FROM plans_plan WHERE issued_pdf_sha256 <> ''"
        ):
            assert hashlib.sha256((portal.media / name).read_bytes()).hexdigest() == expected, name
            digests[pk] = expected
        return digests

    @abstractmethod
    def tables(self, portal: Portal) -> int:
        """How many tables the portal's database holds (0 for an empty database)."""

    @abstractmethod
    def new_database(self, label: str) -> str:
        """Create an empty database; return its URL."""

    @abstractmethod
    def copy_database(self, url: str, label: str) -> str:
        """Create a copy of the database at `url`; return the copy's URL."""

    @abstractmethod
    def query(self, portal: Portal, sql: str) -> list[tuple]:
        """Run `sql` on the portal's database and return its rows."""

    @abstractmethod
    def drop(self, *, template: bool = False) -> None:
        """Drop the databases made since the last call (and the template too when `template`)."""


class SQLiteEngine(Engine):
    name = "sqlite"

    def _path(self, url: str) -> Path:
        return Path(url.removeprefix("sqlite:///"))

    def new_database(self, label: str) -> str:
        return f"sqlite:///{self.folder / f'{label}-{uuid.uuid4().hex[:6]}.sqlite3'}"

    def copy_database(self, url: str, label: str) -> str:
        copy = self.new_database(label)
        shutil.copyfile(self._path(url), self._path(copy))
        return copy

    def query(self, portal: Portal, sql: str) -> list[tuple]:
        database = sqlite3.connect(self._path(portal.url))
        try:
            return database.execute(sql).fetchall()
        finally:
            database.close()

    def tables(self, portal: Portal) -> int:
        if not self._path(portal.url).exists():
            return 0
        return self.query(portal, "SELECT count(*) FROM sqlite_master WHERE type = 'table'")[0][0]

    def drop(self, *, template: bool = False) -> None:
        """Nothing to do: the files go with pytest's temporary folder."""


class PostgresEngine(Engine):
    name = "postgres"

    def __init__(self, folder: Path):
        super().__init__(folder)
        database = connection.settings_dict if connection.vendor == "postgresql" else {}
        self.server = {
            "host": database.get("HOST") or "127.0.0.1",
            "port": int(database.get("PORT") or 5432),
            "user": database.get("USER") or "postgres",
            "password": database.get("PASSWORD") or "",
        }
        self.created: list[str] = []

    def reachable(self) -> bool:
        try:
            psycopg2.connect(dbname="postgres", connect_timeout=3, **self.server).close()
        except psycopg2.OperationalError:
            return False
        return True

    def _admin(self, statement: str) -> None:
        admin = psycopg2.connect(dbname="postgres", **self.server)
        admin.autocommit = True
        try:
            with admin.cursor() as cursor:
                cursor.execute(statement)
        finally:
            admin.close()

    def _url(self, name: str) -> str:
        server = self.server
        password = f":{server['password']}" if server["password"] else ""
        return f"postgres://{server['user']}{password}@{server['host']}:{server['port']}/{name}"

    def new_database(self, label: str, template: str | None = None) -> str:
        name = f"danvan_backup_{label}_{uuid.uuid4().hex[:8]}"
        self._admin(f'CREATE DATABASE "{name}"' + (f' TEMPLATE "{template}"' if template else ""))
        self.created.append(name)
        return self._url(name)

    def copy_database(self, url: str, label: str) -> str:
        return self.new_database(label, template=url.rsplit("/", 1)[1])

    def query(self, portal: Portal, sql: str) -> list[tuple]:
        database = psycopg2.connect(dbname=portal.url.rsplit("/", 1)[1], **self.server)
        try:
            with database.cursor() as cursor:
                cursor.execute(sql)
                return cursor.fetchall()
        finally:
            database.close()

    def tables(self, portal: Portal) -> int:
        return self.query(portal, "SELECT count(*) FROM pg_tables WHERE schemaname = 'public'")[0][0]

    def drop(self, *, template: bool = False) -> None:
        kept = "" if template or self.template is None else self.template.url.rsplit("/", 1)[1]
        for name in self.created:
            if name != kept:
                self._admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        self.created = [kept] if kept else []
