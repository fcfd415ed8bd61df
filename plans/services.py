"""Writes of the plans app: creating, editing, moving through the workflow, issuing, copying;
following tasks up (progress, comments, the spreadsheet round trip, reminders).

Every function is atomic, checks that the move is allowed, and raises
`ValidationError` with a Vietnamese message when it is not.
"""

import datetime
import logging
from collections.abc import Iterable
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F, Max
from django.utils import timezone

from danvan.audit import audit
from danvan.models import AuditAction
from danvan.text import fold, normalize_text
from danvan.versioning import bump_version
from plans.choices import EDITABLE_STATUSES, PLAN_TRANSITIONS, PlanStatus, TaskStatus, TimeframeKind, UpdateKind
from plans.models import Plan, PlanBasis, PlanTransition, ProgressUpdate, ReferenceDocument, Section, Task
from units.models import Unit
from units.permissions import government_of


def default_symbol(*, doc_type: str, issuing_unit: Unit) -> str:
    """Return the symbol of a document type for a unit: "KH-UBND"."""
    return f"{doc_type}-{issuing_unit.abbreviation}" if issuing_unit.abbreviation else doc_type


@transaction.atomic
def plan_create(*, by, issuing_unit: Unit, **fields) -> Plan:
    """Create a draft plan of `issuing_unit`, written by `by`."""
    plan = Plan(issuing_unit=issuing_unit, created_by=by, **fields)
    if not plan.symbol:
        plan.symbol = default_symbol(doc_type=plan.doc_type, issuing_unit=issuing_unit)
    if not plan.place_name:
        plan.place_name = issuing_unit.place_name
    plan.full_clean(exclude=["created_by"])
    plan.save()
    plan_reindex(plan_id=plan.pk)
    audit(AuditAction.CREATE, obj=plan, by=by, summary=plan.title)
    return plan


def _bump_version(plan: Plan, expected_version: int | None) -> None:
    bump_version(
        plan,
        expected_version,
        message="Kế hoạch vừa được người khác sửa sau khi bạn mở trang. Xem bản mới bên dưới rồi sửa lại.",
    )


def ensure_editable(plan: Plan) -> None:
    if plan.status not in EDITABLE_STATUSES:
        raise ValidationError(
            f"Kế hoạch đang ở trạng thái “{plan.get_status_display()}” nên không sửa được. "
            "Kế hoạch đã ban hành chỉ được thay thế bằng một kế hoạch mới."
        )


@transaction.atomic
def plan_update(*, plan: Plan, by, expected_version: int | None, **fields) -> Plan:
    """Save changed header fields of an editable plan, refusing a stale edit."""
    locked = Plan.objects.select_for_update().get(pk=plan.pk)
    ensure_editable(locked)
    _bump_version(locked, expected_version)
    for name, value in fields.items():
        setattr(locked, name, value)
    locked._change_reason = "Sửa nội dung"
    locked.full_clean(exclude=["created_by"])
    locked.save()
    plan_reindex(plan_id=locked.pk)
    tasks_reschedule(plan=locked)  # recurring tasks fall due over the plan's period
    audit(AuditAction.UPDATE, obj=locked, by=by, summary=", ".join(sorted(fields)))
    return locked


def plan_reindex(*, plan_id: int) -> None:
    """Recompute the folded search text of a plan from its header, sections and tasks."""
    plan = Plan.objects.get(pk=plan_id)
    parts = [plan.title, plan.intro, plan.themes, plan.period_label, plan.reference, plan.closing]
    parts += [f"{heading} {text}" for heading, text in plan.sections.values_list("heading", "text")]
    parts += list(plan.tasks.values_list("content", flat=True))
    Plan.objects.filter(pk=plan_id).update(search_text=fold(" ".join(p for p in parts if p)))


def touch(plan: Plan, change: str) -> None:
    """Check that the plan, as stored now, may be edited, and record one more version and the `change`.

    Called before any change to a basis, section or task; the row lock makes a
    concurrent submission wait until the change is saved.
    """
    locked = Plan.objects.select_for_update().get(pk=plan.pk)
    ensure_editable(locked)
    _bump_version(locked, None)
    audit(AuditAction.UPDATE, obj=locked, summary=f"{change}: {locked.title}")


# --- workflow ---------------------------------------------------------------------------------


def _transition(*, plan: Plan, by, to: str, comment: str = "", **changes) -> Plan:
    """Move `plan` to `to` if the table of legal moves allows it, with one history row.

    The update is conditional on the status read, so a double click or a
    replayed request changes nothing twice.
    """
    locked = Plan.objects.select_for_update().get(pk=plan.pk)
    if to not in PLAN_TRANSITIONS[locked.status]:
        raise ValidationError(
            f"Không thể chuyển kế hoạch từ “{locked.get_status_display()}” sang “{PlanStatus(to).label}”."
        )
    updated = Plan.objects.filter(pk=locked.pk, status=locked.status).update(
        status=to, version=F("version") + 1, updated_at=timezone.now(), **changes
    )
    if not updated:  # pragma: no cover - guarded by the row lock on PostgreSQL
        raise ValidationError("Kế hoạch vừa được người khác chuyển trạng thái.")
    PlanTransition.objects.create(plan=locked, from_status=locked.status, to_status=to, by=by, comment=comment)
    audit(
        AuditAction.TRANSITION,
        obj=locked,
        by=by,
        summary=f"{PlanStatus(locked.status).label} → {PlanStatus(to).label}{': ' + comment if comment else ''}",
    )
    locked.refresh_from_db()
    locked._change_reason = f"{PlanStatus(locked.status).label}"
    locked.save(update_fields=["updated_at"])  # one history row for the move
    return locked


@transaction.atomic
def plan_submit(*, plan: Plan, by) -> Plan:
    """Send a draft or returned plan to the leader."""
    if not plan.sections.exists():
        raise ValidationError("Kế hoạch chưa có mục nội dung nào: hãy thêm nội dung trước khi trình duyệt.")
    return _transition(plan=plan, by=by, to=PlanStatus.SUBMITTED)


@transaction.atomic
def plan_return(*, plan: Plan, by, comment: str) -> Plan:
    """Send a submitted or approved plan back to its author with a comment."""
    if not comment.strip():
        raise ValidationError("Cần ghi ý kiến khi trả lại kế hoạch.")
    return _transition(plan=plan, by=by, to=PlanStatus.RETURNED, comment=comment.strip())


@transaction.atomic
def plan_approve(*, plan: Plan, by, comment: str = "") -> Plan:
    return _transition(plan=plan, by=by, to=PlanStatus.APPROVED, comment=comment)


@transaction.atomic
def plan_issue(*, plan: Plan, by, on=None) -> Plan:
    """Issue an approved plan: assign the next number of its unit, year and type, and freeze it.

    The issuing unit's row is locked while the number is chosen, so two leaders
    issuing at the same instant never get the same number; the unique
    constraint is the backstop. After the commit, the plan's PDF is rendered
    once and stored as the record (plans/exports/pdf.py).
    """
    day = on or timezone.localdate()
    Unit.objects.select_for_update().get(pk=plan.issuing_unit_id)
    last = Plan.objects.filter(issuing_unit_id=plan.issuing_unit_id, year=day.year, doc_type=plan.doc_type).aggregate(
        last=Max("number")
    )["last"]
    changes = {"number": (last or 0) + 1, "year": day.year, "issued_on": day, "issued_at": timezone.now()}
    if not plan.signer_name and by.full_name:
        changes["signer_name"] = by.full_name
    try:
        with transaction.atomic():
            issued = _transition(plan=plan, by=by, to=PlanStatus.ISSUED, **changes)
    except IntegrityError as error:
        raise ValidationError("Số văn bản vừa được cấp cho kế hoạch khác; xin bấm Ban hành lại.") from error
    from plans.exports import store_issued_pdf_on_commit  # here, so only issuing loads the document renderer

    store_issued_pdf_on_commit(plan_id=issued.pk)  # the issued copy, rendered once after the commit
    return issued


@transaction.atomic
def plan_complete(*, plan: Plan, by, comment: str = "") -> Plan:
    return _transition(plan=plan, by=by, to=PlanStatus.COMPLETED, comment=comment)


# --- parts of a plan ----------------------------------------------------------------------------


def _next_position(queryset) -> int:
    return (queryset.aggregate(last=Max("position"))["last"] or 0) + 1


@transaction.atomic
def basis_add(*, plan: Plan, opening: str, text: str, references: Iterable[ReferenceDocument] = ()) -> PlanBasis:
    """Append a legal-basis clause to an editable plan."""
    touch(plan, "Thêm căn cứ")
    basis = PlanBasis.objects.create(plan=plan, position=_next_position(plan.bases), opening=opening, text=text)
    basis.references.set(references)
    return basis


@transaction.atomic
def section_add(*, plan: Plan, parent: Section | None = None, **fields) -> Section:
    """Append a section to an editable plan, at the end of its parent."""
    touch(plan, "Thêm mục")
    siblings = plan.sections.filter(parent=parent)
    section = Section(plan=plan, parent=parent, position=_next_position(siblings), **fields)
    section.full_clean(exclude=["plan"])
    section.save()
    plan_reindex(plan_id=plan.pk)
    return section


@transaction.atomic
def task_add(
    *, plan: Plan, lead_units=(), lead_groups=(), coordinating_units=(), coordinating_groups=(), **fields
) -> Task:
    """Add a task to an editable plan with its lead and coordinating units."""
    touch(plan, "Thêm nhiệm vụ")
    task = Task(plan=plan, position=_next_position(plan.tasks), **fields)
    task.full_clean(exclude=["plan"])
    task.save()
    task.lead_units.set(lead_units)
    task.lead_groups.set(lead_groups)
    task.coordinating_units.set(coordinating_units)
    task.coordinating_groups.set(coordinating_groups)
    if not (lead_units or lead_groups or task.lead_text):
        raise ValidationError("Nhiệm vụ phải có cơ quan chủ trì.")
    plan_reindex(plan_id=plan.pk)
    return task


@transaction.atomic
def part_delete(*, plan: Plan, part: PlanBasis | Section | Task) -> None:
    """Remove a basis, section (with its sub-sections) or task from an editable plan."""
    touch(plan, f"Xóa {part._meta.verbose_name}")
    part.delete()
    plan_reindex(plan_id=plan.pk)


@transaction.atomic
def part_update(*, plan: Plan, form) -> Section | Task:
    """Save the edit of a section or task made in `form` (a valid model form of the part)."""
    touch(plan, f"Sửa {form.instance._meta.verbose_name}")
    part = form.save()
    plan_reindex(plan_id=plan.pk)
    return part


@transaction.atomic
def part_move(*, plan: Plan, part: PlanBasis | Section | Task, step: int) -> None:
    """Swap `part` with its previous (step -1) or next (step +1) sibling."""
    touch(plan, f"Đổi thứ tự {part._meta.verbose_name}")
    siblings = type(part).objects.filter(plan=plan)
    if isinstance(part, Section):
        siblings = siblings.filter(parent_id=part.parent_id)
    ordered = list(siblings.order_by("position", "pk"))
    index = ordered.index(part)
    other = index + step
    if 0 <= other < len(ordered):
        ordered[index], ordered[other] = ordered[other], ordered[index]
        for position, item in enumerate(ordered, start=1):
            if item.position != position:
                type(item).objects.filter(pk=item.pk).update(position=position)


@transaction.atomic
def plan_copy(*, plan: Plan, by, title: str | None = None) -> Plan:
    """Copy a plan (bases, sections, tasks, recipients) into a new draft for the next period."""
    government = government_of(by.unit)
    copy = Plan.objects.get(pk=plan.pk)
    copy.pk = None
    copy._state.adding = True
    copy.issuing_unit = plan.issuing_unit if government_of(plan.issuing_unit) == government else government
    copy.title = title or plan.title
    copy.status = PlanStatus.DRAFT
    copy.number = copy.year = copy.issued_on = copy.issued_at = None
    copy.issued_pdf = ""
    copy.issued_pdf_sha256 = ""
    copy.version = 1
    copy.created_by = by
    copy.copied_from = plan
    copy.save()
    for basis in plan.bases.prefetch_related("references"):
        new_basis = PlanBasis.objects.create(plan=copy, position=basis.position, opening=basis.opening, text=basis.text)
        new_basis.references.set(basis.references.all())
    section_map: dict[int, Section] = {}
    _copy_sections(plan, copy, section_map)
    plan_reindex(plan_id=copy.pk)
    for task in plan.tasks.prefetch_related("lead_units", "lead_groups", "coordinating_units", "coordinating_groups"):
        relations = {
            "lead_units": list(task.lead_units.all()),
            "lead_groups": list(task.lead_groups.all()),
            "coordinating_units": list(task.coordinating_units.all()),
            "coordinating_groups": list(task.coordinating_groups.all()),
        }
        task.pk = None
        task._state.adding = True
        task._prefetched_objects_cache = {}  # else set() below would see the source's units as present
        task.plan = copy
        task.section = section_map.get(task.section_id)
        task.status = Task._meta.get_field("status").default
        task.progress = 0
        task.last_reported_on = None  # the copy starts its own follow-up
        task.save()
        for name, values in relations.items():
            getattr(task, name).set(values)
    audit(AuditAction.CREATE, obj=copy, by=by, summary=f"Sao chép từ kế hoạch #{plan.pk}: {copy.title}")
    return copy


def _copy_sections(source: Plan, target: Plan, section_map: dict[int, Section]) -> None:
    """Copy the section tree parents first, filling `section_map` (old id -> new section)."""
    pending = list(source.sections.all())
    while pending:
        remaining = []
        for section in pending:
            if section.parent_id and section.parent_id not in section_map:
                remaining.append(section)
                continue
            old_id = section.pk
            section.pk = None
            section._state.adding = True
            section.plan = target
            section.parent = section_map.get(section.parent_id)
            section.save()
            section_map[old_id] = section
        pending = remaining


# --- task tracking: progress, comments, cancellation ------------------------------------------------------------

logger = logging.getLogger(__name__)


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


def _short(text: str, length: int = 80) -> str:
    """Return `text` cut at a word before `length` characters, with an ellipsis, for notifications."""
    from django.utils.text import Truncator

    return Truncator(" ".join(text.split())).chars(length)


def _task_url(task: Task) -> str:
    from django.urls import reverse

    return reverse("tasks:task_detail", args=[task.pk])


def _notify_on_commit(*, recipients, text: str, url: str, key: str) -> None:
    """Write the in-app notifications once the change is committed (never for a rolled-back change)."""
    from units.services import notify

    recipients = list(recipients)
    if recipients:
        transaction.on_commit(lambda: notify(recipients=recipients, text=text, url=url, key=key))


def tasks_reschedule(*, plan: Plan) -> int:
    """Recompute the due dates of the plan's recurring tasks that run over the plan's period; return how many changed."""
    from plans.schedule import task_next_due

    changed = 0
    for task in plan.tasks.filter(timeframe_kind=TimeframeKind.RECURRING).select_related("plan"):
        due = task_next_due(task)
        if due != task.next_due_on:
            changed += Task.objects.filter(pk=task.pk).update(next_due_on=due)
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
        text=f"{by.get_full_name()} góp ý về nhiệm vụ “{_short(locked.content)}”.",
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


# --- task tracking: the progress spreadsheet round trip -----------------------------------------------------------


class SheetAlreadyAppliedError(ValidationError):
    """The same file was uploaded and applied before."""

    def __init__(self, sheet):
        self.sheet = sheet
        when = timezone.localtime(sheet.applied_at)
        super().__init__(f"Tệp này đã được áp dụng lúc {when:%H:%M ngày %d/%m/%Y}; không áp dụng lại.")


def _refused(row, reason: str, **extra) -> dict:
    return {"row": row.number, "action": "refuse", "reason": reason, "task_id": extra.pop("task_id", None), **extra}


def _sheet_preview(rows, *, by, today: datetime.date) -> list[dict]:
    """Return, row by row, what applying the sheet would change and what it refuses (nothing is written)."""
    from plans.forms import parse_percent
    from plans.selectors import tasks_in_plan_scope
    from plans.task_sheets import cell_date, cell_task_id

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
            preview.append(_refused(row, f"Mã nhiệm vụ “{row.task_ref}” không hợp lệ."))
            continue
        task = tasks.get(task_id)
        if task is None:
            preview.append(_refused(row, f"Không tìm thấy nhiệm vụ số {task_id}.", task_id=task_id))
            continue
        content = task.content[:200]
        if task_id not in led:
            preview.append(
                _refused(row, "Nhiệm vụ của đơn vị khác: đơn vị bạn không chủ trì.", task_id=task_id, content=content)
            )
            continue
        if task_id in seen:
            preview.append(_refused(row, f"Nhiệm vụ đã có ở dòng {seen[task_id]}.", task_id=task_id, content=content))
            continue
        seen[task_id] = row.number
        if task.status == TaskStatus.CANCELLED:
            preview.append(_refused(row, "Nhiệm vụ đã bị hủy.", task_id=task_id, content=content))
            continue
        if task.plan.status != PlanStatus.ISSUED:
            preview.append(_refused(row, "Kế hoạch đã kết thúc.", task_id=task_id, content=content))
            continue
        try:
            percent = task.progress if row.percent in (None, "") else parse_percent(row.percent)
        except ValidationError:
            preview.append(
                _refused(
                    row,
                    f"Tiến độ “{row.percent}” không hợp lệ: phải là số nguyên từ 0 đến 100.",
                    task_id=task_id,
                    content=content,
                )
            )
            continue
        text = normalize_text(str(row.text)).strip() if row.text not in (None, "") else ""
        try:
            reported_on = cell_date(row.reported_on) or today
        except ValidationError as error:
            preview.append(_refused(row, error.messages[0], task_id=task_id, content=content))
            continue
        problem = ""
        if len(text) > 4000:
            problem = "Nội dung báo cáo dài quá 4000 ký tự."
        elif reported_on > today:
            problem = f"Ngày báo cáo {reported_on:%d/%m/%Y} ở tương lai."
        elif task.plan.issued_on and reported_on < task.plan.issued_on:
            problem = f"Ngày báo cáo trước ngày ban hành kế hoạch ({task.plan.issued_on:%d/%m/%Y})."
        elif percent < task.progress and not text:
            problem = f"Tiến độ giảm từ {task.progress}% xuống {percent}%: cần ghi lý do."
        if problem:
            preview.append(_refused(row, problem, task_id=task_id, content=content))
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
    for row in locked.changes:
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


# --- task tracking: reminders ---------------------------------------------------------------------------------------


@dataclass
class ReminderRun:
    """What one run of `reminders_send` did, for the command's summary."""

    written: int = 0  # reminders recorded by this run (one per person, task and day)
    sent: int = 0
    failed: int = 0
    in_app_only: int = 0  # people without an email address
    postponed: int = 0  # left pending after the mail server kept failing; the next run sends them


def _reminder_plan(*, tasks, today: datetime.date, escalate_after: int) -> dict[tuple[int, int], str]:
    """Return {(task id, person id): reminder kind} for `tasks`, escalating with the days late.

    Due soon or late up to `escalate_after` days: the lead unit's people.
    Later: also the head of the lead unit; after twice as long, also the
    leader of the plan's government. Each person gets the highest kind only.
    """
    from plans.choices import ReminderKind
    from plans.schedule import days_late
    from units.choices import Role
    from units.models import UnitGroup, User
    from units.permissions import government_of

    task_ids = [task.pk for task in tasks]
    lead_units: dict[int, set[int]] = {}
    for task_id, unit_id in Task.lead_units.through.objects.filter(task_id__in=task_ids).values_list(
        "task_id", "unit_id"
    ):
        lead_units.setdefault(task_id, set()).add(unit_id)
    group_tasks = list(
        Task.lead_groups.through.objects.filter(task_id__in=task_ids).values_list("task_id", "unitgroup_id")
    )
    members: dict[int, set[int]] = {}
    for group_id, unit_id in UnitGroup.members.through.objects.filter(
        unitgroup_id__in={group for _task, group in group_tasks}
    ).values_list("unitgroup_id", "unit_id"):
        members.setdefault(group_id, set()).add(unit_id)
    for task_id, group_id in group_tasks:
        lead_units.setdefault(task_id, set()).update(members.get(group_id, ()))
    all_units = set().union(*lead_units.values()) if lead_units else set()
    people: dict[int, list] = {}
    for person in User.objects.filter(is_active=True, unit_id__in=all_units).exclude(role=""):
        people.setdefault(person.unit_id, []).append(person)
    governments: dict[int, int] = {}
    leaders: dict[int, list[int]] = {}

    def leaders_of(issuing_unit) -> list[int]:
        if issuing_unit.pk not in governments:
            government = government_of(issuing_unit)
            governments[issuing_unit.pk] = government.pk
            if government.pk not in leaders:
                leaders[government.pk] = list(
                    User.objects.filter(is_active=True, role=Role.LEADER, unit=government).values_list("pk", flat=True)
                )
        return leaders[governments[issuing_unit.pk]]

    rank = {kind: index for index, kind in enumerate(ReminderKind.values)}
    plan: dict[tuple[int, int], str] = {}

    def add(task_id: int, person_id: int, kind: str) -> None:
        current = plan.get((task_id, person_id))
        if current is None or rank[kind] > rank[current]:
            plan[(task_id, person_id)] = kind

    for task in tasks:
        late = days_late(task.next_due_on, today)
        staff = [person for unit_id in lead_units.get(task.pk, ()) for person in people.get(unit_id, [])]
        for person in staff:
            add(task.pk, person.pk, ReminderKind.OVERDUE if late else ReminderKind.DUE_SOON)
        if late > escalate_after:
            for person in staff:
                if person.role == Role.UNIT_HEAD:
                    add(task.pk, person.pk, ReminderKind.ESCALATED_HEAD)
        if late > 2 * escalate_after:
            for person_id in leaders_of(task.plan.issuing_unit):
                add(task.pk, person_id, ReminderKind.ESCALATED_LEADER)
    return plan


def _reminder_text(reminder, today: datetime.date) -> tuple[str, str]:
    """Return (subject, one-line summary) of a reminder."""
    from plans.choices import ReminderKind
    from plans.schedule import days_late, report_period

    task = reminder.task
    late = days_late(task.next_due_on, today)
    summary = f"“{_short(task.content)}”"
    match reminder.kind:
        case ReminderKind.DUE_SOON if task.next_due_on:
            head = f"Nhiệm vụ sắp đến hạn {task.next_due_on:%d/%m/%Y}"
        case ReminderKind.DUE_SOON:
            head = f"Đến kỳ báo cáo tiến độ ({report_period(today)[1]:%d/%m/%Y})"
        case ReminderKind.OVERDUE:
            head = f"Nhiệm vụ quá hạn {late} ngày"
        case ReminderKind.ESCALATED_HEAD:
            head = f"Nhiệm vụ của đơn vị quá hạn {late} ngày"
        case _:
            head = f"Nhiệm vụ quá hạn {late} ngày, cần lãnh đạo chỉ đạo"
    return head, f"{head}: {summary}"


def _reminder_email(reminder, *, today: datetime.date, base_url: str, connection):
    from django.conf import settings
    from django.core.mail import EmailMessage

    from plans.document import unit_names

    task, person = reminder.task, reminder.person
    subject, _summary = _reminder_text(reminder, today)
    due = f"{task.next_due_on:%d/%m/%Y}" if task.next_due_on else task.get_timeframe_kind_display()
    body = "\n".join(
        [
            f"Kính gửi {person.get_full_name()},",
            "",
            f"{subject}.",
            "",
            f"Nhiệm vụ: {task.content}",
            f"Kế hoạch: {task.plan.reference} – {task.plan.title}",
            f"Cơ quan chủ trì: {unit_names(task)}",
            f"Hạn: {due}",
            f"Tiến độ hiện tại: {task.progress}% ({task.get_status_display()})",
            "",
            f"Xem và báo cáo tiến độ: {base_url.rstrip('/')}{_task_url(task)}",
            "",
            "Thư do Cổng Dân vận gửi tự động; mỗi nhiệm vụ được nhắc mỗi người tối đa một lần một ngày.",
        ]
    )
    return EmailMessage(
        subject=f"[Cổng Dân vận] {subject}"[:200],
        body=body,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[person.email],
        connection=connection,
    )


def reminders_send(
    *, today: datetime.date, days: int = 3, escalate_after: int = 7, base_url: str = "", max_failures: int = 3
) -> ReminderRun:
    """Remind people of tasks due within `days` days and of late ones, by email and in the app.

    One reminder per person, task and day is written first (the unique
    constraint keeps a second run from writing it again), with its in-app
    notification, in one transaction. Emails are then sent one by one, each
    claimed before sending so two runs never send the same one. A mail
    server that refuses or cannot be reached is logged, the reminder stays
    "failed" and the next run of the day retries it; after `max_failures`
    failures in a row the run stops trying and leaves the rest pending.
    """
    from django.core.mail import get_connection
    from django.db.models import Q

    from plans.choices import ReminderStatus
    from plans.models import TaskReminder
    from plans.schedule import report_period
    from units.services import notify

    run = ReminderRun()
    horizon = today + datetime.timedelta(days=days)
    period_start, period_end = report_period(today)
    due = Q(next_due_on__lte=horizon)
    if period_end <= horizon:
        due |= Q(timeframe_kind=TimeframeKind.REGULAR) & (
            Q(last_reported_on__isnull=True) | Q(last_reported_on__lt=period_start)
        )
    running = Task.objects.filter(plan__status=PlanStatus.ISSUED)
    tasks = list(running.open().filter(due).select_related("plan__issuing_unit"))
    wanted = _reminder_plan(tasks=tasks, today=today, escalate_after=escalate_after)
    with transaction.atomic():
        existing = set(
            TaskReminder.objects.filter(on=today, task_id__in=[t.pk for t in tasks]).values_list("task_id", "person_id")
        )
        new = [
            TaskReminder(task_id=task_id, person_id=person_id, on=today, kind=kind)
            for (task_id, person_id), kind in wanted.items()
            if (task_id, person_id) not in existing
        ]
        TaskReminder.objects.bulk_create(new, ignore_conflicts=True)
        run.written = len(new)
        todays = TaskReminder.objects.filter(on=today).select_related("person", "task__plan")
        for reminder in todays.filter(status__in=[ReminderStatus.PENDING, ReminderStatus.FAILED]):
            _subject, summary = _reminder_text(reminder, today)
            notify(
                recipients=[reminder.person],
                text=summary,
                url=_task_url(reminder.task),
                key=f"task-reminder:{reminder.task_id}:{today.isoformat()}",
            )
        no_email = todays.filter(status=ReminderStatus.PENDING).filter(
            Q(person__email="") | Q(person__email__isnull=True)
        )
        run.in_app_only = no_email.update(status=ReminderStatus.NO_EMAIL)
    connection = get_connection(fail_silently=False, timeout=30)
    failures_in_a_row = 0
    pending = TaskReminder.objects.filter(
        on=today, status__in=[ReminderStatus.PENDING, ReminderStatus.FAILED]
    ).select_related("person", "task__plan")
    for reminder in pending.prefetch_related("task__lead_units", "task__lead_groups").order_by("pk"):
        if failures_in_a_row >= max_failures:
            run.postponed += 1
            continue
        claimed = TaskReminder.objects.filter(pk=reminder.pk, status=reminder.status).update(
            status=ReminderStatus.SENDING, attempts=F("attempts") + 1
        )
        if not claimed:
            continue  # another run is sending it
        try:
            _reminder_email(reminder, today=today, base_url=base_url, connection=connection).send()
        except Exception as error:  # any mail failure: log it, keep the reminder, go on
            failures_in_a_row += 1
            run.failed += 1
            logger.error(
                "Không gửi được email nhắc việc (nhắc #%s, nhiệm vụ #%s, người #%s): %s: %s",
                reminder.pk,
                reminder.task_id,
                reminder.person_id,
                type(error).__name__,
                error,
            )
            TaskReminder.objects.filter(pk=reminder.pk).update(
                status=ReminderStatus.FAILED, last_error=f"{type(error).__name__}: {error}"[:500]
            )
        else:
            failures_in_a_row = 0
            run.sent += 1
            TaskReminder.objects.filter(pk=reminder.pk).update(
                status=ReminderStatus.SENT, sent_at=timezone.now(), last_error=""
            )
    try:
        connection.close()
    except Exception:  # closing a broken connection must not fail the run
        logger.warning("Không đóng được kết nối máy chủ thư.")
    return run
