"""The counts of the task list, kept a few seconds per scope, day and filter (issue 19)."""

import hashlib

from django.core.cache import cache
from django.utils import timezone

from danvan import generations
from units.choices import Role
from units.permissions import scope_root

# How long the task list's counts stay cached: a change to a task or plan drops them sooner (plans/apps.py).
COUNTS_SECONDS = 30
# A generation (danvan/generations.py) renewed by every change to a task or plan: what lists keep of them depends on it.
PLANS_CHANGED = "task_list_counts:version"


def tasks_changed(**kwargs) -> None:
    """Drop the cached counts and plan options of every task list (a signal receiver: a task, a plan or a task's
    units changed)."""
    generations.renew(PLANS_CHANGED)


def cached_counts(request, compute, *, per_unit: bool = False):
    """Return `compute()` (the counts of one list), kept per list, scope, day and filter for COUNTS_SECONDS (issue 19).

    The three capped counts were a third of the supervisor's task list in SQL; every
    person of a government with the same filter sees the same numbers (a unit head's
    are their unit's: the unit is part of the key, as it is for every list `per_unit`,
    such as a unit's inbox).
    """
    user = request.user
    unit_id = user.unit_id if per_unit or user.role == Role.UNIT_HEAD else 0
    scope = (request.path, scope_root(user).pk, unit_id, timezone.localdate())
    query = sorted((k, v) for k, v in request.GET.lists() if k not in ("page", "sort"))
    (version,) = generations.current(PLANS_CHANGED)
    key = "task_list_counts:" + hashlib.sha256(repr((version, scope, query)).encode()).hexdigest()
    counts = cache.get(key)
    if counts is None:
        counts = compute()
        cache.set(key, counts, COUNTS_SECONDS)
    return counts
