"""The counts of a list page, kept a few seconds per scope, role and filter (issue 19).

Counting every registration of a city to print "Trang 1/1242 · 31050 mục" was
the largest query of the supervisor's registration list, and the three capped
counts a third of the supervisor's task list; the rows of one page cost a
fraction of them. Everyone of a government with the same role and filter sees
the same counts (a unit head's are their unit's: the unit is in the key), so
they are counted once and kept COUNT_SECONDS, and a change to what the list
counts starts a new generation (`changed`, connected by the app that owns the
rows; plans/list_counts.py for the task lists).
"""

import hashlib

from django.core.cache import cache
from django.core.paginator import Paginator
from django.utils import timezone

from danvan import generations
from units.choices import Role
from units.scope import scope_of

# How long a count stays cached: a change to a counted row drops it sooner.
COUNT_SECONDS = 30
# Parameters that choose a page or an order of the same rows: they do not change the count.
NOT_COUNTED = ("page", "sort")


def changed(version_key: str):
    """Return a signal receiver that drops every count kept under `version_key` (a row it counts was written)."""

    def receiver(**kwargs) -> None:
        generations.renew(version_key)

    return receiver


def cached_counts(request, version_key: str, count, *, per_unit: bool = False, seconds: int = COUNT_SECONDS):
    """Return `count()` for the list page of `request`, kept per scope, role, day and filter for `seconds`.

    `per_unit` keeps them per unit for every role (a unit's inbox); a unit head's are always their unit's.
    """
    user = request.user
    unit_id = user.unit_id if per_unit or user.role == Role.UNIT_HEAD else 0
    scope = (scope_of(user).root_id, user.role, unit_id)
    query = sorted((k, v) for k, v in request.GET.lists() if k not in NOT_COUNTED)
    (version,) = generations.current(version_key)
    # The path tells apart two lists that share a generation (the registrations and the campaigns of one app).
    listed = (version, request.path, scope, timezone.localdate(), query)
    key = f"{version_key}:" + hashlib.sha256(repr(listed).encode()).hexdigest()
    total = cache.get(key)
    if total is None:
        total = count()
        cache.set(key, total, seconds)
    return total


def paginate_counted(request, queryset, *, version_key: str, per_page: int = 25, counted=None):
    """Return the requested page of `queryset`, as danvan.views.paginate does, with its count from `cached_counts`.

    `counted` is the same rows phrased for counting, when `queryset` is phrased for reading one page.
    """
    counted = queryset if counted is None else counted
    paginator = Paginator(queryset, per_page)
    paginator.count = cached_counts(request, version_key, counted.count)  # the paginator's cached_property, set
    return paginator.get_page(request.GET.get("page"))
