"""Writes of the plans app: creating, editing, moving through the workflow, issuing, copying;
following tasks up (progress, comments, the spreadsheet round trip, reminders).

Every function is atomic, checks that the move is allowed, and raises
`ValidationError` with a Vietnamese message when it is not.

One module per concern: authoring (create, edit, copy), workflow (submit to issue), parts (bases,
sections, tasks), tracking (progress, comments, cancellation), sheets (the progress spreadsheet round
trip) and reminders. Callers import from `plans.services`; a test that patches a function patches it in
the module that calls it.
"""

from plans.services.authoring import (
    check_plan_parent,
    default_symbol,
    ensure_editable,
    plan_copy,
    plan_create,
    plan_reindex,
    plan_update,
    touch,
)
from plans.services.parts import basis_add, part_delete, part_move, part_update, section_add, task_add
from plans.services.reminders import ReminderRun, reminders_send
from plans.services.sheets import SheetAlreadyAppliedError, task_sheet_apply, task_sheet_read
from plans.services.tracking import task_cancel, task_comment, task_report_progress, tasks_reschedule
from plans.services.workflow import plan_approve, plan_complete, plan_issue, plan_return, plan_submit

__all__ = [
    "ReminderRun",
    "SheetAlreadyAppliedError",
    "basis_add",
    "check_plan_parent",
    "default_symbol",
    "ensure_editable",
    "part_delete",
    "part_move",
    "part_update",
    "plan_approve",
    "plan_complete",
    "plan_copy",
    "plan_create",
    "plan_issue",
    "plan_reindex",
    "plan_return",
    "plan_submit",
    "plan_update",
    "reminders_send",
    "section_add",
    "task_add",
    "task_cancel",
    "task_comment",
    "task_report_progress",
    "task_sheet_apply",
    "task_sheet_read",
    "tasks_reschedule",
    "touch",
]
