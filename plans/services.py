"""Writes of the plans app: creating, editing, moving through the workflow, issuing, copying.

Every function is atomic, checks that the move is allowed, and raises
`ValidationError` with a Vietnamese message when it is not.
"""

from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F, Max
from django.utils import timezone

from danvan.text import fold
from plans.choices import EDITABLE_STATUSES, PLAN_TRANSITIONS, PlanStatus
from plans.models import Plan, PlanBasis, PlanTransition, ReferenceDocument, Section, Task
from units.models import Unit
from units.permissions import government_of


class StaleEditError(ValidationError):
    """Someone else saved the plan after this edit began."""


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
    return plan


def _bump_version(plan: Plan, expected_version: int | None) -> None:
    """Raise StaleEditError unless the plan is still at `expected_version`; then advance it."""
    if expected_version is not None:
        updated = Plan.objects.filter(pk=plan.pk, version=expected_version).update(version=F("version") + 1)
        if not updated:
            raise StaleEditError(
                "Kế hoạch vừa được người khác sửa sau khi bạn mở trang. Xem bản mới bên dưới rồi sửa lại."
            )
    else:
        Plan.objects.filter(pk=plan.pk).update(version=F("version") + 1)
    plan.version = Plan.objects.values_list("version", flat=True).get(pk=plan.pk)


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
    return locked


def plan_reindex(*, plan_id: int) -> None:
    """Recompute the folded search text of a plan from its header, sections and tasks."""
    plan = Plan.objects.get(pk=plan_id)
    parts = [plan.title, plan.intro, plan.themes, plan.period_label, plan.reference, plan.closing]
    parts += [f"{heading} {text}" for heading, text in plan.sections.values_list("heading", "text")]
    parts += list(plan.tasks.values_list("content", flat=True))
    Plan.objects.filter(pk=plan_id).update(search_text=fold(" ".join(p for p in parts if p)))


def touch(plan: Plan) -> None:
    """Check that the plan, as stored now, may be edited, and record one more version.

    Called before any change to a basis, section or task; the row lock makes a
    concurrent submission wait until the change is saved.
    """
    locked = Plan.objects.select_for_update().get(pk=plan.pk)
    ensure_editable(locked)
    _bump_version(locked, None)


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
    touch(plan)
    basis = PlanBasis.objects.create(plan=plan, position=_next_position(plan.bases), opening=opening, text=text)
    basis.references.set(references)
    return basis


@transaction.atomic
def section_add(*, plan: Plan, parent: Section | None = None, **fields) -> Section:
    """Append a section to an editable plan, at the end of its parent."""
    touch(plan)
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
    touch(plan)
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
    touch(plan)
    part.delete()
    plan_reindex(plan_id=plan.pk)


@transaction.atomic
def part_update(*, plan: Plan, form) -> Section | Task:
    """Save the edit of a section or task made in `form` (a valid model form of the part)."""
    touch(plan)
    part = form.save()
    plan_reindex(plan_id=plan.pk)
    return part


@transaction.atomic
def part_move(*, plan: Plan, part: PlanBasis | Section | Task, step: int) -> None:
    """Swap `part` with its previous (step -1) or next (step +1) sibling."""
    touch(plan)
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
        task.save()
        for name, values in relations.items():
            getattr(task, name).set(values)
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
