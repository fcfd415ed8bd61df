"""Reads of the plans app that need more than a filter."""

from django.db.models import Count, Q, QuerySet

from plans.choices import PlanStatus
from plans.models import Plan, ReferenceDocument
from plans.rules import PUBLISHED
from units.choices import Role
from units.permissions import has_workplace, visible_units


def plans_visible_to(user) -> QuerySet[Plan]:
    """Return the plans `user` may open: in scope, and published only for unit heads."""
    if not has_workplace(user):
        return Plan.objects.none()
    plans = Plan.objects.filter(issuing_unit__in=visible_units(user))
    if user.role == Role.UNIT_HEAD:
        plans = plans.filter(status__in=PUBLISHED)
    return plans


def plan_list(user) -> QuerySet[Plan]:
    """Return the plan list rows: visible plans with their unit and task counts."""
    return (
        plans_visible_to(user)
        .select_related("issuing_unit")
        .annotate(
            task_count=Count("tasks", distinct=True),
            done_count=Count("tasks", filter=Q(tasks__status="done"), distinct=True),
        )
    )


def plan_counts(user) -> dict[str, int]:
    """Return how many visible plans are in each status (for the home page)."""
    rows = plans_visible_to(user).values_list("status").annotate(n=Count("pk")).order_by()
    counts = dict(rows)
    return {status: counts.get(status, 0) for status in PlanStatus.values}


def reference_search(query: str, limit: int = 20) -> QuerySet[ReferenceDocument]:
    from danvan.search import search_filter

    return search_filter(ReferenceDocument.objects.all(), query, ["number_symbol", "summary", "issuer"])[:limit]
