"""The rows of a task list page as plain values, built once in the view (issue 19).

A list page draws 50 rows. Drawing each cell with a template tag, reversing the
task's URL per row and prefetching lead units and groups as model objects cost
more than the rest of the page, and left the page's queries to run lazily
inside the template. Here the view builds every cell once, with the same
functions the tags use, so the printed page is unchanged: the task's address is
formatted from one reversed pattern, the lead names come from two flat queries
(no objects), and the template only prints strings.
"""

import datetime

from django.urls import reverse

from danvan.text import shortened
from plans.document import related_names
from plans.models import Task, days_late_of, plan_reference
from plans.templatetags.task_tags import due_cell, plan_line_cell, progress_cell, status_cell

# A task id no database reaches, replaced by each row's own id in the reversed address.
_URL_MARK = 987654321


def task_url_format() -> str:
    """Return the task page's address with `{}` for the task id, from one `reverse`."""
    return reverse("tasks:task_detail", args=[_URL_MARK]).replace(str(_URL_MARK), "{}")


def lead_names(tasks: list) -> dict[int, str]:
    """Return the printed lead names of the tasks that have no verbatim lead text, in two flat queries.

    Units come first in their tree order, then groups by name, as the plan prints them (plans.document).
    """
    ids = [task.pk for task in tasks if not task.lead_text]
    if not ids:
        return {}
    return related_names(Task.lead_units.through, Task.lead_groups.through, task_id__in=ids)


def task_list_rows(tasks, *, report_period_end, today: datetime.date) -> list[dict]:
    """Return one dict of ready-to-print cells per row of a list page (plans/_task_table.html).

    `tasks` are the named rows of plans.selectors.task_page_rows.
    """
    tasks = list(tasks)
    names = lead_names(tasks)
    url = task_url_format()
    rows = []
    for task in tasks:
        late = days_late_of(task.status, task.next_due_on, task.plan__status, today)
        rows.append(
            {
                "pk": task.pk,
                "url": url.format(task.pk),
                "content": shortened(task.content, 140),
                "plan_line": plan_line_cell(
                    plan_reference(task.plan__number, task.plan__symbol),
                    task.plan__issuing_unit__short_name or task.plan__issuing_unit__name,
                    task.plan__kind,
                ),
                "leads": task.lead_text or names.get(task.pk, ""),
                "due": due_cell(
                    task.next_due_on, late, task.timeframe_kind, task.recurrence, task.start_date, report_period_end
                ),
                "progress": progress_cell(task.progress),
                "status": status_cell(task.status, late),
            }
        )
    return rows
