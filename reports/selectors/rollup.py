"""The key figures of every commune under a supervisor, read together in a fixed number of queries."""

import datetime

from django.db.models import Count, F, Q
from django.utils import timezone

from models_registry.choices import COUNTED_STATUSES, RegistrationStatus
from models_registry.models import Campaign, Registration
from plans.models import Task
from reports.selectors.commune import commune_summary
from reports.selectors.periods import Period, period_issued_plans, period_plans
from reports.selectors.tasks import task_count_expressions, task_counts_by_plan
from units.choices import UnitKind
from units.models import Unit
from units.scope import Scope


def communes_under(root: Unit, scope: Scope | None = None) -> tuple[list[Unit], dict[int, int]]:
    """Return the communes under `root` and a map of every unit id below them to its commune's id.

    One query for the units in scope (a join subquery for a city: no list of ids), whatever
    the number of communes; the tree is walked in Python.
    """
    scope = scope or Scope(root)
    rows = list(scope.units().order_by().values_list("pk", "parent_id", "kind", "name"))
    parent = {pk: parent_id for pk, parent_id, _kind, _name in rows}
    kinds = {pk: kind for pk, _parent, kind, _name in rows}
    commune_of: dict[int, int] = {}
    for pk in parent:
        walker = pk
        while walker is not None and kinds.get(walker) != UnitKind.COMMUNE:
            walker = parent.get(walker)
        if walker is not None:
            commune_of[pk] = walker
    communes = sorted(
        (Unit(pk=pk, name=name, kind=kind) for pk, _parent, kind, name in rows if kind == UnitKind.COMMUNE),
        key=lambda u: u.name,
    )
    return communes, commune_of


def rollup_figures(root: Unit, period: Period, *, today: datetime.date | None = None) -> list[dict]:
    """Return the key figures (CommuneFigures.summary) of every commune under `root`, in a fixed number of queries.

    A commune's row equals the summary of its own dashboard (`commune_figures`).
    """
    today = today or timezone.localdate()
    as_of = period.as_of(today)
    scope = Scope(root)
    communes, commune_of = communes_under(root, scope)
    # The units in scope as a subquery: a city has hundreds, which as a literal IN list cost more to plan than to run.
    unit_ids = scope.units().values("pk")
    commune_ids = scope.units().filter(kind=UnitKind.COMMUNE).values("pk")

    def fold(rows, key: str, fields: list[str]) -> dict[int, dict]:
        totals: dict[int, dict] = {}
        for row in rows:
            commune = commune_of.get(row[key])
            if commune is None:
                continue
            bucket = totals.setdefault(commune, dict.fromkeys(fields, 0))
            for name in fields:
                bucket[name] += row[name] or 0
        return totals

    task_fields = list(task_count_expressions(as_of))
    plans = period_plans(unit_ids, period)
    plan_units = dict(plans.order_by().values_list("pk", "issuing_unit_id"))
    tasks = fold(
        (
            counts | {"issuing_unit_id": plan_units.get(plan_id)}
            for plan_id, counts in task_counts_by_plan(
                Task.objects.filter(plan_id__in=plans.values("pk")), as_of
            ).items()
        ),
        "issuing_unit_id",
        task_fields,
    )
    issued = fold(
        period_issued_plans(unit_ids, period).order_by().values("issuing_unit_id").annotate(n=Count("pk")),
        "issuing_unit_id",
        ["n"],
    )
    models = fold(
        Registration.objects.filter(campaign__issuing_unit_id__in=commune_ids, campaign__year=period.year)
        .order_by()
        .values("campaign__issuing_unit_id")
        .annotate(
            live=Count("pk", filter=~Q(status=RegistrationStatus.DROPPED)),
            recognized=Count("pk", filter=Q(status=RegistrationStatus.RECOGNIZED)),
        ),
        "campaign__issuing_unit_id",
        ["live", "recognized"],
    )
    # Coverage as campaign_coverage counts it, campaign by campaign, then summed per commune.
    eligible = fold(
        Campaign.eligible_units.through.objects.filter(
            campaign__issuing_unit_id__in=commune_ids, campaign__year=period.year
        )
        .order_by()
        .values("campaign__issuing_unit_id")
        .annotate(n=Count("pk")),
        "campaign__issuing_unit_id",
        ["n"],
    )
    counted = fold(
        Registration.objects.filter(
            campaign__issuing_unit_id__in=commune_ids,
            campaign__year=period.year,
            status__in=COUNTED_STATUSES,
            unit__dvk_eligible_campaigns=F("campaign_id"),
        )
        .order_by()
        .values("campaign_id", "campaign__issuing_unit_id")
        .annotate(n=Count("unit_id", distinct=True)),
        "campaign__issuing_unit_id",
        ["n"],
    )
    empty_tasks = dict.fromkeys(task_fields, 0)
    rows = []
    for commune in communes:
        row = commune_summary(
            plans_issued=issued.get(commune.pk, {"n": 0})["n"],
            tasks=tasks.get(commune.pk, empty_tasks),
            registrations=models.get(commune.pk, {"live": 0})["live"],
            recognized=models.get(commune.pk, {"recognized": 0})["recognized"],
            eligible=eligible.get(commune.pk, {"n": 0})["n"],
            counted=counted.get(commune.pk, {"n": 0})["n"],
        )
        rows.append({"id": commune.pk, "name": commune.name} | row)
    return rows
