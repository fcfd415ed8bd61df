"""The task column of a plan's page as plain values, built once in the view (issue 19).

A plan may carry 500 tasks. Drawing each with an included template for its lead
units, two template tags and a `{% url %}` cost most of the page; here each cell
and the whole item are built once with the functions the tags use
(plans/templatetags/task_tags.py) and the task's address is formatted from one
reversed pattern, so the printed page is unchanged and the template only prints
one string per task.
"""

from django.utils import timezone
from django.utils.safestring import SafeString

from plans.choices import TimeframeKind
from plans.models import Plan, Task, days_late_of
from plans.rules import PUBLISHED
from plans.task_list_rows import shortened, task_url_format
from plans.templatetags.task_tags import cell_html, label, progress_cell, status_cell


def plan_task_rows(plan: Plan, tasks: list[Task], tracked_ids: set[int]) -> list[SafeString]:
    """Return the list item of each task of `plan_document`, ready to print (plans/plan_detail.html).

    Progress and status are drawn only once the plan is issued; the tracker link only
    for the tasks in `tracked_ids` (those the user may open).
    """
    published = plan.status in PUBLISHED
    today = timezone.localdate()
    url = task_url_format()
    # Progress bars and badges take few values: draw each once (a plan of 500 tasks has about 100 of them).
    progress_bars: dict[int, SafeString] = {}
    badges: dict[tuple[str, int], SafeString] = {}
    rows = []
    for task in tasks:
        row = cell_html(
            '<li class="list-group-item" data-task="{0}"><a href="#task-{0}">{1}</a>\n'
            '<div class="text-secondary">{2} · {3}</div>',
            task.pk,
            shortened(task.content, 90),
            task.lead_names,
            task.timeframe_text or label(TimeframeKind, task.timeframe_kind),
        )
        if published:
            late = days_late_of(task.status, task.next_due_on, plan.status, today)
            link = (
                cell_html(
                    ' <a class="ms-auto" href="{}">Theo dõi <i class="bi bi-arrow-right"></i></a>', url.format(task.pk)
                )
                if task.pk in tracked_ids
                else ""
            )
            row += cell_html(
                '\n<div class="mt-1">{}</div>\n<div class="d-flex flex-wrap gap-1 align-items-center">{}{}</div>',
                progress_bars.get(task.progress)
                or progress_bars.setdefault(task.progress, progress_cell(task.progress)),
                badges.get((task.status, late))
                or badges.setdefault((task.status, late), status_cell(task.status, late)),
                link,
            )
        rows.append(row + SafeString("</li>"))
    return rows
