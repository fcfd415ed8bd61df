"""Rows 27-35 of docs/bad-inputs.md: files people upload, through the pages where they upload them.

Evidence of task progress (tasks:task_progress), evidence of a "Dân vận khéo"
registration (models_registry:evidence_add), a plan document to import
(plans:plan_import) and the filled-in progress sheet (tasks:sheet_import). The
shared checks live in danvan/uploads.py, the import readers in
plans/importing/readers.py; the builders of test files come from the tests of
those modules.
"""

import functools
import io
import re
import struct
import zipfile
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote

import pytest
from django.conf import settings as django_settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook

from models_registry.models import EvidenceFile as RegistrationEvidence
from plans.models import EvidenceFile as TaskEvidence
from plans.models import ImportRecord, Plan, ProgressUpdate, Task, TaskSheetImport
from plans.services import task_cancel
from tests.conftest import client_for
from tests.factories import CampaignFactory, IssuedPlanFactory, RegistrationFactory, TaskFactory
from tests.importing.test_readers import build_docx, rewrite_docx
from tests.models_registry.test_evidence import EXE, real_docx
from tests.plans.test_import import THUONG_HONG
from tests.tasks.test_sheets import export, fill
from tests.tasks.test_sheets import upload as upload_sheet
from tests.tasks.test_views import PDF, progress_data

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

    def send(self, name: str, content: bytes) -> tuple[int, str]:
        """Post the file under `name`; return the status and the text the person then reads."""
        return self.answer(self.client.post(self.url, {**self.data, self.field: SimpleUploadedFile(name, content)}))

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
        return self.answer(self.client.post(self.url, body, content_type=f"multipart/form-data; boundary={boundary}"))


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
        400,
        lambda: ImportRecord.objects.count() + Plan.objects.count(),
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


def assert_refused(page: UploadPage, name: str, content: bytes, message: str) -> str:
    """Upload and check the file is refused with `message`, nothing is kept and no file is left anywhere."""
    before = page.records()
    status, text = page.send(name, content)
    assert status == page.refused_status
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


# --- row 27: over the size limit --------------------------------------------------------------------------

FIFTY_MB = {
    "task-evidence": ("bien-ban.pdf", PDF),
    "registration-evidence": ("bien-ban.pdf", PDF),
    "plan-import": ("ke-hoach.pdf", PDF),
    "progress-sheet": ("tien-do.xlsx", b"PK\x03\x04"),
}


@pytest.mark.parametrize("page", PAGES, indirect=True)
def test_row27_a_50_mb_upload_is_refused_and_its_temporary_file_removed(page, folders, temporary_uploads):
    """Given a 50 MB file (limit 10 MB), when it is uploaded, then the person reads that it is over 10 MB,
    nothing is kept, and Django's temporary copy of the upload is gone once the answer is sent."""
    name, head = FIFTY_MB[page.key]
    assert_refused(page, name, head + bytes(50 * MB), "lớn hơn 10 MB")
    (spooled,) = temporary_uploads
    assert Path(spooled).parent == folders / "uploads" and not Path(spooled).exists()
    assert files_under(folders / "uploads") == []


# --- row 28: the type is read from the content ---------------------------------------------------------------

RENAMED = {
    ("task-evidence", "pdf"): "không phải Word",
    ("task-evidence", "exe"): "không phải Word",
    ("registration-evidence", "pdf"): "không phải Word",
    ("registration-evidence", "exe"): "không phải Word",
    ("plan-import", "pdf"): "không khớp với phần mở rộng “.docx”",
    ("plan-import", "exe"): "chương trình chạy được",
}


@pytest.mark.parametrize("kind", ["pdf", "exe"])
@pytest.mark.parametrize("page", WORD_PAGES, indirect=True)
def test_row28_a_pdf_or_exe_renamed_docx_is_refused_by_its_first_bytes(page, kind):
    content = {"pdf": PDF, "exe": EXE}[kind]
    assert_refused(page, "ke-hoach.docx", content, RENAMED[page.key, kind])


# --- row 29: zip bombs ------------------------------------------------------------------------------------------

BOMBS = {
    ("task-evidence", "gigabytes"): "giải nén ra quá lớn",
    ("task-evidence", "entries"): "quá nhiều thành phần",
    ("registration-evidence", "gigabytes"): "giải nén ra quá lớn",
    ("registration-evidence", "entries"): "quá nhiều thành phần",
    ("plan-import", "gigabytes"): "lớn hơn 100 MB; nghi là tệp độc hại (zip bomb)",
    ("plan-import", "entries"): "quá nhiều thành phần (hơn 2.000); nghi là tệp độc hại (zip bomb)",
}


@pytest.mark.parametrize("bomb", ["gigabytes", "entries"])
@pytest.mark.parametrize("page", WORD_PAGES, indirect=True)
def test_row29_a_docx_zip_bomb_is_refused_before_anything_is_extracted(page, bomb, zip_reads):
    """Given a .docx inflating to 2 GiB, or holding 100,000 parts, when it is uploaded, then it is refused
    from the zip directory alone: not one part is opened."""
    content = {"gigabytes": gigabytes_bomb, "entries": entries_bomb}[bomb]()
    assert len(content) < 10 * MB
    zip_reads.clear()
    assert_refused(page, "ke-hoach.docx", content, BOMBS[page.key, bomb])
    assert zip_reads == []


def test_row29_the_bomb_is_a_real_one():
    """The hand-made bomb is a valid zip whose part really inflates, so refusing it means something."""
    package = zipfile.ZipFile(io.BytesIO(gigabytes_bomb()))
    assert package.getinfo("word/document.xml").file_size == 2048 * MB
    with package.open("word/document.xml") as part:
        assert part.read(MB) == bytes(MB)
    assert len(zipfile.ZipFile(io.BytesIO(entries_bomb())).infolist()) == 100_002


# --- row 30: external entities --------------------------------------------------------------------------------


def test_row30_an_imported_docx_declaring_an_external_entity_is_refused(world, word_parses):
    """Given a plan .docx whose body declares and uses an entity reading /etc/passwd, when it is imported,
    then it is refused before python-docx parses it and nothing of the file system is shown."""
    page = plan_import_page(world)
    content = xxe_in_document(plan_docx())
    word_parses.clear()
    text = assert_refused(page, "ke-hoach.docx", content, "DOCTYPE/ENTITY không được phép")
    assert "root:" not in text
    assert word_parses == []


@pytest.mark.parametrize("page", ["task-evidence", "registration-evidence"], indirect=True)
def test_row30_evidence_declaring_an_entity_in_the_part_the_portal_reads_is_refused(page):
    assert_refused(page, "bien-ban.docx", xxe_in_content_types(real_docx()), "Không đọc được tệp")


@pytest.mark.parametrize("page", ["task-evidence", "registration-evidence"], indirect=True)
def test_row30_evidence_with_an_entity_in_its_body_is_kept_as_bytes_never_parsed(page, zip_reads):
    """Given evidence whose word/document.xml declares an external entity, when it is uploaded, then the portal
    reads nothing but [Content_Types].xml, and the file comes back byte for byte: nothing was resolved."""
    content = xxe_in_document(real_docx())
    zip_reads.clear()
    status, text = page.send("bien-ban.docx", content)
    assert status == 302
    assert set(zip_reads) <= {CONTENT_TYPES_PART}
    evidence = (TaskEvidence if page.key == "task-evidence" else RegistrationEvidence).objects.get()
    with evidence.file.open("rb") as stored:
        assert stored.read() == content
    assert "root:" not in text


REPORT_TEXT = "Da trien khai o thon Dong"


def xlsx_with_entity(sheet: bytes, *, padding: int = 0) -> bytes:
    """Return the progress sheet `sheet` whose report text is an external entity declared at the top of
    the worksheet, or after `padding` bytes of comment."""
    part = "xl/worksheets/sheet1.xml"
    xml = zipfile.ZipFile(io.BytesIO(sheet)).read(part)
    assert REPORT_TEXT.encode() in xml and not xml.startswith(b"<?xml")  # openpyxl writes no XML declaration
    comment = b"<!--" + b" " * padding + b"-->" if padding else b""
    xml = comment + XXE.replace(b"w [", b"worksheet [") + xml.replace(REPORT_TEXT.encode(), b"&xxe;", 1)
    return rewrite_docx(sheet, replace={part: xml})


@pytest.mark.parametrize(
    ("padding", "message"),
    [(0, "Tệp Excel chứa khai báo XML không được phép"), (8192, "Không đọc được tệp Excel")],
    ids=["at-the-top", "after-8-kb-of-comment"],
)
def test_row30_a_progress_sheet_declaring_an_external_entity_is_refused(world, padding, message):
    """Given the unit's progress sheet with an external entity in its worksheet, when it is uploaded, then it is
    refused (by the entity check, or by the XML parser, which never fetches an external entity) and nothing of
    /etc/passwd reaches the page or the database."""
    plan = IssuedPlanFactory(issuing_unit=world.commune, created_by=world.users["official"])
    task = TaskFactory(plan=plan, lead_units=[world.other_department])
    client = client_for(world.users["unit_head"])
    sheet = fill(export(client), {task.pk: (40, REPORT_TEXT, "")})
    response = upload_sheet(client, xlsx_with_entity(sheet, padding=padding))
    assert response.status_code == 400
    page = response.content.decode()
    assert message in page and "root:" not in page
    assert not TaskSheetImport.objects.exists()


# --- row 31: macros and embedded objects ----------------------------------------------------------------------

MACRO_TYPES = (
    b'<Override PartName="/word/vbaProject.bin" ContentType="application/vnd.ms-office.vbaProject"/>'
    b'<Override PartName="/word/vbaData.xml" ContentType="application/vnd.ms-word.vbaData+xml"/>'
)
OLE_TYPES = b'<Default Extension="bin" ContentType="application/vnd.openxmlformats-officedocument.oleObject"/>'


def macro_main_part(data: bytes) -> bytes:
    """Only [Content_Types].xml changed: the main part declared macro-enabled, as in a .docm."""
    types = zipfile.ZipFile(io.BytesIO(data)).read(CONTENT_TYPES_PART)
    assert b"document.main+xml" in types
    types = types.replace(b"document.main+xml", b"document.macroEnabled.main+xml")
    return rewrite_docx(data, replace={CONTENT_TYPES_PART: types})


def docm_renamed(data: bytes) -> bytes:
    """A macro-enabled document (.docm) saved under the name .docx: macro-enabled main part and a VBA project."""
    return with_types(macro_main_part(data), MACRO_TYPES, {"word/vbaProject.bin": b"\xd0\xcf\x11\xe0"})


def with_ole_object(data: bytes) -> bytes:
    return with_types(data, OLE_TYPES, {"word/embeddings/oleObject1.bin": b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"})


ACTIVE = {"docm-renamed": docm_renamed, "macro-content-type-only": macro_main_part, "embedded-ole": with_ole_object}
ACTIVE_MESSAGE = {
    "task-evidence": "chứa macro hoặc đối tượng nhúng",
    "registration-evidence": "chứa macro hoặc đối tượng nhúng",
    "plan-import": "chứa macro hoặc đối tượng nhúng (OLE/ActiveX)",
}


@pytest.mark.parametrize("build", ACTIVE.values(), ids=ACTIVE.keys())
@pytest.mark.parametrize("page", WORD_PAGES, indirect=True)
def test_row31_macros_and_embedded_objects_are_refused_from_content_types(page, build):
    source = plan_docx() if page.key == "plan-import" else real_docx()
    assert_refused(page, "ke-hoach.docx", build(source), ACTIVE_MESSAGE[page.key])


@pytest.mark.parametrize(
    ("page", "message"),
    [
        ("task-evidence", "không được nhận"),
        ("registration-evidence", "không được nhận"),
        ("plan-import", "Không nhận tệp có macro (.docm)"),
    ],
    indirect=["page"],
)
def test_row31_a_docm_under_its_own_name_is_refused(page, message):
    source = plan_docx() if page.key == "plan-import" else real_docx()
    assert_refused(page, "ke-hoach.docm", docm_renamed(source), message)


# --- row 32: empty, truncated, encrypted -----------------------------------------------------------------------

UNREADABLE = {
    "empty": lambda: b"",
    "truncated": lambda: real_docx()[:2000],
    "encrypted": lambda: ENCRYPTED_DOCX,
}
UNREADABLE_MESSAGE = {
    ("task-evidence", "empty"): "rỗng",
    ("task-evidence", "truncated"): "Không đọc được tệp “ke-hoach.docx”",
    ("task-evidence", "encrypted"): "Không đọc được tệp “ke-hoach.docx”",
    ("registration-evidence", "empty"): "rỗng",
    ("registration-evidence", "truncated"): "Không đọc được tệp “ke-hoach.docx”",
    ("registration-evidence", "encrypted"): "Không đọc được tệp “ke-hoach.docx”",
    ("plan-import", "empty"): "rỗng",
    ("plan-import", "truncated"): "Tệp .docx bị hỏng hoặc không đầy đủ",
    ("plan-import", "encrypted"): "Tệp Word đã được đặt mật khẩu",
}


@pytest.mark.parametrize("case", UNREADABLE)
@pytest.mark.parametrize("page", WORD_PAGES, indirect=True)
def test_row32_an_empty_truncated_or_encrypted_docx_cannot_be_read(page, case):
    """Each gets a Vietnamese message saying the file cannot be read (empty, damaged, or under a password)."""
    assert_refused(page, "ke-hoach.docx", UNREADABLE[case](), UNREADABLE_MESSAGE[page.key, case])


# --- row 33: file names ----------------------------------------------------------------------------------------

GENERATED = {
    "task-evidence": re.compile(r"^tasks/evidence/\d{4}/\d{2}/[0-9a-f]{32}\.(pdf|docx)$"),
    "registration-evidence": re.compile(r"^models_registry/evidence/\d+/[0-9a-f]{32}\.(pdf|docx)$"),
}
LONG_NAME = "Biên bản hội nghị triển khai phong trào Dân vận khéo " * 6 + ".pdf"
NAMES = {
    "traversal": ("../../x.pdf", PDF, "x.pdf"),
    "windows-device": ("con.docx", None, "con.docx"),
    "300-chars": (LONG_NAME[-300:], PDF, None),
    "vietnamese": ("Kế hoạch.docx", None, "Kế hoạch.docx"),
}


def stored_evidence(page: UploadPage):
    return (TaskEvidence if page.key == "task-evidence" else RegistrationEvidence).objects.get()


def download_url(page: UploadPage, evidence) -> str:
    name = "tasks:evidence_download" if page.key == "task-evidence" else "models_registry:evidence_download"
    return reverse(name, args=[evidence.pk])


@pytest.mark.parametrize("case", NAMES)
@pytest.mark.parametrize("page", ["task-evidence", "registration-evidence"], indirect=True)
def test_row33_evidence_is_stored_under_a_generated_name_and_offered_under_its_own(page, case, folders):
    """Given a file name with folders, a Windows device name, 300 characters or Vietnamese, when the file is
    uploaded, then it is stored under a name the portal made up, inside MEDIA_ROOT, and downloads under
    the given base name with an ASCII fallback and an RFC 6266 UTF-8 name."""
    name, content, expected = NAMES[case]
    content = content or real_docx()
    status, _ = page.send_raw(name, content)
    assert status == 302
    evidence = stored_evidence(page)
    assert GENERATED[page.key].match(evidence.file.name), evidence.file.name
    (stored,) = files_under(folders / "media")
    assert stored.read_bytes() == content
    assert [path for path in files_under(folders) if path.name in ("x.pdf", "con.docx")] == []
    extension = name.rpartition(".")[2]
    assert len(evidence.original_name) <= 255 and evidence.original_name.endswith(f".{extension}")
    if expected:
        assert evidence.original_name == expected
    download = page.client.get(download_url(page, evidence))
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == content
    disposition = download["Content-Disposition"]
    match = re.fullmatch(r"attachment; filename=\"([ -~]+)\"; filename\*=UTF-8''([A-Za-z0-9%._~-]+)", disposition)
    assert match, disposition
    fallback, utf8 = match[1], unquote(match[2])
    assert fallback.isascii() and '"' not in fallback and fallback.endswith(f".{extension}")
    assert "/" not in utf8 and "\\" not in utf8 and utf8.endswith(f".{extension}")
    if expected:
        assert utf8 == expected


@pytest.mark.parametrize("page", ["task-evidence", "registration-evidence"], indirect=True)
def test_row33_a_path_to_a_python_file_is_refused_and_written_nowhere(page, folders):
    before = page.records()
    status, text = page.send_raw("../../x.py", b"print('xin chao')\n")
    assert status == page.refused_status
    assert "“x.py” không được nhận" in text
    assert page.records() == before
    assert list(folders.parent.rglob("x.py")) == []


# --- row 34: the same import twice -------------------------------------------------------------------------------


@pytest.mark.parametrize("second_name", ["ke-hoach-31.txt", "ban-sao cua ke-hoach.txt"], ids=["same-name", "renamed"])
def test_row34_a_plan_imported_twice_is_already_imported(world, second_name):
    """Given a plan document imported once, when the same bytes are uploaded again under any name,
    then the person reads that it was already imported and no second plan is made."""
    page = plan_import_page(world)
    status, _ = page.send("ke-hoach-31.txt", THUONG_HONG)
    assert status == 302
    status, text = page.send(second_name, THUONG_HONG)
    assert status == 400
    assert "Tệp này đã được nhập ngày" in text
    assert Plan.objects.count() == 1 and ImportRecord.objects.count() == 1


def test_row34_a_progress_sheet_applied_twice_is_already_applied(world):
    plan = IssuedPlanFactory(issuing_unit=world.commune, created_by=world.users["official"])
    task = TaskFactory(plan=plan, lead_units=[world.other_department])
    client = client_for(world.users["unit_head"])
    content = fill(export(client), {task.pk: (30, "Đã họp triển khai.", "")})
    first = upload_sheet(client, content)
    assert first.status_code == 302
    assert client.post(reverse("tasks:sheet_apply", args=[TaskSheetImport.objects.get().pk])).status_code == 302
    again = upload_sheet(client, content, name="tien-do (1).xlsx")
    assert again.status_code == 400 and "đã được áp dụng" in again.content.decode()
    assert ProgressUpdate.objects.count() == 1


# --- row 35: one bad row of 500 -------------------------------------------------------------------------------------


@pytest.fixture
def five_hundred_tasks(world) -> list[Task]:
    """500 open tasks led by the unit head's unit, made in bulk."""
    plan = IssuedPlanFactory(issuing_unit=world.commune, created_by=world.users["official"])
    tasks = Task.objects.bulk_create(
        Task(plan=plan, position=number, content=f"Nhiệm vụ tuyên truyền số {number}", timeframe_kind="regular")
        for number in range(1, 501)
    )
    Task.lead_units.through.objects.bulk_create(
        Task.lead_units.through(task_id=task.pk, unit_id=world.other_department.pk) for task in tasks
    )
    return tasks


def sheet_rows(content: bytes) -> dict[int, int]:
    """Return the spreadsheet row number of each task id in an exported progress sheet."""
    sheet = load_workbook(io.BytesIO(content)).active
    return {row[0].value: row[0].row for row in sheet.iter_rows(min_row=5) if isinstance(row[0].value, int)}


def test_row35_one_bad_row_of_500_is_named_and_nothing_is_written(world, five_hundred_tasks):
    """Given the sheet of 500 tasks filled in with one percent typed as "５０", when it is uploaded, then the
    preview names that row, offers no apply, and applying anyway writes nothing."""
    client = client_for(world.users["unit_head"])
    exported = export(client)
    rows = sheet_rows(exported)
    assert len(rows) == 500
    bad = five_hundred_tasks[250]
    values = {task.pk: (40, "Đã triển khai.", "") for task in five_hundred_tasks}
    values[bad.pk] = ("５０", "Đã triển khai.", "")
    response = upload_sheet(client, fill(exported, values))
    assert response.status_code == 302
    preview = client.get(response["Location"]).content.decode()
    assert "1 dòng bị từ chối" in preview and "Áp dụng" not in preview
    refused = re.findall(r'data-action="refuse">\s*<td>(\d+)</td>', preview)
    assert refused == [str(rows[bad.pk])]
    sheet = TaskSheetImport.objects.get()
    applied = client.post(reverse("tasks:sheet_apply", args=[sheet.pk]), follow=True)
    assert applied.status_code == 200 and "Chưa có thay đổi nào được ghi" in applied.content.decode()
    assert not ProgressUpdate.objects.exists()
    assert set(Task.objects.filter(plan=bad.plan).values_list("progress", flat=True)) == {0}


def test_row35_a_row_failing_at_apply_time_is_named_and_rolls_back_the_rows_before_it(world, five_hundred_tasks):
    """Given a previewed sheet of 500 good rows, when the 50th row's task is cancelled before the apply, then the
    apply names that row and the 49 reports written before it are rolled back: nothing is kept."""
    client = client_for(world.users["unit_head"])
    exported = export(client)
    rows = sheet_rows(exported)
    response = upload_sheet(
        client, fill(exported, {task.pk: (40, "Đã triển khai.", "") for task in five_hundred_tasks})
    )
    assert response.status_code == 302
    sheet = TaskSheetImport.objects.get()
    assert len(sheet.changes) == 500
    late = sorted(five_hundred_tasks, key=lambda task: rows[task.pk])[49]
    task_cancel(task=late, by=world.users["official"], reason="Không còn phù hợp.")
    applied = client.post(reverse("tasks:sheet_apply", args=[sheet.pk]), follow=True)
    page = applied.content.decode()
    assert applied.status_code == 200
    assert f"Dòng {rows[late.pk]}" in page and "Chưa có thay đổi nào được ghi" in page
    assert not ProgressUpdate.objects.filter(kind="progress").exists()
    assert set(Task.objects.exclude(pk=late.pk).filter(plan=late.plan).values_list("progress", flat=True)) == {0}
    assert TaskSheetImport.objects.get().applied_at is None
