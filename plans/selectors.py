"""Reads of the plans app that need more than a filter."""

from django.db.models import Count, Q, QuerySet

from danvan.text import fold, normalize_text
from plans.choices import PlanStatus, TaskStatus
from plans.models import Plan, ReferenceDocument, Task
from plans.rules import PUBLISHED
from units.choices import Role
from units.permissions import has_workplace, visible_unit_ids


def plans_visible_to(user) -> QuerySet[Plan]:
    """Return the plans `user` may open: in scope, and published only for unit heads."""
    if not has_workplace(user):
        return Plan.objects.none()
    plans = Plan.objects.filter(issuing_unit_id__in=visible_unit_ids(user))
    if user.role == Role.UNIT_HEAD:
        plans = plans.filter(status__in=PUBLISHED)
    return plans


def plan_list(user) -> QuerySet[Plan]:
    """Return the plan list rows: visible plans with their issuing unit (counts come per page)."""
    return plans_visible_to(user).select_related("issuing_unit").defer("search_text", "intro", "closing")


def with_task_counts(plans: list[Plan]) -> list[Plan]:
    """Set `task_count` and `done_count` on each plan of one page, in one query."""
    rows = (
        Task.objects.filter(plan_id__in=[p.pk for p in plans])
        .values("plan_id")
        .annotate(total=Count("pk"), done=Count("pk", filter=Q(status=TaskStatus.DONE)))
        .order_by()
    )
    counts = {row["plan_id"]: (row["total"], row["done"]) for row in rows}
    for plan in plans:
        plan.task_count, plan.done_count = counts.get(plan.pk, (0, 0))
    return plans


def plan_search(plans: QuerySet[Plan], query: str) -> QuerySet[Plan]:
    """Keep plans whose title or content holds every word of `query`, ignoring diacritics and case."""
    for word in fold(normalize_text(query, single_line=True)).split()[:10]:
        plans = plans.filter(search_text__contains=word)
    return plans


def plan_counts(user) -> dict[str, int]:
    """Return how many visible plans are in each status (for the home page)."""
    rows = plans_visible_to(user).values_list("status").annotate(n=Count("pk")).order_by()
    counts = dict(rows)
    return {status: counts.get(status, 0) for status in PlanStatus.values}


def reference_search(query: str, limit: int = 20) -> QuerySet[ReferenceDocument]:
    from danvan.search import search_filter

    return search_filter(ReferenceDocument.objects.all(), query, ["number_symbol", "summary", "issuer"])[:limit]
