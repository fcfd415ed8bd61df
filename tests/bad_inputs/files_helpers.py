"""Builders of hostile files and the four upload pages the file tests (test_files_*.py, rows 27-35) go through.

Evidence of task progress (tasks:task_progress), evidence of a "Dân vận khéo"
registration (models_registry:evidence_add), a plan document to import
(plans:plan_import) and the filled-in progress sheet (tasks:sheet_import). The
shared checks live in danvan/uploads.py, the import readers in
plans/importing/readers/; the builders of test files come from the tests of
those modules. Every test module using these imports the autouse `folders` fixture.
"""

import functools
import io
import struct
import zipfile
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client, TestCase
from django.urls import reverse

from models_registry.models import EvidenceFile as RegistrationEvidence
from plans.models import EvidenceFile as TaskEvidence
from plans.models import ImportRecord, Plan, ProgressUpdate, TaskSheetImport
from tests.conftest import client_for
from tests.factories import CampaignFactory, IssuedPlanFactory, RegistrationFactory, TaskFactory
from tests.importing.test_readers import build_docx, rewrite_docx
from tests.models_registry.test_evidence import real_docx
from tests.tasks.views_helpers import progress_data

MB = 1024 * 1024
CONTENT_TYPES_PART = "[Content_Types].xml"


@pytest.fixture(autouse=True)
def folders(settings, tmp_path):
    """Keep stored files and Django's temporary upload files in folders of their own, to look into."""
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.FILE_UPLOAD_TEMP_DIR = str(tmp_path / "uploads")
    (tmp_path / "uploads").mkdir()
    return tmp_path


def files_under(folder: Path) -> list[Path]:
    return [path for path in folder.rglob("*") if path.is_file()] if folder.exists() else []


# --- building files -------------------------------------------------------------------------------------


@functools.cache
def plan_docx() -> bytes:
    """A real Word plan, laid out as commune offices write them (tests/importing/test_readers.py)."""
    buffer = io.BytesIO()
    build_docx(buffer)
    return buffer.getvalue()


def with_types(data: bytes, extra_types: bytes, parts: dict[str, bytes]) -> bytes:
    """Return the package `data` with `extra_types` declared in [Content_Types].xml and `parts` added."""
    types = zipfile.ZipFile(io.BytesIO(data)).read(CONTENT_TYPES_PART).replace(b"</Types>", extra_types + b"</Types>")
    return rewrite_docx(data, replace={CONTENT_TYPES_PART: types}, add=parts)


def hand_made_zip(entries: list[tuple[str, bytes, int, int, int]]) -> bytes:
    """Return a zip written byte by byte from (name, data as stored, declared size, CRC-32, method) entries.

    zipfile would have to compress a bomb's gigabytes to write it; by hand, a bomb is a
    few repeated deflate blocks. Sizes stay under 4 GiB; only the entry count may need zip64.
    """
    body, directory = bytearray(), bytearray()
    for name, data, size, crc, method in entries:
        encoded = name.encode()
        offset = len(body)
        body += struct.pack("<IHHHHHIIIHH", 0x04034B50, 20, 0, method, 0, 0x21, crc, len(data), size, len(encoded), 0)
        body += encoded + data
        directory += struct.pack(
            "<IHHHHHHIIIHHHHHII",
            *(0x02014B50, 20, 20, 0, method, 0, 0x21, crc, len(data), size, len(encoded), 0, 0, 0, 0, 0, offset),
        )
        directory += encoded
    count, zip64 = len(entries), b""
    if count > 0xFFFF:  # more entries than the classic end record counts: add the zip64 end record and locator
        at = len(body) + len(directory)
        zip64 = struct.pack("<IQHHIIQQQQ", 0x06064B50, 44, 45, 45, 0, 0, count, count, len(directory), len(body))
        zip64 += struct.pack("<IIQI", 0x07064B50, 0, at, 1)
        count = 0xFFFF
    end = struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, count, count, len(directory), len(body), 0)
    return bytes(body + directory + zip64 + end)


def deflated_entry(name: str, data: bytes) -> tuple[str, bytes, int, int, int]:
    compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
    return name, compressor.compress(data) + compressor.flush(), len(data), zlib.crc32(data), zipfile.ZIP_DEFLATED


def docx_skeleton() -> list[tuple[str, bytes, int, int, int]]:
    """The parts that make a package a Word document, taken from a real one."""
    package = zipfile.ZipFile(io.BytesIO(real_docx()))
    return [deflated_entry(name, package.read(name)) for name in (CONTENT_TYPES_PART, "_rels/.rels")]


@functools.cache
def gigabytes_bomb() -> bytes:
    """A .docx whose word/document.xml inflates to 2 GiB of zeros from about 2 MB: a real bomb, CRC and all."""
    compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
    mebibyte = bytes(MB)
    # After a full flush the compressor starts afresh, so every further mebibyte compresses to the same bytes.
    block = compressor.compress(mebibyte) + compressor.flush(zlib.Z_FULL_FLUSH)
    stream = block * 2048 + compressor.flush()
    crc = 0
    for _ in range(2048):
        crc = zlib.crc32(mebibyte, crc)
    bomb = ("word/document.xml", stream, 2048 * MB, crc, zipfile.ZIP_DEFLATED)
    return hand_made_zip([*docx_skeleton(), bomb])


@functools.cache
def entries_bomb() -> bytes:
    """A .docx of 100,000 empty parts (about 8.6 MB, under the 10 MB upload limit)."""
    empty = [(f"{number:05x}", b"", 0, 0, zipfile.ZIP_STORED) for number in range(100_000)]
    return hand_made_zip([*docx_skeleton(), *empty])


ENCRYPTED_DOCX = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 4096  # Word saves a password-protected .docx as OLE
XXE = b'<!DOCTYPE w [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'


def xxe_in_document(data: bytes) -> bytes:
    """Return the Word file `data` with an external entity declared in its body and used in a paragraph."""
    document = zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml")
    document = document.replace(b"?>", b"?>" + XXE, 1).replace(b"<w:t>", b"<w:t>&xxe;", 1)
    assert XXE in document and b"&xxe;" in document
    return rewrite_docx(data, replace={"word/document.xml": document})


def xxe_in_content_types(data: bytes) -> bytes:
    types = zipfile.ZipFile(io.BytesIO(data)).read(CONTENT_TYPES_PART).replace(b"?>", b"?>" + XXE, 1)
    assert XXE in types
    return rewrite_docx(data, replace={CONTENT_TYPES_PART: types})


# --- the upload pages --------------------------------------------------------------------------------------


@dataclass
class UploadPage:
    """A page where a person uploads a file: who, where, the other fields, and what a refusal looks like."""

    key: str
    client: Client
    url: str
    field: str
    data: dict
    refused_status: int  # 400 with the form again; the registration page redirects and shows a message
    records: Callable[[], int]  # how many rows the page's uploads have left in the database
    # The plan import reads the file in a job: its refusals are the failed job's page, a redirect away;
    # only a file too large or empty is refused by the form itself. The job runs when the request commits.
    form_refused_status: int | None = None
    runs_jobs: bool = False

    def post(self, *args, **kwargs):
        if not self.runs_jobs:
            return self.client.post(*args, **kwargs)
        with TestCase.captureOnCommitCallbacks(execute=True):
            return self.client.post(*args, **kwargs)

    def send(self, name: str, content: bytes) -> tuple[int, str]:
        """Post the file under `name`; return the status and the text the person then reads."""
        return self.answer(self.post(self.url, {**self.data, self.field: SimpleUploadedFile(name, content)}))

    def answer(self, response) -> tuple[int, str]:
        """Return the status of `response` and the page the person reads after it (following a redirect)."""
        if response.status_code == 302:
            return 302, self.client.get(response["Location"]).content.decode()
        return response.status_code, response.content.decode()

    def send_raw(self, filename: str, content: bytes) -> tuple[int, str]:
        """Post a multipart body written by hand, so the file name reaches the server exactly as given."""
        boundary = "danvan-bad-inputs-boundary"
        parts = [
            f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'.encode()
            for name, value in self.data.items()
        ]
        parts.append(
            f'--{boundary}\r\nContent-Disposition: form-data; name="{self.field}"; filename="{filename}"\r\n'
            "Content-Type: application/octet-stream\r\n\r\n".encode()
            + content
            + b"\r\n"
        )
        body = b"".join(parts) + f"--{boundary}--\r\n".encode()
        return self.answer(self.post(self.url, body, content_type=f"multipart/form-data; boundary={boundary}"))


def task_evidence_page(world) -> UploadPage:
    plan = IssuedPlanFactory(issuing_unit=world.commune, created_by=world.users["official"])
    task = TaskFactory(plan=plan, lead_units=[world.other_department], content="Tổ chức hội nghị tuyên truyền")
    return UploadPage(
        "task-evidence",
        client_for(world.users["unit_head"]),
        reverse("tasks:task_progress", args=[task.pk]),
        "files",
        progress_data(plan),
        400,
        lambda: ProgressUpdate.objects.count() + TaskEvidence.objects.count(),
    )


def registration_evidence_page(world) -> UploadPage:
    campaign = CampaignFactory(
        issuing_unit=world.commune, created_by=world.users["official"], eligible_units=[world.other_department]
    )
    registration = RegistrationFactory(
        campaign=campaign, unit=world.other_department, created_by=world.users["unit_head"]
    )
    return UploadPage(
        "registration-evidence",
        client_for(world.users["unit_head"]),
        reverse("models_registry:evidence_add", args=[registration.pk]),
        "file",
        {"description": "Biên bản ra mắt mô hình"},
        302,
        RegistrationEvidence.objects.count,
    )


def plan_import_page(world) -> UploadPage:
    return UploadPage(
        "plan-import",
        client_for(world.users["official"]),
        reverse("plans:plan_import"),
        "file",
        {},
        302,
        lambda: ImportRecord.objects.count() + Plan.objects.count(),
        form_refused_status=400,
        runs_jobs=True,
    )


def progress_sheet_page(world) -> UploadPage:
    client = client_for(world.users["unit_head"])
    return UploadPage(
        "progress-sheet", client, reverse("tasks:sheet_import"), "file", {}, 400, TaskSheetImport.objects.count
    )


PAGES = {
    "task-evidence": task_evidence_page,
    "registration-evidence": registration_evidence_page,
    "plan-import": plan_import_page,
    "progress-sheet": progress_sheet_page,
}
WORD_PAGES = ["task-evidence", "registration-evidence", "plan-import"]


@pytest.fixture
def page(request, world) -> UploadPage:
    """The upload page named by the test's parameter, ready for its user."""
    return PAGES[request.param](world)


def assert_refused(page: UploadPage, name: str, content: bytes, message: str, *, status: int | None = None) -> str:
    """Upload and check the file is refused with `message` (and `status`, else the page's refusal status),
    nothing is kept and no file is left anywhere."""
    before = page.records()
    answered, text = page.send(name, content)
    assert answered == (status or page.refused_status)
    assert message in text
    assert page.records() == before
    assert files_under(Path(django_settings.MEDIA_ROOT)) == []
    return text


@pytest.fixture
def zip_reads(monkeypatch) -> list[str]:
    """Record the name of every zip member anything opens (extraction starts there); clear it once files are built."""
    opened: list[str] = []
    original = zipfile.ZipFile.open

    def open_(self, name, *args, **kwargs):
        opened.append(getattr(name, "filename", name))
        return original(self, name, *args, **kwargs)

    monkeypatch.setattr(zipfile.ZipFile, "open", open_)
    return opened


@pytest.fixture
def temporary_uploads(monkeypatch) -> list[str]:
    """Record the path of every temporary file Django spools an upload to (anything over 2 MB)."""
    from django.core.files.uploadedfile import TemporaryUploadedFile

    paths: list[str] = []
    original = TemporaryUploadedFile.__init__

    def init(self, *args, **kwargs):
        original(self, *args, **kwargs)
        paths.append(self.temporary_file_path())

    monkeypatch.setattr(TemporaryUploadedFile, "__init__", init)
    return paths


@pytest.fixture
def word_parses(monkeypatch) -> list:
    """Record every document python-docx is asked to parse; clear it once files are built."""
    import docx

    calls: list = []
    original = docx.Document

    def document(*args, **kwargs):
        calls.append(args)
        return original(*args, **kwargs)

    monkeypatch.setattr(docx, "Document", document)
    return calls
