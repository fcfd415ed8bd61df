"""The progress spreadsheet round trip: reading an uploaded sheet into a preview of what each row would
change or refuse, then applying every change in one transaction through `task_report_progress`.
"""

import datetime

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from danvan.text import normalize_text
from plans.choices import PlanStatus, TaskStatus
from plans.models import Task
from plans.progress import parse_percent
from plans.services.tracking import task_report_progress


class SheetAlreadyAppliedError(ValidationError):
    """The same file was uploaded and applied before."""

    def __init__(self, sheet):
        self.sheet = sheet
        when = timezone.localtime(sheet.applied_at)
        super().__init__(f"Tệp này đã được áp dụng lúc {when:%H:%M ngày %d/%m/%Y}; không áp dụng lại.")


def _refused(row, reason: str, **extra) -> dict:
    return {"row": row.number, "action": "refuse", "reason": reason, "task_id": extra.pop("task_id", None), **extra}


def cell_name(column: int, row) -> str:
    """Return the spreadsheet name of a cell ("G5") from a 0-based column index and a row (or its number)."""
    from openpyxl.utils import get_column_letter

    return f"{get_column_letter(column + 1)}{getattr(row, 'number', row)}"


def is_formula(value) -> bool:
    """Whether a cell holds a formula (read as its text "=10*5", or openpyxl's array and table formulas).

    A formula's result is whatever the spreadsheet last computed, or nothing at all when a
    program wrote the file: the portal takes only values a person typed.
    """
    return (isinstance(value, str) and value.lstrip().startswith("=")) or "Formula" in type(value).__name__


def _formula_errors(row) -> list[str]:
    from plans.task_sheets import SHEET_DATE, SHEET_PERCENT, SHEET_TEXT

    cells = ((SHEET_PERCENT, row.percent), (SHEET_TEXT, row.text), (SHEET_DATE, row.reported_on))
    return [
        f"Ô {cell_name(column, row)}: công thức “{str(value)[:50]}” không được nhận: hãy ghi giá trị, không ghi công thức."
        for column, value in cells
        if is_formula(value)
    ]


def _check_cells(row, task, today: datetime.date) -> tuple[int, str, datetime.date, list[str]]:
    """Return the row's percent, text and date, and every error of its cells, each named by its cell.

    Every cell is checked, so one upload tells the unit all it must fix in a row, not one thing at a time.
    """
    from plans.task_sheets import SHEET_DATE, SHEET_PERCENT, SHEET_TEXT, cell_date

    errors = _formula_errors(row)
    if errors:
        return None, "", None, errors
    percent = task.progress
    if row.percent not in (None, ""):
        try:
            percent = parse_percent(row.percent)
        except ValidationError:
            errors.append(
                f"Ô {cell_name(SHEET_PERCENT, row)}: Tiến độ “{row.percent}” không hợp lệ: "
                "phải là số nguyên từ 0 đến 100."
            )
            percent = None
    text = normalize_text(str(row.text)).strip() if row.text not in (None, "") else ""
    if len(text) > 4000:
        errors.append(f"Ô {cell_name(SHEET_TEXT, row)}: Nội dung báo cáo dài quá 4000 ký tự.")
    date_cell = cell_name(SHEET_DATE, row)
    try:
        reported_on = cell_date(row.reported_on) or today
    except ValidationError as error:
        errors.append(f"Ô {date_cell}: {error.messages[0]}")
        reported_on = None
    if reported_on and reported_on > today:
        errors.append(f"Ô {date_cell}: Ngày báo cáo {reported_on:%d/%m/%Y} ở tương lai.")
    elif reported_on and task.plan.issued_on and reported_on < task.plan.issued_on:
        errors.append(f"Ô {date_cell}: Ngày báo cáo trước ngày ban hành kế hoạch ({task.plan.issued_on:%d/%m/%Y}).")
    if percent is not None and percent < task.progress and not text:
        errors.append(
            f"Ô {cell_name(SHEET_PERCENT, row)}: Tiến độ giảm từ {task.progress}% xuống {percent}%: "
            f"cần ghi lý do ở ô {cell_name(SHEET_TEXT, row)}."
        )
    return percent, text, reported_on, errors


def _sheet_preview(rows, *, by, today: datetime.date) -> list[dict]:
    """Return, row by row, what applying the sheet would change and what it refuses (nothing is written)."""
    from plans.selectors import tasks_in_plan_scope
    from plans.task_sheets import SHEET_ID, cell_task_id

    ids = {cell_task_id(row.task_ref) for row in rows} - {None}
    scope = tasks_in_plan_scope(by)
    tasks = {task.pk: task for task in scope.filter(pk__in=ids).select_related("plan")}
    led = set(scope.led_by(by.unit_id).filter(pk__in=ids).values_list("pk", flat=True))
    seen: dict[int, int] = {}
    preview = []
    for row in rows:
        task_id = cell_task_id(row.task_ref)
        if row.is_blank:
            preview.append({"row": row.number, "action": "skip", "task_id": task_id, "reason": "Không điền gì."})
            continue
        if task_id is None:
            what = "chứa công thức" if is_formula(row.task_ref) else "không hợp lệ"
            preview.append(_refused(row, f"Ô {cell_name(SHEET_ID, row)}: Mã nhiệm vụ “{row.task_ref}” {what}."))
            continue
        task = tasks.get(task_id)
        if task is None:
            preview.append(
                _refused(row, f"Ô {cell_name(SHEET_ID, row)}: Không tìm thấy nhiệm vụ số {task_id}.", task_id=task_id)
            )
            continue
        content = task.content[:200]
        if task_id not in led:
            preview.append(
                _refused(
                    row,
                    f"Ô {cell_name(SHEET_ID, row)}: Nhiệm vụ của đơn vị khác: đơn vị bạn không chủ trì.",
                    task_id=task_id,
                    content=content,
                )
            )
            continue
        if task_id in seen:
            preview.append(
                _refused(
                    row,
                    f"Ô {cell_name(SHEET_ID, row)}: Nhiệm vụ đã có ở dòng {seen[task_id]}.",
                    task_id=task_id,
                    content=content,
                )
            )
            continue
        seen[task_id] = row.number
        if task.status == TaskStatus.CANCELLED:
            preview.append(
                _refused(row, f"Ô {cell_name(SHEET_ID, row)}: Nhiệm vụ đã bị hủy.", task_id=task_id, content=content)
            )
            continue
        if task.plan.status != PlanStatus.ISSUED:
            preview.append(
                _refused(row, f"Ô {cell_name(SHEET_ID, row)}: Kế hoạch đã kết thúc.", task_id=task_id, content=content)
            )
            continue
        percent, text, reported_on, errors = _check_cells(row, task, today)
        if errors:
            preview.append(_refused(row, "; ".join(errors), task_id=task_id, content=content, errors=errors))
            continue
        preview.append(
            {
                "row": row.number,
                "action": "change",
                "task_id": task_id,
                "content": content,
                "previous": task.progress,
                "percent": percent,
                "text": text,
                "reported_on": reported_on.isoformat(),
            }
        )
    return preview


def task_sheet_read(*, data: bytes, filename: str, by, today: datetime.date | None = None):
    """Read an uploaded progress sheet and keep what each row would do, for the preview; write no progress.

    The same file uploaded again shows the same preview, freshly checked; once
    applied, uploading it again raises SheetAlreadyAppliedError.
    """
    import hashlib

    from plans.models import TaskSheetImport
    from plans.task_sheets import read_progress_sheet

    digest = hashlib.sha256(data).hexdigest()
    existing = TaskSheetImport.objects.filter(uploaded_by=by, sha256=digest).first()
    if existing and existing.applied_at:
        raise SheetAlreadyAppliedError(existing)
    rows = _sheet_preview(read_progress_sheet(data), by=by, today=today or timezone.localdate())
    name = filename[:255] or "tien-do.xlsx"
    if existing:
        existing.rows, existing.filename, existing.unit_id = rows, name, by.unit_id
        existing.save(update_fields=["rows", "filename", "unit"])
        return existing
    try:
        with transaction.atomic():
            return TaskSheetImport.objects.create(
                uploaded_by=by, unit_id=by.unit_id, sha256=digest, filename=name, rows=rows
            )
    except IntegrityError:  # the same file uploaded twice at once
        return TaskSheetImport.objects.get(uploaded_by=by, sha256=digest)


@transaction.atomic
def task_sheet_apply(*, sheet, by, today: datetime.date | None = None) -> int:
    """Apply every change of a previewed sheet in one transaction; return how many reports were written.

    Nothing is written when a row was refused, when the sheet was applied
    before (a double click), or when any row fails now: the error names the row.
    """
    from plans.models import TaskSheetImport
    from plans.selectors import tasks_in_plan_scope
    from plans.task_sheets import SHEET_ID

    locked = TaskSheetImport.objects.select_for_update().get(pk=sheet.pk)
    if locked.uploaded_by_id != by.pk:
        raise ValidationError("Tệp này do người khác tải lên.")
    if locked.applied_at:
        raise SheetAlreadyAppliedError(locked)
    if locked.refusals:
        raise ValidationError(
            f"Còn {len(locked.refusals)} dòng bị từ chối: hãy sửa tệp rồi tải lên lại. Chưa có thay đổi nào được ghi."
        )
    if not locked.changes:
        raise ValidationError("Tệp không có dòng nào cần cập nhật.")
    scope = tasks_in_plan_scope(by)
    # The preview's checks may be stale: the plan's author may have given the task to another unit since.
    led = set(
        scope.led_by(by.unit_id).filter(pk__in=[row["task_id"] for row in locked.changes]).values_list("pk", flat=True)
    )
    for row in locked.changes:
        if row["task_id"] not in led:
            raise ValidationError(
                f"Dòng {row['row']}, ô {cell_name(SHEET_ID, row['row'])}: đơn vị bạn không còn chủ trì "
                f"nhiệm vụ số {row['task_id']}. Chưa có thay đổi nào được ghi."
            )
        try:
            task = scope.get(pk=row["task_id"])
            task_report_progress(
                task=task,
                by=by,
                reported_on=datetime.date.fromisoformat(row["reported_on"]),
                percent=row["percent"],
                text=row["text"],
                sheet=locked,
                today=today,
            )
        except Task.DoesNotExist as error:
            raise ValidationError(
                f"Dòng {row['row']}: không còn thấy nhiệm vụ số {row['task_id']}. Chưa có thay đổi nào được ghi."
            ) from error
        except ValidationError as error:
            raise ValidationError(
                f"Dòng {row['row']}: {' '.join(error.messages)} Chưa có thay đổi nào được ghi."
            ) from error
    locked.applied_at = timezone.now()
    locked.save(update_fields=["applied_at"])
    return len(locked.changes)
