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


def status_cell(status: str, days_late: int) -> SafeString:
    """Return the status badge, and a red "Quá hạn N ngày" badge when the task is late."""
    html = cell_html(
        '<span class="badge {}">{}</span>', STATUS_CLASSES.get(status, "text-bg-light"), label(TaskStatus, status)
    )
    if days_late:
        html += cell_html(' <span class="badge text-bg-danger task-overdue">Quá hạn {} ngày</span>', days_late)
    return html


def due_cell(
    next_due_on, days_late: int, timeframe_kind: str, recurrence: str, start_date, report_period_end=None
) -> SafeString:
    """Return when a task is due: its next date (red when late), or what its timeframe says instead."""
    if next_due_on:
        date = cell_html(
            '<span class="text-nowrap{}">{}</span>',
            " text-danger fw-semibold" if days_late else "",
            f"{next_due_on:%d/%m/%Y}",
        )
        if timeframe_kind == "recurring":
            return date + cell_html(
                '<div class="small text-secondary">Kỳ báo cáo · {}</div>', label(Recurrence, recurrence).lower()
            )
        if timeframe_kind == "period" and start_date:
            return date + cell_html('<div class="small text-secondary">từ {}</div>', f"{start_date:%d/%m/%Y}")
        return date
    if timeframe_kind == "regular":
        when = f" ({report_period_end:%d/%m/%Y})" if report_period_end else ""
        return cell_html('Thường xuyên<div class="small text-secondary">báo cáo theo kỳ{}</div>', when)
    if timeframe_kind == "when_directed":
        return mark_safe("Khi có chỉ đạo")
    if timeframe_kind == "recurring":
        return cell_html(
            '{}<div class="small text-secondary">đã báo cáo đủ các kỳ</div>', label(Recurrence, recurrence)
        )
    return mark_safe('<span class="text-secondary">—</span>')


def progress_cell(progress: int) -> SafeString:
    """Return the progress bar: a <progress> element (no inline style, which the CSP forbids) and the percent."""
    return cell_html(
        '<div class="d-flex align-items-center gap-2"><progress class="flex-grow-1" value="{0}" max="100" '
        'aria-label="Tiến độ {0}%">{0}%</progress><span class="small text-nowrap">{0}%</span></div>',
        progress,
    )


def plan_line_cell(reference: str, unit_name: str, kind: str) -> SafeString:
    """Return the line under a task in a list: its plan's reference, issuing unit and field (the plan's kind)."""
    return cell_html(
        '<div class="small text-secondary">{} · {} · {}</div>', reference, unit_name, label(PlanKind, kind)
    )


@register.simple_tag
def task_status(task):
    """The status badge of a loaded task (status_cell)."""
    return status_cell(task.status, task.days_late)


@register.simple_tag
def task_due(task, report_period_end=None):
    """When a loaded task is due (due_cell)."""
    return due_cell(
        task.next_due_on, task.days_late, task.timeframe_kind, task.recurrence, task.start_date, report_period_end
    )


@register.simple_tag
def task_progress(task):
    """The progress bar of a loaded task (progress_cell)."""
    return progress_cell(task.progress)


@register.simple_tag
def task_leads(task):
    """Return the lead units as the plan prints them (its verbatim text, or the names of its units and groups)."""
    from plans.document import unit_names

    return unit_names(task)


@register.simple_tag
def task_plan_line(task):
    """The plan line of a loaded task, its plan and issuing unit loaded with it (plan_line_cell)."""
    unit = task.plan.issuing_unit
    return plan_line_cell(task.plan.reference, unit.short_name or unit.name, task.plan.kind)
