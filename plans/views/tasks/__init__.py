"""Following tasks up: the task lists, a unit's inbox, a task's timeline and reports, the calendar, Excel.

One module per concern: lists (the lists and their exports), follow_up (one task's page and its POST
views), calendars, sheets (the progress spreadsheet round trip).

Thin views: check the rule named on each (plans/rules.py), call one selector
or service, answer. A task is loaded from the published plans the user may
open (plans.selectors.tasks_in_plan_scope): outside them it is 404, so a plan
of another commune or a draft reveals nothing; inside them the rule decides,
so a unit head posting on another unit's task of a plan they can read gets 403
and nothing is written.
"""

from plans.views.tasks.calendars import MONTH_NAMES, WEEKDAYS, TaskCalendarView, month_from
from plans.views.tasks.follow_up import (
    EvidenceDownloadView,
    TaskCancelView,
    TaskCommentView,
    TaskDetailView,
    TaskMixin,
    TaskProgressView,
    task_page,
)
from plans.views.tasks.lists import (
    XLSX,
    CappedPaginator,
    TaskExportView,
    TaskFilterMixin,
    TaskListView,
    UnitTaskExportView,
    UnitTaskListView,
)
from plans.views.tasks.sheets import SheetApplyView, SheetImportView, SheetMixin, SheetPreviewView

__all__ = [
    "MONTH_NAMES",
    "WEEKDAYS",
    "XLSX",
    "CappedPaginator",
    "EvidenceDownloadView",
    "SheetApplyView",
    "SheetImportView",
    "SheetMixin",
    "SheetPreviewView",
    "TaskCalendarView",
    "TaskCancelView",
    "TaskCommentView",
    "TaskDetailView",
    "TaskExportView",
    "TaskFilterMixin",
    "TaskListView",
    "TaskMixin",
    "TaskProgressView",
    "UnitTaskExportView",
    "UnitTaskListView",
    "month_from",
    "task_page",
]
