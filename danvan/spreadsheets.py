"""Excel workbooks officials can use as they are (#16): one table per sheet, ready to print and to sort.

`table_sheet` writes a titled table the same way everywhere: the title and a note above,
a bold header row that stays frozen on screen and is repeated on every printed page,
real date cells shown as dd/mm/yyyy, numbers as numbers, text that Excel would run as
a formula neutralised, column widths fitted to the content within bounds, and A4 print
setup (landscape when the table is wide) with the title in the page header.
"""

import datetime
import io
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from danvan.text import normalize_text

DATE_FORMAT = "dd/mm/yyyy"
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
SHEET_NAME_MAX = 31  # Excel refuses longer sheet names
SHEET_NAME_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")
MIN_WIDTH, MAX_WIDTH = 6, 60
WRAP = Alignment(wrap_text=True, vertical="top")
NUMBER = Alignment(horizontal="right", vertical="top")
DAY_TEXT = re.compile(r"\d{2}/\d{2}/\d{4}")


@dataclass(frozen=True)
class Column:
    """One column: its header, and optionally a fixed width (otherwise fitted to the content)."""

    header: str
    width: int | None = None


def safe_cell(value):
    """Return `value` ready for a cell: text that Excel would run as a formula gets a leading apostrophe."""
    if isinstance(value, str):
        value = normalize_text(value)
        if value.startswith(FORMULA_PREFIXES):
            return "'" + value
    return value


def sheet_name(title: str, taken: Iterable[str] = ()) -> str:
    """Return a valid, unique sheet name for `title`, shortened on a word boundary ("Nhiệm vụ chậm…" not "Nhiệm vụ ch")."""
    name = " ".join(SHEET_NAME_FORBIDDEN.sub(" ", title).split()).strip("'") or "Trang"
    if len(name) > SHEET_NAME_MAX:
        cut = name[: SHEET_NAME_MAX - 1]
        name = (cut.rsplit(" ", 1)[0] if " " in cut else cut).rstrip(" ,;.-–") + "…"
    taken = {existing.lower() for existing in taken}
    candidate, counter = name, 2
    while candidate.lower() in taken:
        suffix = f" ({counter})"
        candidate = name[: SHEET_NAME_MAX - len(suffix)].rstrip() + suffix
        counter += 1
    return candidate


def _text_width(value) -> int:
    if value is None:
        return 0
    if isinstance(value, datetime.date):
        return 10
    return max((len(line) for line in str(value).splitlines()), default=0)


def table_sheet(
    workbook: Workbook,
    title: str,
    columns: Sequence[Column],
    rows: Iterable[Sequence],
    *,
    note: str = "",
    tab: str | None = None,
) -> Worksheet:
    """Add a sheet holding `rows` under `columns`, titled `title`, and return it."""
    sheet = workbook.create_sheet(sheet_name(tab or title, workbook.sheetnames))
    sheet.append([safe_cell(title)])
    sheet["A1"].font = Font(bold=True, size=13)
    sheet.append([safe_cell(note)] if note else [])
    header_row = 3
    sheet.append([column.header for column in columns])
    for cell in sheet[header_row]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="center", horizontal="center")
    widths = [len(column.header) // 2 + 2 for column in columns]
    for values in rows:
        sheet.append([safe_cell(value) for value in values])
        for index, (cell, value) in enumerate(zip(sheet[sheet.max_row], values, strict=False)):
            if isinstance(value, datetime.date):
                cell.number_format = DATE_FORMAT
            elif isinstance(value, int | float) and not isinstance(value, bool):
                cell.alignment = NUMBER
            elif isinstance(value, str):
                cell.alignment = WRAP
            widths[index] = max(widths[index], _text_width(value) + 2)
    for index, column in enumerate(columns):
        width = column.width or min(MAX_WIDTH, max(MIN_WIDTH, widths[index]))
        sheet.column_dimensions[get_column_letter(index + 1)].width = width
    ready_to_print(sheet, title, header_row=header_row, columns=len(columns))
    return sheet


def ready_to_print(sheet: Worksheet, title: str, *, header_row: int, columns: int, freeze_column: int = 1) -> None:
    """Freeze the rows down to the header, repeat the header on every printed page, and print on A4.

    The page is landscape when the columns are wider than a portrait page holds, fitted to the
    page's width; the title is in the page header and "Trang n / N" in the footer.
    """
    sheet.freeze_panes = sheet.cell(row=header_row + 1, column=freeze_column)
    sheet.print_title_rows = f"{header_row}:{header_row}"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    total_width = sum(sheet.column_dimensions[get_column_letter(i + 1)].width or 13 for i in range(columns))
    sheet.page_setup.orientation = "landscape" if total_width > 90 else "portrait"
    sheet.page_setup.fitToWidth, sheet.page_setup.fitToHeight = 1, 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.oddHeader.center.text = title[:200].replace("&", "&&")
    sheet.oddFooter.center.text = "Trang &P / &N"


def day_or_text(value):
    """Return a "dd/mm/yyyy" text (as the frozen figures of an issued report hold dates) as a date, else `value`."""
    if isinstance(value, str) and DAY_TEXT.fullmatch(value):
        day, month, year = map(int, value.split("/"))
        try:
            return datetime.date(year, month, day)
        except ValueError:
            return value
    return value


def new_workbook() -> Workbook:
    """Return an empty workbook (no default sheet): add sheets with `table_sheet`."""
    workbook = Workbook()
    workbook.remove(workbook.active)
    return workbook


def workbook_bytes(workbook: Workbook) -> bytes:
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
