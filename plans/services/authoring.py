"""Authoring a plan: creating, editing its header, copying it into a new draft, and the checks every edit of
a plan or of its parts goes through (editable status, version bump, search text).
"""

from django.core.exceptions import ValidationError
from django.db import transaction

from danvan.audit import audit
from danvan.models import AuditAction
from danvan.text import fold
from danvan.versioning import StaleEditError, bump_version
from plans.choices import EDITABLE_STATUSES, PlanStatus
from plans.models import Plan, PlanBasis, Section, Task
from plans.services.tracking import tasks_reschedule
from units.models import Unit
from units.scope import government_of


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


STALE_HEADER = "Kế hoạch vừa được người khác sửa sau khi bạn mở trang. Xem bản mới bên dưới rồi sửa lại."


def _bump_version(plan: Plan, expected_version: int | None) -> None:
    bump_version(plan, expected_version, message=STALE_HEADER)


def _bump_header_version(plan: Plan, expected_version: int | None) -> None:
    """Record a save of the header of the locked `plan`, refusing it if the header was saved after `expected_version`.

    Changes to parts and workflow moves made since then do not make the header stale: the editor
    page keeps the version it was read at while its parts change in place.
    """
    if expected_version is not None and plan.header_saved_version > expected_version:
        raise StaleEditError(STALE_HEADER)
    _bump_version(plan, None)
    plan.header_saved_version = plan.version


def ensure_editable(plan: Plan) -> None:
    if plan.status not in EDITABLE_STATUSES:
        raise ValidationError(
            f"Kế hoạch đang ở trạng thái “{plan.get_status_display()}” nên không sửa được. "
            "Kế hoạch đã ban hành chỉ được thay thế bằng một kế hoạch mới."
        )


def check_plan_parent(*, plan: Plan, parent: Plan | None) -> None:
    """Raise ValidationError if `parent` is `plan` itself or one of the plans that carry `plan` out.

    A plan implementing itself, directly or through a chain, would make its lineage endless.
    """
    seen = set()
    current = parent
    while current is not None and current.pk not in seen:
        if current.pk == plan.pk:
            raise ValidationError(
                {"parent": "Kế hoạch không thể thực hiện chính nó: hãy chọn một kế hoạch cấp trên khác."}
            )
        seen.add(current.pk)
        current = Plan.objects.filter(pk=current.parent_id).only("pk", "parent_id").first()


@transaction.atomic
def plan_update(*, plan: Plan, by, expected_version: int | None, **fields) -> Plan:
    """Save changed header fields of an editable plan, refusing a stale edit."""
    locked = Plan.objects.select_for_update().get(pk=plan.pk)
    ensure_editable(locked)
    _bump_header_version(locked, expected_version)
    if "parent" in fields:
        check_plan_parent(plan=locked, parent=fields["parent"])
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
    copy.version = copy.header_saved_version = 1
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
