"""Following up the tasks of an issued plan: progress reports with their evidence files, comments,
cancellation, and the due dates of recurring tasks. The people concerned are told in the app once the
change is committed.
"""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from danvan.audit import audit
from danvan.models import AuditAction
from plans.choices import PlanStatus, TaskStatus, TimeframeKind, UpdateKind
from plans.models import Plan, ProgressUpdate, Task
from plans.services._common import _short, _task_url


def _percent_checked(percent) -> int:
    """Return `percent` if it is a whole number 0-100 (the form already refused "５０", "5_0", "50.5")."""
    if isinstance(percent, bool) or not isinstance(percent, int) or not 0 <= percent <= 100:
        raise ValidationError("Tiến độ phải là số nguyên từ 0 đến 100.")
    return percent


def _tracked_task(task: Task) -> Task:
    """Lock and return the task, refusing one whose plan is not published."""
    locked = Task.objects.select_for_update().select_related("plan__issuing_unit", "plan__created_by").get(pk=task.pk)
    if locked.plan.status not in (PlanStatus.ISSUED, PlanStatus.COMPLETED):
        raise ValidationError("Chỉ theo dõi nhiệm vụ của kế hoạch đã ban hành.")
    return locked


def _notify_on_commit(*, recipients, text: str, url: str, key: str) -> None:
    """Write the notifications (and their emails, as each person chose) once the change is committed.

    Never for a rolled-back change; all of them are of the kind "Góp ý, tiến độ nhiệm vụ".
    """
    from units.choices import NotificationKind
    from units.services import notify

    recipients = list(recipients)
    if recipients:
        transaction.on_commit(
            lambda: notify(recipients=recipients, text=text, url=url, key=key, kind=NotificationKind.ACTIVITY)
        )


def tasks_reschedule(*, plan: Plan) -> int:
    """Recompute the due dates of the plan's recurring tasks that run over the plan's period; return how many changed."""
    from plans.schedule import task_next_due

    changed = 0
    for task in plan.tasks.filter(timeframe_kind=TimeframeKind.RECURRING).select_related("plan"):
        if task_next_due(task) != task.next_due_on:
            task._change_reason = "Tính lại hạn theo giai đoạn của kế hoạch"
            task.save(update_fields=["next_due_on"])  # save() recomputes the date and writes the task's history
            changed += 1
    return changed


def _store_files(update: ProgressUpdate, files, stored: list[str]) -> None:
    from danvan.uploads import CheckedFile, check_upload
    from plans.models import EvidenceFile

    for item in files:
        checked = item if isinstance(item, CheckedFile) else check_upload(item)
        evidence = EvidenceFile(
            update=update,
            original_name=checked.original_name,
            content_type=checked.content_type,
            size=checked.size,
            sha256=checked.sha256,
        )
        checked.upload.seek(0)
        evidence.file.save(f"minh-chung.{checked.kind}", checked.upload, save=False)
        stored.append(evidence.file.name)
        evidence.save()


@transaction.atomic
def task_report_progress(
    *,
    task: Task,
    by,
    reported_on: datetime.date,
    percent: int,
    text: str = "",
    files=(),
    sheet=None,
    today: datetime.date | None = None,
) -> ProgressUpdate:
    """Record a progress report of the lead unit on `task`, with its evidence, and derive the task's status.

    100% makes the task done; above 0 in progress. A report dated in the
    future, on a cancelled task, or lowering the percent without a reason is
    refused. The plan's owner is told in the app when the percent changes.
    """
    today = today or timezone.localdate()
    locked = _tracked_task(task)
    if not by.has_perm("plans.report_task_progress", locked):
        if locked.status == TaskStatus.CANCELLED:
            raise ValidationError("Nhiệm vụ đã bị hủy: không báo cáo tiến độ được nữa.")
        if locked.plan.status != PlanStatus.ISSUED:
            raise ValidationError("Kế hoạch đã kết thúc: không báo cáo tiến độ được nữa.")
        raise ValidationError("Chỉ thủ trưởng đơn vị chủ trì được báo cáo tiến độ nhiệm vụ này.")
    percent = _percent_checked(percent)
    text = (text or "").strip()
    if reported_on > today:
        raise ValidationError(f"Ngày báo cáo không được sau hôm nay ({today:%d/%m/%Y}).")
    issued_on = locked.plan.issued_on
    if issued_on and reported_on < issued_on:
        raise ValidationError(f"Ngày báo cáo không được trước ngày ban hành kế hoạch ({issued_on:%d/%m/%Y}).")
    previous = locked.progress
    if percent < previous and not text:
        raise ValidationError(f"Tiến độ giảm từ {previous}% xuống {percent}%: cần ghi lý do trong nội dung báo cáo.")
    update = ProgressUpdate.objects.create(
        task=locked,
        kind=UpdateKind.PROGRESS,
        reported_on=reported_on,
        percent=percent,
        previous_percent=previous,
        text=text,
        author=by,
        author_unit_id=by.unit_id,
        sheet=sheet,
    )
    stored: list[str] = []
    try:
        _store_files(update, files, stored)
    except BaseException:
        from django.core.files.storage import default_storage

        for name in stored:
            default_storage.delete(name)
        raise
    was_done = locked.status == TaskStatus.DONE
    locked.progress = percent
    locked.status = (
        TaskStatus.DONE if percent == 100 else TaskStatus.IN_PROGRESS if percent > 0 else TaskStatus.NOT_STARTED
    )
    locked.last_reported_on = max(filter(None, [locked.last_reported_on, reported_on]))
    locked._change_reason = "Báo cáo tiến độ"
    locked.save(update_fields=["progress", "status", "last_reported_on", "updated_at"])
    audit(AuditAction.UPDATE, obj=locked, by=by, summary=f"Báo cáo tiến độ {previous}% → {percent}%")
    owner = locked.plan.created_by
    if (percent != previous or (percent == 100 and not was_done)) and owner.pk != by.pk and owner.is_active:
        unit = by.unit.short_name or by.unit.name if by.unit_id else by.get_full_name()
        summary = f"“{_short(locked.content)}”"
        message = (
            f"{unit} đã hoàn thành nhiệm vụ {summary}."
            if percent == 100
            else f"{unit} báo cáo tiến độ {previous}% → {percent}% nhiệm vụ {summary}."
        )
        _notify_on_commit(recipients=[owner], text=message, url=_task_url(locked), key=f"task-update:{update.pk}")
    return update


@transaction.atomic
def task_comment(*, task: Task, by, text: str, today: datetime.date | None = None) -> ProgressUpdate:
    """Add a comment to the task's timeline; the lead unit's people and the plan's owner are told in the app."""
    from plans.selectors import task_lead_people

    locked = _tracked_task(task)
    if not by.has_perm("plans.comment_task", locked):
        raise ValidationError("Bạn không có quyền góp ý cho nhiệm vụ này.")
    text = (text or "").strip()
    if not text:
        raise ValidationError("Hãy ghi nội dung ý kiến.")
    update = ProgressUpdate.objects.create(
        task=locked,
        kind=UpdateKind.COMMENT,
        reported_on=today or timezone.localdate(),
        text=text,
        author=by,
        author_unit_id=by.unit_id,
    )
    audit(AuditAction.CREATE, obj=update, by=by, summary=f"Góp ý nhiệm vụ: {_short(text)}")
    recipients = {person.pk: person for person in task_lead_people(locked)}
    recipients[locked.plan.created_by_id] = locked.plan.created_by
    recipients.pop(by.pk, None)
    _notify_on_commit(
        recipients=[person for person in recipients.values() if person.is_active],
        text=f"{by.get_full_name()} góp ý về nhiệm vụ “{_short(locked.content)}”: {_short(text, 300)}",
        url=_task_url(locked),
        key=f"task-comment:{update.pk}",
    )
    return update


@transaction.atomic
def task_cancel(*, task: Task, by, reason: str) -> Task:
    """Cancel an open task of a published plan, with the reason in its timeline; the lead unit is told."""
    from plans.selectors import task_lead_people

    locked = _tracked_task(task)
    if locked.status in (TaskStatus.DONE, TaskStatus.CANCELLED):
        raise ValidationError(f"Nhiệm vụ đang “{locked.get_status_display()}”: không hủy được.")
    if locked.plan.status != PlanStatus.ISSUED:
        raise ValidationError("Kế hoạch đã kết thúc: không hủy nhiệm vụ được nữa.")
    if not by.has_perm("plans.cancel_task", locked):
        raise ValidationError("Chỉ cán bộ, lãnh đạo của UBND ban hành kế hoạch được hủy nhiệm vụ.")
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError("Cần ghi lý do hủy nhiệm vụ.")
    update = ProgressUpdate.objects.create(
        task=locked,
        kind=UpdateKind.CANCELLATION,
        reported_on=timezone.localdate(),
        text=reason,
        author=by,
        author_unit_id=by.unit_id,
    )
    locked.status = TaskStatus.CANCELLED
    locked._change_reason = "Hủy nhiệm vụ"
    locked.save(update_fields=["status", "updated_at"])
    audit(AuditAction.TRANSITION, obj=locked, by=by, summary=f"Hủy nhiệm vụ: {_short(reason)}")
    _notify_on_commit(
        recipients=[person for person in task_lead_people(locked) if person.pk != by.pk],
        text=f"Nhiệm vụ “{_short(locked.content)}” đã bị hủy: {reason[:200]}",
        url=_task_url(locked),
        key=f"task-cancel:{update.pk}",
    )
    return locked
