"""Bad inputs of task tracking, below the views: the percent parser, file names, Office packages."""

import io
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from danvan.uploads import check_upload, clean_filename
from plans.forms import ProgressForm
from plans.progress import parse_percent
from plans.task_sheets import safe_cell


@pytest.mark.parametrize(("raw", "expected"), [("0", 0), ("50", 50), (" 100 ", 100), ("007", 7), (50, 50), (50.0, 50)])
def test_whole_percents_in_ascii_digits_are_read(raw, expected):
    assert parse_percent(raw) == expected


@pytest.mark.parametrize(
    "raw",
    [
        "-1",
        "101",
        "50.5",
        "NaN",
        "nan",
        "inf",
        "",
        "٥٠",
        "５０",
        "5_0",
        "1e2",
        "+50",
        "50%",
        "1000",
        True,
        50.5,
        None,
        -1,
    ],
)
def test_everything_else_is_refused(raw):
    """Bad inputs 40-41: Django's IntegerField would read "５０", "٥٠" and "5_0" as 50; this does not."""
    with pytest.raises(ValidationError):
        parse_percent(raw)


@pytest.mark.parametrize("raw", ["-1", "101", "50.5", "NaN", "inf", "٥٠", "５０", "5_0"])
def test_progress_form_gives_a_field_error(raw):
    form = ProgressForm({"reported_on": "01/10/2025", "percent": raw})
    assert not form.is_valid() and "percent" in form.errors


def test_progress_form_reads_dates_day_first():
    form = ProgressForm({"reported_on": "05/03/2025", "percent": "50"})
    assert form.is_valid(), form.errors
    assert (form.cleaned_data["reported_on"].day, form.cleaned_data["reported_on"].month) == (5, 3)


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("../../x.py", "x.py"),
        ("C:\\Users\\cb\\Kế hoạch.docx", "Kế hoạch.docx"),
        ("con.docx", "con.docx"),
        ("Ke\u0302\u0301 hoa\u0323ch.pdf", "Kế hoạch.pdf"),  # NFD becomes NFC
    ],
)
def test_file_names_are_reduced_to_their_base_name(name, expected):
    assert clean_filename(name) == expected


def test_a_long_name_keeps_its_extension():
    assert clean_filename("a" * 300 + ".pdf").endswith(".pdf") and len(clean_filename("a" * 300 + ".pdf")) <= 255


def test_a_name_with_a_direction_override_is_refused():
    with pytest.raises(ValidationError, match="điều khiển hướng chữ"):
        clean_filename("hoso\u202efdp.exe")


def office(parts: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as package:
        for name, data in parts.items():
            package.writestr(name, data)
    return buffer.getvalue()


DOCX_TYPES = b'<Types><Override ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>'


def test_a_plain_docx_is_accepted():
    upload = SimpleUploadedFile(
        "bao-cao.docx", office({"[Content_Types].xml": DOCX_TYPES, "word/document.xml": b"<w/>"})
    )
    checked = check_upload(upload)
    assert checked.kind == "docx" and len(checked.sha256) == 64


@pytest.mark.parametrize(
    ("parts", "message"),
    [
        (
            {
                "[Content_Types].xml": DOCX_TYPES.replace(b"document.main", b"document.macroEnabled.main"),
                "word/vbaProject.bin": b"x",
            },
            "macro",
        ),
        ({"[Content_Types].xml": b"<!DOCTYPE x [<!ENTITY e SYSTEM 'file:///etc/passwd'>]><Types/>"}, "DOCTYPE/ENTITY"),
        ({"word/document.xml": b"<w/>"}, "Không đọc được"),
        ({"[Content_Types].xml": b"<Types/>"}, "không phải Word"),
        ({"[Content_Types].xml": DOCX_TYPES, "word/bomb.xml": b"0" * (3 * 1024 * 1024)}, "quá lớn"),
    ],
)
def test_unsafe_office_packages_are_refused_before_reading(parts, message):
    """Bad inputs 29-31: macros, entities, not a document, a zip bomb."""
    with pytest.raises(ValidationError, match=message):
        check_upload(SimpleUploadedFile("bao-cao.docx", office(parts)))


def test_a_truncated_docx_cannot_be_read():
    data = office({"[Content_Types].xml": DOCX_TYPES})[:40]
    with pytest.raises(ValidationError, match="Không đọc được"):
        check_upload(SimpleUploadedFile("bao-cao.docx", data))


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ('=HYPERLINK("http://x")', '\'=HYPERLINK("http://x")'),
        ("+cmd", "'+cmd"),
        ("-5+3", "'-5+3"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\t=1", "'\t=1"),
        ("Bình thường", "Bình thường"),
        (42, 42),
    ],
)
def test_cells_that_excel_would_run_are_neutralised(value, expected):
    assert safe_cell(value) == expected
