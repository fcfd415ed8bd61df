"""The counts of the task lists, kept a few seconds per scope, day and filter (danvan/list_counts.py, issue 19)."""

from danvan import list_counts

# A generation (danvan/generations.py) renewed by every change to a task, a plan or a task's units (plans/apps.py):
# the task lists' counts and plan options depend on it.
PLANS_CHANGED = "task_list_counts:version"
# Drops the cached counts and plan options of every task list (a signal receiver).
tasks_changed = list_counts.changed(PLANS_CHANGED)


def cached_counts(request, compute, *, per_unit: bool = False, seconds: int = list_counts.COUNT_SECONDS):
    """Return `compute()` (the counts of one task list), kept as danvan.list_counts keeps a list's counts."""
    return list_counts.cached_counts(request, PLANS_CHANGED, compute, per_unit=per_unit, seconds=seconds)
