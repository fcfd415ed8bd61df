"""How much text a plan may hold in all: header, legal bases, sections and tasks (setting PLAN_MAX_TEXT_CHARS).

Each field has its own maximum, but a plan has no limit on how many sections or tasks it
holds, so a plan could grow past what the PDF renderer can lay out within its limits; it
then failed only at printing or issuing, after the work was done. The limit here is far
below the renderer's (docs/operations.md): the form refuses the edit that would cross it,
with the plan's size in the message, and the services check again after saving, inside the
transaction of the change, so no path around the forms can cross it either.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models.functions import Coalesce, Length

from plans.models import Plan, PlanBasis, Section, Task

DEFAULT_MAX_TEXT_CHARS = 250_000
# Derived or technical text, not what the author typed.
NOT_TEXT = {"search_text", "issued_pdf_sha256"}


def text_fields(model: type[models.Model]) -> list[str]:
    """Return the names of the fields of `model` that hold typed text."""
    return [
        field.name
        for field in model._meta.concrete_fields
        if isinstance(field, (models.CharField, models.TextField)) and not field.choices and field.name not in NOT_TEXT
    ]


def max_text_chars() -> int:
    return getattr(settings, "PLAN_MAX_TEXT_CHARS", DEFAULT_MAX_TEXT_CHARS)


def _stored_chars(queryset) -> int:
    fields = text_fields(queryset.model)
    total = queryset.aggregate(
        **{name: models.Sum(Coalesce(Length(name), 0)) for name in fields},
    )
    return sum(value or 0 for value in total.values())


def plan_text_chars(plan_id: int) -> int:
    """Return the characters of text the plan holds now, across its header, bases, sections and tasks."""
    return (
        _stored_chars(Plan.objects.filter(pk=plan_id))
        + _stored_chars(PlanBasis.objects.filter(plan_id=plan_id))
        + _stored_chars(Section.objects.filter(plan_id=plan_id))
        + _stored_chars(Task.objects.filter(plan_id=plan_id))
    )


def too_long_message(total: int) -> str:
    limit = max_text_chars()
    return (
        f"Kế hoạch quá dài: tổng nội dung sẽ là {total:,} ký tự, vượt mức tối đa {limit:,} ký tự "
        "(khoảng 100 trang A4). Hãy rút gọn nội dung, chuyển bớt sang phụ lục đính kèm hoặc tách thành "
        "nhiều kế hoạch."
    ).replace(",", ".")


def check_plan_text(plan_id: int) -> None:
    """Raise ValidationError when the plan, as saved in the current transaction, holds more text than allowed."""
    total = plan_text_chars(plan_id)
    if total > max_text_chars():
        raise ValidationError(too_long_message(total))


def refuse_too_long(form, *, plan: Plan | None) -> None:
    """Add a form error when saving `form` (a plan, basis, section or task form) would make the plan too long.

    Counts the plan as stored, less the stored text of the part being edited, plus the
    text in the form.
    """
    instance = getattr(form, "instance", None)
    model = type(instance) if instance is not None else PlanBasis
    typed = sum(len(str(value)) for name, value in form.cleaned_data.items() if name in text_fields(model) and value)
    stored = plan_text_chars(plan.pk) if plan is not None and plan.pk else 0
    if instance is not None and instance.pk:
        stored -= _stored_chars(model.objects.filter(pk=instance.pk))
    if stored + typed > max_text_chars():
        form.add_error(None, too_long_message(stored + typed))
