"""Rows of task tracking (/tasks/)."""

from tests.permission_matrix.base import Row, everyone, logged_in, only, portal  # noqa: F401
from tests.permission_matrix.plans import plan  # noqa: F401

ROWS: list[Row] = []

# --- task tracking (/tasks/): the issued plan's task is led by the unit head's unit;
# "another unit" is a task of the same plan led by the official's department, "another
# commune" a task of a plan issued by the other commune. Drafts are never tracked (404).


def tracked_task(kind="own"):
    def args(w):
        return [_task(w, kind).pk]

    return args


def _task(w, kind):
    import datetime

    from tests.factories import PlanFactory, TaskFactory

    if kind == "own":
        return w.plans["issued"].tasks.first()
    if kind == "draft":
        return w.plans["draft"].tasks.first()
    if kind == "another unit":
        plan, unit = w.plans["issued"], w.department
    else:
        plan = PlanFactory(
            issuing_unit=w.other_commune,
            created_by=w.users["official"],
            status="issued",
            number=1,
            year=2025,
            issued_on=datetime.date(2025, 9, 12),
        )
        unit = w.foreign_department
    return TaskFactory(plan=plan, lead_units=[unit], content=f"Nhiệm vụ ({kind})")


def task_evidence(kind="own"):
    def args(w):
        from django.core.files.base import ContentFile

        from plans.models import EvidenceFile, ProgressUpdate

        task = _task(w, kind)
        update = ProgressUpdate.objects.create(
            task=task, reported_on=task.plan.issued_on, percent=10, previous_percent=0, author=w.users["unit_head"]
        )
        evidence = EvidenceFile(update=update, original_name="Biên bản.pdf", content_type="application/pdf", size=9)
        evidence.file.save("minh-chung.pdf", ContentFile(b"%PDF-1.4\n"), save=False)
        evidence.save()
        return [evidence.pk]

    return args


def task_sheet(w):
    from plans.models import TaskSheetImport

    task = w.plans["issued"].tasks.first()
    row = {"row": 5, "action": "change", "task_id": task.pk, "content": task.content, "previous": 0, "percent": 40}
    sheet, _ = TaskSheetImport.objects.get_or_create(
        uploaded_by=w.users["unit_head"],
        sha256="1" * 64,
        defaults={
            "unit": w.users["unit_head"].unit,
            "filename": "tien-do.xlsx",
            "rows": [{**row, "text": "Đã họp triển khai.", "reported_on": "2025-10-15"}],
        },
    )
    return [sheet.pk]


TASK_READERS = only({"official": 200, "leader": 200, "supervisor": 200})
UNIT_STAFF = only({"official": 200, "unit_head": 200, "leader": 200})

ROWS += [
    Row("tasks:task_list", TASK_READERS),
    Row("tasks:task_export", TASK_READERS),
    Row("tasks:unit_tasks", UNIT_STAFF),
    Row("tasks:unit_task_export", UNIT_STAFF),
    Row("tasks:task_calendar", portal()),
    Row("tasks:task_detail", portal(), args=tracked_task(), variant="own unit"),
    # Another unit's task is hidden from a unit head like another unit's registration (bad-inputs row 48).
    Row("tasks:task_detail", portal(unit_head=404), args=tracked_task("another unit"), variant="another unit"),
    Row(
        "tasks:task_detail",
        portal(404, supervisor=200),
        args=tracked_task("another commune"),
        variant="another commune",
    ),
    Row("tasks:task_detail", portal(404), args=tracked_task("draft"), variant="draft plan"),
    Row(
        "tasks:task_progress",
        only({"unit_head": 302}),
        args=tracked_task(),
        method="post",
        data={"reported_on": "15/10/2025", "percent": "50", "text": "Đã tổ chức hội nghị triển khai."},
        variant="own unit",
    ),
    Row(
        "tasks:task_progress",
        only({"unit_head": 404}),
        args=tracked_task("another unit"),
        method="post",
        data={"reported_on": "15/10/2025", "percent": "50", "text": "Báo cáo nhầm đơn vị."},
        variant="another unit",
    ),
    Row(
        "tasks:task_comment",
        only({"official": 302, "unit_head": 302, "leader": 302}),
        args=tracked_task(),
        method="post",
        data={"text": "Đề nghị bổ sung ảnh hội nghị."},
    ),
    Row(
        "tasks:task_cancel",
        only({"official": 302, "leader": 302}),
        args=tracked_task(),
        method="post",
        data={"reason": "Nội dung đã lồng ghép vào kế hoạch khác."},
    ),
    Row("tasks:evidence_download", portal(), args=task_evidence(), variant="own unit"),
    # Another unit's evidence is hidden from a unit head like the task it belongs to (404, never 403).
    Row("tasks:evidence_download", portal(unit_head=404), args=task_evidence("another unit"), variant="another unit"),
    Row(
        "tasks:evidence_download",
        portal(404, supervisor=200),
        args=task_evidence("another commune"),
        variant="another commune",
    ),
    Row("tasks:sheet_import", only({"unit_head": 200})),
    Row("tasks:sheet_preview", only({"unit_head": 200}), args=task_sheet),
    Row("tasks:sheet_apply", only({"unit_head": 302}), args=task_sheet, method="post"),
]
