"""Template tags of task tracking: a task's status, due date and progress, drawn the same on every page.

Simple tags building escaped HTML in Python rather than included templates:
a list page draws them for fifty rows, and an include per cell costs more
than the rest of the page. No tag reads the database: what a tag needs (the
plan, its issuing unit, the lead units) comes loaded with the task, and what
needs a query (which tasks the user may open) is computed by the view.
"""

from functools import lru_cache
from html import escape

from django import template
from django.utils.safestring import SafeData, SafeString, mark_safe
from django.utils.translation import get_language

from plans.choices import PlanKind, Recurrence, TaskStatus

register = template.Library()


def label(choices, value) -> str:
    """Return the translated label of a choice, looked up once per language (a list page asks 50 times)."""
    return _label(choices, value, get_language())


@lru_cache(maxsize=256)
def _label(choices, value, language) -> str:
    try:
        return str(choices(value).label)
    except ValueError:
        return str(value)


def cell_html(format_string: str, *args) -> SafeString:
    """Return `format_string` with `args` escaped, as django.utils.html.format_html does, at a fraction of its cost.

    A list page calls these tags 250 times; Django's version passes each argument and
    the result through lazy-text wrappers. Arguments here are str, int, or markup
    already safe (kept as it is).
    """
    return SafeString(
        format_string.format(*(arg if isinstance(arg, (int, SafeData)) else escape(str(arg)) for arg in args))
    )


STATUS_CLASSES = {
    "done": "text-bg-success",
    "cancelled": "text-bg-secondary",
    "in_progress": "text-bg-primary",
    "not_started": "text-bg-light border",
}


@register.simple_tag
def task_status(task):
    """Return the status badge, and a red "Quá hạn N ngày" badge when the task is late."""
    html = cell_html(
        '<span class="badge {}">{}</span>',
        STATUS_CLASSES.get(task.status, "text-bg-light"),
        label(TaskStatus, task.status),
    )
    if task.days_late:
        html += cell_html(' <span class="badge text-bg-danger task-overdue">Quá hạn {} ngày</span>', task.days_late)
    return html


@register.simple_tag
def task_due(task, report_period_end=None):
    """Return when the task is due: its next date (red when late), or what its timeframe says instead."""
    if task.next_due_on:
        date = cell_html(
            '<span class="text-nowrap{}">{}</span>',
            " text-danger fw-semibold" if task.days_late else "",
            f"{task.next_due_on:%d/%m/%Y}",
        )
        if task.timeframe_kind == "recurring":
            return date + cell_html(
                '<div class="small text-secondary">Kỳ báo cáo · {}</div>', label(Recurrence, task.recurrence).lower()
            )
        if task.timeframe_kind == "period" and task.start_date:
            return date + cell_html('<div class="small text-secondary">từ {}</div>', f"{task.start_date:%d/%m/%Y}")
        return date
    if task.timeframe_kind == "regular":
        when = f" ({report_period_end:%d/%m/%Y})" if report_period_end else ""
        return cell_html('Thường xuyên<div class="small text-secondary">báo cáo theo kỳ{}</div>', when)
    if task.timeframe_kind == "when_directed":
        return mark_safe("Khi có chỉ đạo")
    if task.timeframe_kind == "recurring":
        return cell_html(
            '{}<div class="small text-secondary">đã báo cáo đủ các kỳ</div>', label(Recurrence, task.recurrence)
        )
    return mark_safe('<span class="text-secondary">—</span>')


@register.simple_tag
def task_progress(task):
    """Return the progress bar: a <progress> element (no inline style, which the CSP forbids) and the percent."""
    return cell_html(
        '<div class="d-flex align-items-center gap-2"><progress class="flex-grow-1" value="{0}" max="100" '
        'aria-label="Tiến độ {0}%">{0}%</progress><span class="small text-nowrap">{0}%</span></div>',
        task.progress,
    )


@register.simple_tag
def task_leads(task):
    """Return the lead units as the plan prints them (its verbatim text, or the names of its units and groups)."""
    from plans.document import unit_names

    return unit_names(task)


@register.simple_tag
def task_plan_line(task):
    """Return the line under a task in a list: its plan's reference, issuing unit and field (the plan's kind)."""
    plan = task.plan
    unit = plan.issuing_unit
    return cell_html(
        '<div class="small text-secondary">{} · {} · {}</div>',
        plan.reference,
        unit.short_name or unit.name,
        label(PlanKind, plan.kind),
    )
