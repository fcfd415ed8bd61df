"""The parts of an editable plan: adding legal-basis clauses, sections and tasks, editing, deleting and
reordering them. Every change first goes through `touch`, which locks the plan and records a version.
"""

from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max

from plans.models import Plan, PlanBasis, ReferenceDocument, Section, Task
from plans.services.authoring import plan_reindex, touch
from plans.text_limit import check_plan_text


def _next_position(queryset) -> int:
    return (queryset.aggregate(last=Max("position"))["last"] or 0) + 1


@transaction.atomic
def basis_add(*, plan: Plan, opening: str, text: str, references: Iterable[ReferenceDocument] = ()) -> PlanBasis:
    """Append a legal-basis clause to an editable plan."""
    touch(plan, "Thêm căn cứ")
    basis = PlanBasis.objects.create(plan=plan, position=_next_position(plan.bases), opening=opening, text=text)
    basis.references.set(references)
    check_plan_text(plan.pk)
    return basis


@transaction.atomic
def section_add(*, plan: Plan, parent: Section | None = None, **fields) -> Section:
    """Append a section to an editable plan, at the end of its parent."""
    touch(plan, "Thêm mục")
    siblings = plan.sections.filter(parent=parent)
    section = Section(plan=plan, parent=parent, position=_next_position(siblings), **fields)
    section.full_clean(exclude=["plan"])
    section.save()
    check_plan_text(plan.pk)
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
    check_plan_text(plan.pk)
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
    check_plan_text(plan.pk)
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
