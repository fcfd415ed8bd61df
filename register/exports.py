"""The register as officials file it: an Excel workbook and a PDF in the state format, holding the page's rows."""

import datetime

from danvan.spreadsheets import Column, new_workbook, table_sheet, workbook_bytes
from plans.exports.printed import agency_lines
from register.models import OutgoingEntry
from register.selectors import Sequence

# Nghị định 30/2020/NĐ-CP, Phụ lục IV: the columns of the register of outgoing documents.
COLUMNS = [
    Column("Số, ký hiệu văn bản", 16),
    Column("Ngày tháng văn bản", 12),
    Column("Tên loại và trích yếu nội dung văn bản", 55),
    Column("Người ký", 20),
    Column("Nơi nhận văn bản", 35),
    Column("Số lượng bản", 9),
    Column("Ghi chú", 25),
]


def row(entry: OutgoingEntry) -> list:
    """Return the line's cells in the order of COLUMNS; the date stays a date, the copies a number."""
    return [
        entry.reference,
        entry.issued_on,
        f"{entry.doc_type}: {entry.title}",
        entry.signer,
        "\n".join(entry.recipient_list),
        entry.copies,
        entry.notes,
    ]


def book_title(unit, year: int) -> str:
    return f"Sổ đăng ký văn bản đi năm {year} — {unit.name}"


def book_filename(unit, year: int, extension: str) -> str:
    return f"So-van-ban-di-{year}-{unit.pk}.{extension}"


def sequence_note(sequences: list[Sequence]) -> str:
    """Return "KH-UBND: số 01 đến 31, liên tục; BC-UBND: …, thiếu 03/BC-UBND" for the sheet's note."""
    parts = []
    for sequence in sequences:
        text = f"{sequence.symbol}: số {sequence.first:02d} đến {sequence.last:02d}"
        text += ", liên tục" if sequence.continuous else f", thiếu {', '.join(sequence.missing_labels())}"
        parts.append(text)
    return "; ".join(parts)


def book_xlsx(unit, year: int, entries, sequences: list[Sequence], *, today: datetime.date) -> bytes:
    workbook = new_workbook()
    note = f"Xuất ngày {today:%d/%m/%Y}. {sequence_note(sequences)}".strip()
    table_sheet(
        workbook, book_title(unit, year), COLUMNS, (row(entry) for entry in entries), note=note, tab=f"Sổ {year}"
    )
    return workbook_bytes(workbook)


def book_pdf(unit, year: int, entries, sequences: list[Sequence]) -> bytes:
    from danvan.documents import render_pdf

    entries = list(entries)
    context = {
        "agency_lines": agency_lines(unit.name),
        "year": year,
        "entries": entries,
        "sequences": sequences,
        "first_day": entries[0].issued_on if entries else None,
        "last_day": entries[-1].issued_on if entries else None,
        "columns": [column.header for column in COLUMNS],
    }
    return render_pdf("register/print/book.html", context)
