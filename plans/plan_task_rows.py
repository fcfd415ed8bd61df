"""The task column of a plan's page as plain values, built once in the view (issue 19).

A plan may carry 500 tasks. Drawing each with an included template for its lead
units, two template tags and a `{% url %}` cost most of the page; here each cell
is built once with the functions the tags use (plans/templatetags/task_tags.py)
and the task's address is formatted from one reversed pattern, so the printed
page is unchanged and the template only prints strings.
"""

from django.utils import timezone

from plans.models import Plan, Task, days_late_of
from plans.rules import PUBLISHED
from plans.task_list_rows import shortened, task_url_format
from plans.templatetags.task_tags import progress_cell, status_cell


def plan_task_rows(plan: Plan, tasks: list[Task], tracked_ids: set[int]) -> list[dict]:
    """Return one dict of ready-to-print cells per task of `plan_document` (plans/plan_detail.html).

    Progress and status are drawn only once the plan is issued; the tracker link only
    for the tasks in `tracked_ids` (those the user may open).
    """
    published = plan.status in PUBLISHED
    today = timezone.localdate()
    url = task_url_format()
    rows = []
    for task in tasks:
        row = {
            "pk": task.pk,
            "content": shortened(task.content, 90),
            "leads": task.lead_names,
            "timeframe": task.timeframe_text or task.get_timeframe_kind_display(),
        }
        if published:
            row["progress"] = progress_cell(task.progress)
            row["status"] = status_cell(task.status, days_late_of(task.status, task.next_due_on, plan.status, today))
            row["url"] = url.format(task.pk) if task.pk in tracked_ids else ""
        rows.append(row)
    return rows
