"""Bad inputs 28 and 30-32: the type read from the content, external entities, macros, unreadable files."""

import io
import zipfile

import pytest

from models_registry.models import EvidenceFile as RegistrationEvidence
from plans.models import EvidenceFile as TaskEvidence
from plans.models import TaskSheetImport
from tests.bad_inputs.files_helpers import (  # noqa: F401 (fixtures)
    CONTENT_TYPES_PART,
    ENCRYPTED_DOCX,
    WORD_PAGES,
    XXE,
    assert_refused,
    folders,
    page,
    plan_docx,
    plan_import_page,
    with_types,
    word_parses,
    xxe_in_content_types,
    xxe_in_document,
)
from tests.conftest import client_for
from tests.factories import IssuedPlanFactory, TaskFactory
from tests.importing.test_readers import rewrite_docx
from tests.models_registry.test_evidence import EXE, real_docx
from tests.tasks.test_sheets import export, fill
from tests.tasks.test_sheets import upload as upload_sheet
from tests.tasks.views_helpers import PDF

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


DTD_REFUSED = "DOCTYPE/ENTITY không được phép"
FIVE_KB = 5 * 1024


def after_comment(xml: bytes, padding: int) -> bytes:
    """Return `xml` with a comment of `padding` bytes before its DOCTYPE, so the declaration starts past them."""
    return xml.replace(XXE, b"<!--" + b" " * padding + b"-->" + XXE, 1) if padding else xml


@pytest.mark.parametrize("page", ["task-evidence", "registration-evidence"], indirect=True)
def test_row30_evidence_declaring_an_entity_in_its_content_types_is_refused(page):
    assert_refused(page, "bien-ban.docx", xxe_in_content_types(real_docx()), DTD_REFUSED)


@pytest.mark.parametrize("padding", [0, FIVE_KB], ids=["at-the-top", "after-5-kb-of-comment"])
@pytest.mark.parametrize("page", ["task-evidence", "registration-evidence"], indirect=True)
def test_row30_evidence_with_an_entity_in_its_body_is_refused_wherever_it_hides(page, padding):
    """Given evidence whose word/document.xml declares an external entity (at the top, or after a 5 KB comment),
    when it is uploaded, then it is refused: every XML part is scanned whole, and nothing is stored."""
    content = xxe_in_document(real_docx())
    document = zipfile.ZipFile(io.BytesIO(content)).read("word/document.xml")
    content = rewrite_docx(content, replace={"word/document.xml": after_comment(document, padding)})
    text = assert_refused(page, "bien-ban.docx", content, DTD_REFUSED)
    assert "root:" not in text
    assert not TaskEvidence.objects.exists() and not RegistrationEvidence.objects.exists()


def test_row30_an_xlsx_with_an_entity_after_a_5_kb_comment_is_refused_as_evidence():
    from django.core.exceptions import ValidationError
    from django.core.files.uploadedfile import SimpleUploadedFile
    from openpyxl import Workbook

    from danvan.uploads import check_upload

    buffer = io.BytesIO()
    Workbook().save(buffer)
    workbook = zipfile.ZipFile(io.BytesIO(buffer.getvalue())).read("xl/workbook.xml")
    assert workbook.startswith(b"<workbook")
    unsafe = rewrite_docx(buffer.getvalue(), replace={"xl/workbook.xml": after_comment(XXE + workbook, FIVE_KB)})
    with pytest.raises(ValidationError, match=DTD_REFUSED):
        check_upload(SimpleUploadedFile("so-lieu.xlsx", unsafe))


def test_row30_an_entity_declared_in_utf16_is_found():
    from danvan.uploads import declares_dtd

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as package:
        package.writestr("word/document.xml", ("<!--" + " " * FIVE_KB + "-->" + XXE.decode()).encode("utf-16"))
    assert declares_dtd(zipfile.ZipFile(buffer))


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


@pytest.mark.parametrize("padding", [0, FIVE_KB], ids=["at-the-top", "after-5-kb-of-comment"])
def test_row30_a_progress_sheet_declaring_an_external_entity_is_refused(world, padding):
    """Given the unit's progress sheet with an external entity in its worksheet (at the top, or after a 5 KB
    comment), when it is uploaded, then it is refused by the entity check before any XML parser sees it, and
    nothing of /etc/passwd reaches the page or the database."""
    message = DTD_REFUSED
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
    status = page.form_refused_status if case == "empty" else None  # an empty file never reaches a job
    assert_refused(page, "ke-hoach.docx", UNREADABLE[case](), UNREADABLE_MESSAGE[page.key, case], status=status)


def test_row30_openpyxl_parses_with_defusedxml():
    """defusedxml is installed (requirements.txt), so openpyxl parses uploaded sheets through it, not plain lxml."""
    from openpyxl.xml import DEFUSEDXML

    assert DEFUSEDXML
