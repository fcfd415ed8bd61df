"""The parts of an editable plan: adding legal-basis clauses, sections and tasks, editing, deleting and
reordering them. Every change first goes through `touch`, which locks the plan and records a version;
an edit of a part also moves the part's own version on, refusing an edit begun before someone else's save.
"""

from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max

from danvan.versioning import bump_version
from plans.models import Plan, PlanBasis, ReferenceDocument, Section, Task
from plans.services.authoring import plan_reindex, touch

# The refusal of a stale edit or delete of a part, by its kind ("mục", "nhiệm vụ", "căn cứ").
STALE_PART = "{kind} này vừa được người khác sửa sau khi bạn mở. Bản đang lưu và bản của bạn ở bên dưới."
STALE_DELETE = "{kind} này vừa được người khác sửa sau khi bạn mở nên chưa bị xóa. Xem bản mới trong danh sách rồi xóa lại nếu vẫn cần."


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
    *,
    plan: Plan,
    lead_units=(),
    lead_groups=(),
    coordinating_units=(),
    coordinating_groups=(),
    lead_unknown: bool = False,
    **fields,
) -> Task:
    """Add a task to an editable plan with its lead and coordinating units.

    Only an import may add a task whose lead it could not read (`lead_unknown`): the plan
    then cannot be approved until someone names the lead (plans.services.workflow.plan_approve).
    """
    touch(plan, "Thêm nhiệm vụ")
    task = Task(plan=plan, position=_next_position(plan.tasks), **fields)
    task.full_clean(exclude=["plan"])
    task.save()
    task.lead_units.set(lead_units)
    task.lead_groups.set(lead_groups)
    task.coordinating_units.set(coordinating_units)
    task.coordinating_groups.set(coordinating_groups)
    if not (lead_units or lead_groups or task.lead_text or lead_unknown):
        raise ValidationError("Nhiệm vụ phải có cơ quan chủ trì.")
    plan_reindex(plan_id=plan.pk)
    return task


@transaction.atomic
def part_delete(*, plan: Plan, part: PlanBasis | Section | Task, expected_version: int | None = None) -> None:
    """Remove a basis, section (with its sub-sections) or task from an editable plan.

    Refused with StaleEditError when the part was edited since `expected_version` was read:
    the person deciding to delete it has not seen what was written meanwhile.
    """
    kind = str(part._meta.verbose_name)
    touch(plan, f"Xóa {kind}")
    bump_version(part, expected_version, message=STALE_DELETE.format(kind=kind.capitalize()))
    part.delete()
    plan_reindex(plan_id=plan.pk)


@transaction.atomic
def part_update(*, plan: Plan, form, expected_version: int | None) -> PlanBasis | Section | Task:
    """Save the edit of a basis, section or task made in `form` (a valid model form of the part).

    Refused with StaleEditError when the part was saved by someone else since `expected_version`
    was read; the plan's row lock (`touch`) and the conditional version update together let only
    one of two simultaneous saves through.
    """
    part = form.instance
    kind = str(part._meta.verbose_name)
    touch(plan, f"Sửa {kind}")
    if not type(part).objects.filter(pk=part.pk).exists():
        raise ValidationError(f"{kind.capitalize()} này vừa bị người khác xóa; nội dung bạn gõ vẫn còn bên dưới.")
    bump_version(part, expected_version, message=STALE_PART.format(kind=kind.capitalize()))
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
                item.position = position
                item._change_reason = f"Đổi thứ tự {part._meta.verbose_name}"
                item.save(update_fields=["position"])  # the part's own history row, where it keeps one
