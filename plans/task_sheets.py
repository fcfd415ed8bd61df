"""Excel files of the task tracker: the exported task list, and the progress sheet a unit fills in offline.

Every text cell goes through `safe_cell`, so a task or report beginning with
=, +, -, @ is never read by Excel as a formula (bad-inputs row 21). Dates are
real date cells shown as dd/mm/yyyy. The progress sheet is read back with
`read_progress_sheet`, which checks the package first (plans/evidence.py) and
reads values only, never formulas.
"""

import datetime
import io
import re
import zipfile
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from openpyxl import Workbook, load_workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from danvan.spreadsheets import DATE_FORMAT, ready_to_print, safe_cell
from danvan.text import normalize_text
from danvan.uploads import declares_dtd
from plans.document import coordinating_names, unit_names

MAX_EXPORT_ROWS = 20_000
MAX_SHEET_ROWS = 2_000
HEADER_FONT = Font(bold=True)
HEADER_FILL = PatternFill("solid", fgColor="FDE68A")
INPUT_FILL = PatternFill("solid", fgColor="FEF9C3")
WRAP = Alignment(wrap_text=True, vertical="top")

# The progress sheet's columns, in order; the header row is found by its first cell.
SHEET_COLUMNS = [
    ("Mã nhiệm vụ", 12),
    ("Kế hoạch", 22),
    ("Nội dung nhiệm vụ", 60),
    ("Hạn tiếp theo", 14),
    ("Tình trạng", 16),
    ("Tiến độ hiện tại (%)", 12),
    ("Tiến độ mới (%)", 12),
    ("Nội dung báo cáo", 50),
    ("Ngày báo cáo (dd/mm/yyyy)", 16),
]
SHEET_ID, SHEET_PERCENT, SHEET_TEXT, SHEET_DATE = 0, 6, 7, 8


def timeframe_label(task) -> str:
    """Return the task's timeframe as printed in the plan, or its kind and recurrence."""
    if task.timeframe_text:
        return task.timeframe_text
    label = str(task.get_timeframe_kind_display())
    return f"{label} ({task.get_recurrence_display().lower()})" if task.recurrence else label


def _workbook_bytes(workbook: Workbook) -> bytes:
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _header(sheet, row: int, columns: list[tuple[str, int]]) -> None:
    for index, (title, width) in enumerate(columns, start=1):
        cell = sheet.cell(row=row, column=index, value=title)
        cell.font = HEADER_FONT
        cell.fill = HEADER_FILL
        cell.alignment = WRAP
        sheet.column_dimensions[get_column_letter(index)].width = width


LIST_COLUMNS = [
    ("STT", 6),
    ("Mã nhiệm vụ", 10),
    ("Nội dung nhiệm vụ", 60),
    ("Kế hoạch", 20),
    ("Ngày ban hành", 13),
    ("Cơ quan ban hành", 28),
    ("Lĩnh vực", 20),
    ("Cơ quan chủ trì", 30),
    ("Cơ quan phối hợp", 30),
    ("Thời gian thực hiện", 24),
    ("Hạn tiếp theo", 13),
    ("Tình trạng", 16),
    ("Tiến độ (%)", 10),
    ("Số ngày quá hạn", 10),
    ("Báo cáo gần nhất", 13),
]


def task_list_workbook(tasks, *, title: str, today: datetime.date, total: int) -> bytes:
    """Return the filtered task list as an .xlsx file (at most MAX_EXPORT_ROWS rows)."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Nhiệm vụ"
    sheet.cell(row=1, column=1, value=safe_cell(title)).font = Font(bold=True, size=13)
    note = f"Xuất ngày {today:%d/%m/%Y}: {min(total, MAX_EXPORT_ROWS)} nhiệm vụ"
    if total > MAX_EXPORT_ROWS:
        note += f" (trong {total}; hãy lọc hẹp hơn để xuất đủ)"
    sheet.cell(row=2, column=1, value=note)
    _header(sheet, 4, LIST_COLUMNS)
    row = 4
    for number, task in enumerate(tasks, start=1):
        if number > MAX_EXPORT_ROWS:
            break
        row += 1
        plan = task.plan
        values = [
            number,
            task.pk,
            task.content,
            plan.reference,
            plan.issued_on,
            str(plan.issuing_unit),
            plan.get_kind_display(),
            unit_names(task),
            coordinating_names(task),
            timeframe_label(task),
            task.next_due_on,
            task.get_status_display(),
            task.progress,
            task.days_late_on(today) or None,
            task.last_reported_on,
        ]
        for column, value in enumerate(values, start=1):
            cell = sheet.cell(row=row, column=column, value=safe_cell(value))
            if isinstance(value, datetime.date):
                cell.number_format = DATE_FORMAT
            elif column == 3:
                cell.alignment = WRAP
    ready_to_print(sheet, title, header_row=4, columns=len(LIST_COLUMNS), freeze_column=4)
    sheet.auto_filter.ref = f"A4:{get_column_letter(len(LIST_COLUMNS))}{max(row, 4)}"
    return _workbook_bytes(workbook)


def progress_sheet_workbook(tasks, *, unit, today: datetime.date) -> bytes:
    """Return the unit's open tasks as a sheet to fill in: new percent, report text and date per row."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Cập nhật tiến độ"
    sheet.cell(row=1, column=1, value=safe_cell(f"Nhiệm vụ của {unit.name}")).font = Font(bold=True, size=13)
    sheet.cell(
        row=2,
        column=1,
        value=(
            f"Xuất ngày {today:%d/%m/%Y}. Điền các cột tô vàng: tiến độ mới là số nguyên 0–100, "
            "nội dung báo cáo, ngày báo cáo (để trống là ngày tải lên). Không sửa cột Mã nhiệm vụ. "
            "Dòng để trống tiến độ và nội dung sẽ được bỏ qua."
        ),
    )
    _header(sheet, 4, SHEET_COLUMNS)
    percent_rule = DataValidation(
        type="whole",
        operator="between",
        formula1="0",
        formula2="100",
        allow_blank=True,
        errorTitle="Tiến độ không hợp lệ",
        error="Tiến độ là số nguyên từ 0 đến 100.",
    )
    sheet.add_data_validation(percent_rule)
    row = 4
    for task in tasks:
        row += 1
        values = [
            task.pk,
            task.plan.reference,
            task.content,
            task.next_due_on,
            task.get_status_display(),
            task.progress,
            None,
            None,
            None,
        ]
        for column, value in enumerate(values, start=1):
            cell = sheet.cell(row=row, column=column, value=safe_cell(value))
            if column - 1 in (SHEET_PERCENT, SHEET_TEXT, SHEET_DATE):
                cell.fill = INPUT_FILL
            if isinstance(value, datetime.date) or column - 1 == SHEET_DATE:
                cell.number_format = DATE_FORMAT
            if column - 1 in (2, SHEET_TEXT):
                cell.alignment = WRAP
    if row > 4:
        percent_rule.add(f"G5:G{row}")
    sheet.freeze_panes = "C5"
    return _workbook_bytes(workbook)


# --- reading the progress sheet back ----------------------------------------------------------------


@dataclass
class SheetRow:
    """One filled-in row of the progress sheet, as typed (checked later against the tasks)."""

    number: int  # the spreadsheet row number, shown to the user
    task_ref: object
    percent: object
    text: object
    reported_on: object

    @property
    def is_blank(self) -> bool:
        return all(value in (None, "") for value in (self.percent, self.text))


def _refuse_entities(data: bytes) -> None:
    """Refuse a package whose XML declares a DOCTYPE or entities anywhere, before any XML parser sees it."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as package:
            unsafe = declares_dtd(package)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, OSError, RuntimeError, ValueError) as error:
        raise ValidationError(UNREADABLE_SHEET) from error
    if unsafe:
        raise ValidationError("Tệp Excel chứa khai báo XML không được phép.")


UNREADABLE_SHEET = "Không đọc được tệp Excel: tệp hỏng hoặc không đúng định dạng .xlsx."


def read_progress_sheet(data: bytes) -> list[SheetRow]:
    """Return the data rows of a progress sheet; raise ValidationError when it is not one."""
    _refuse_entities(data)
    try:
        # Formulas are read as their text ("=10*5"), so the preview refuses them rather than trust a cached result.
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=False)
    except Exception as error:  # openpyxl raises many types for a damaged file
        raise ValidationError(UNREADABLE_SHEET) from error
    try:
        sheet = workbook.worksheets[0]
        rows = []
        header_found = False
        for number, values in enumerate(sheet.iter_rows(values_only=True), start=1):
            values = list(values) + [None] * (len(SHEET_COLUMNS) - len(values))
            if not header_found:
                first = values[0]
                if isinstance(first, str) and normalize_text(first).strip() == SHEET_COLUMNS[0][0]:
                    header_found = True
                if number > 20 and not header_found:
                    break
                continue
            if all(value in (None, "") for value in values[: len(SHEET_COLUMNS)]):
                continue
            if len(rows) >= MAX_SHEET_ROWS:
                raise ValidationError(f"Tệp có hơn {MAX_SHEET_ROWS} dòng: hãy chia nhỏ.")
            rows.append(
                SheetRow(
                    number=number,
                    task_ref=values[SHEET_ID],
                    percent=values[SHEET_PERCENT],
                    text=values[SHEET_TEXT],
                    reported_on=values[SHEET_DATE],
                )
            )
    except ValidationError:
        raise
    except Exception as error:  # a read-only worksheet is parsed while its rows are read: bad XML fails here
        raise ValidationError(UNREADABLE_SHEET) from error
    finally:
        workbook.close()
    if not header_found:
        raise ValidationError("Không thấy dòng tiêu đề “Mã nhiệm vụ”: hãy dùng tệp tải từ trang “Việc của đơn vị tôi”.")
    return rows


ASCII_DIGITS = re.compile(r"[0-9]{1,18}")


def cell_task_id(value) -> int | None:
    """Return the task id in a cell, or None when it is not a plain whole number."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value if value > 0 else None
    if isinstance(value, float):
        return int(value) if value.is_integer() and value > 0 else None
    if isinstance(value, str) and ASCII_DIGITS.fullmatch(value.strip()):
        return int(value.strip())
    return None


def cell_date(value) -> datetime.date | None:
    """Return the date in a cell (a date cell or text dd/mm/yyyy); raise ValidationError for anything else."""
    if value in (None, ""):
        return None
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    if isinstance(value, str):
        match = re.fullmatch(r"([0-9]{1,2})/([0-9]{1,2})/([0-9]{4})", value.strip())
        if match:
            day, month, year = (int(part) for part in match.groups())
            try:
                return datetime.date(year, month, day)
            except ValueError:
                pass
    raise ValidationError("Ngày báo cáo không hợp lệ: ghi theo dạng dd/mm/yyyy.")
