"""Task figures of a commune for a period: counts by status, by lead unit and by plan, and the late tasks.

Late means one thing here as everywhere: `plans.models.late_condition`, judged on the
period's `as_of` day. Each selector reads the period's tasks in a fixed number of queries.
"""

import dataclasses
import datetime

from django.db.models import Avg, BooleanField, Count, Exists, ExpressionWrapper, OuterRef, Q, QuerySet

from plans.choices import TaskStatus
from plans.models import Plan, Task, late_condition
from reports.selectors.periods import Period, day_text, period_issued_plans
from units.models import Unit

# The late tasks a report or dashboard lists one by one; the count covers them all.
LATE_LIST_LIMIT = 200


def task_count_expressions(as_of: datetime.date) -> dict:
    """Return the aggregate expressions of the task figures, the same for a commune, a plan and the roll-up."""
    return {
        "tasks_total": Count("pk"),
        "tasks_done": Count("pk", filter=Q(status=TaskStatus.DONE)),
        "tasks_late": Count("pk", filter=late_condition(as_of)),
        **{f"status_{status}": Count("pk", filter=Q(status=status)) for status in TaskStatus.values},
    }


def task_counts_by_plan(tasks: QuerySet[Task], as_of: datetime.date) -> dict[int, dict]:
    """Return {plan id: the task figures of `task_count_expressions`} of `tasks`, in one query.

    Counted per plan and status, so the database reads the "task_plan_status" index and never
    the task rows: a city's 100,000 tasks cost a tenth of the seven filtered counts per row.
    """
    empty = dict.fromkeys(task_count_expressions(as_of), 0)
    per_plan: dict[int, dict] = {}
    rows = (
        tasks.order_by()
        .values("plan_id", "status")
        .annotate(n=Count("pk"), late=Count("pk", filter=late_condition(as_of)))
        .values_list("plan_id", "status", "n", "late")
    )
    for plan_id, status, n, late in rows:
        counts = per_plan.setdefault(plan_id, dict(empty))
        counts["tasks_total"] += n
        counts["tasks_late"] += late
        counts[f"status_{status}"] = counts.get(f"status_{status}", 0) + n
        if status == TaskStatus.DONE:
            counts["tasks_done"] += n
    return per_plan


def plans_issued(unit_ids, period: Period) -> list[dict]:
    """Return the plans the units issued during the period, in order of issue, as the report lists them."""
    issued = (
        period_issued_plans(unit_ids, period)
        .order_by("issued_on", "number")
        .values("pk", "number", "symbol", "title", "issued_on")
    )
    return [
        {
            "id": p["pk"],
            "reference": f"{p['number']:02d}/{p['symbol']}",
            "title": p["title"],
            "issued_on": day_text(p["issued_on"]),
        }
        for p in issued
    ]


def task_counts(tasks: QuerySet[Task], as_of: datetime.date) -> dict:
    """Return the totals of `tasks` (all, done, late on `as_of`, one per status), in one query."""
    return tasks.order_by().aggregate(**task_count_expressions(as_of))


def tasks_by_status(counts: dict) -> list[dict]:
    """Return the count of each task status, in the order of the statuses, from `task_counts`."""
    return [{"status": s.value, "label": str(s.label), "n": counts[f"status_{s.value}"]} for s in TaskStatus]


@dataclasses.dataclass
class Leads:
    """Who leads each task: named directly or as a member of a lead group, each unit once per task."""

    units_of: dict[int, list[int]]  # task id -> lead unit ids, in order of id
    names: dict[int, str]  # unit id -> short name (or name)

    def names_of(self, task_id: int) -> str:
        return ", ".join(self.names[unit_id] for unit_id in self.units_of.get(task_id, []))


def task_leads(tasks: QuerySet[Task] | list[int]) -> Leads:
    """Return the lead units of `tasks` (a queryset or task ids) and their names, in three queries whatever their number."""
    task_ids = tasks.values("pk") if isinstance(tasks, QuerySet) else tasks
    pairs = set(Task.lead_units.through.objects.filter(task_id__in=task_ids).values_list("task_id", "unit_id"))
    pairs |= _group_pairs(tasks)
    names = _unit_names({u for _t, u in pairs})
    units_of: dict[int, list[int]] = {}
    for task_id, unit_id in sorted(pairs):
        units_of.setdefault(task_id, []).append(unit_id)
    return Leads(units_of=units_of, names=names)


def tasks_by_unit(tasks: QuerySet[Task], as_of: datetime.date) -> list[dict]:
    """Return, per lead unit, its tasks by status and how many are late, the busiest unit first.

    A task led by several units counts once for each, and a unit named both directly and through
    a lead group once; lateness is `late_condition`. The units named directly are counted by the
    database, grouped by unit and status (issue 19: reading a commune's 10,000 tasks and their
    leads into Python took most of its dashboard); only the few units named through a group
    alone have their tasks read one by one.
    """
    late = late_condition(as_of)
    counted = (
        tasks.order_by()
        .values_list("lead_units", "status")
        .annotate(n=Count("pk"), late=Count("pk", filter=late))
        .values_list("lead_units", "status", "n", "late")
    )
    rows = [row for row in counted if row[0] is not None]
    rows += _group_only_rows(tasks, late)
    names = _unit_names({unit_id for unit_id, *_counts in rows})
    statuses = TaskStatus.values  # computed by the enum on every read
    by_unit: dict[int, dict] = {}
    for unit_id, status, n, n_late in rows:
        row = by_unit.get(unit_id)
        if row is None:
            row = by_unit[unit_id] = {"unit_id": unit_id, "unit": names[unit_id], "total": 0, "late": 0}
            row |= dict.fromkeys(statuses, 0)
        row["total"] += n
        row[status] += n
        row["late"] += n_late
    return sorted(by_unit.values(), key=lambda r: (-r["total"], r["unit"]))


def _group_only_rows(tasks: QuerySet[Task], late: Q) -> list[tuple[int, str, int, int]]:
    """Return (unit id, status, 1, late 0 or 1) for each task led by a unit only as a member of a lead group."""
    pairs = _group_pairs(tasks)
    if not pairs:
        return []
    task_ids = {task_id for task_id, _unit_id in pairs}
    pairs -= set(Task.lead_units.through.objects.filter(task_id__in=task_ids).values_list("task_id", "unit_id"))
    is_late = ExpressionWrapper(late, output_field=BooleanField())
    state = {
        pk: (status, int(flag))
        for pk, status, flag in tasks.filter(pk__in=task_ids).values_list("pk", "status", is_late)
    }
    rows = []
    for task_id, unit_id in pairs:
        status, n_late = state[task_id]
        rows.append((unit_id, status, 1, n_late))
    return rows


def _group_pairs(tasks: QuerySet[Task] | list[int]) -> set[tuple[int, int]]:
    """Return (task id, unit id) for each member of each lead group of `tasks` (a queryset or task ids).

    A queryset is asked of each task named with a group (EXISTS): SQLite otherwise looked up
    every task of the commune once per group of the city (12 ms for none at 10,000 tasks).
    """
    of_tasks = Exists(tasks.filter(pk=OuterRef("task_id"))) if isinstance(tasks, QuerySet) else Q(task_id__in=tasks)
    return set(
        Task.lead_groups.through.objects.filter(of_tasks)
        .exclude(unitgroup__members=None)
        .values_list("task_id", "unitgroup__members")
    )


def _unit_names(unit_ids) -> dict[int, str]:
    """Return {unit id: short name, or name} of the units."""
    rows = Unit.objects.filter(pk__in=unit_ids).values_list("pk", "short_name", "name")
    return {pk: short or name for pk, short, name in rows}


def late_by_unit(by_unit: list[dict]) -> list[dict]:
    """Return the units with late tasks and how many, the most late first, from `tasks_by_unit`."""
    return sorted(
        ({"unit_id": r["unit_id"], "unit": r["unit"], "n": r["late"]} for r in by_unit if r["late"]),
        key=lambda r: (-r["n"], r["unit"]),
    )


def late_tasks(tasks: QuerySet[Task], as_of: datetime.date) -> list[dict]:
    """Return the first LATE_LIST_LIMIT tasks late on `as_of`, the longest late first, with their lead units."""
    rows = list(
        tasks.late(as_of)
        .order_by("next_due_on", "pk")
        .values("pk", "content", "next_due_on", "plan_id", "plan__number", "plan__symbol")[:LATE_LIST_LIMIT]
    )
    leads = task_leads([t["pk"] for t in rows])
    return [
        {
            "id": t["pk"],
            "content": t["content"][:300],
            "plan_id": t["plan_id"],
            "plan": f"{t['plan__number']:02d}/{t['plan__symbol']}" if t["plan__number"] else "",
            "due": day_text(t["next_due_on"]),
            "days_late": (as_of - t["next_due_on"]).days,
            "units": leads.names_of(t["pk"]),
        }
        for t in rows
    ]


def plan_progress(plans: QuerySet[Plan], tasks: QuerySet[Task], as_of: datetime.date) -> list[dict]:
    """Return each plan of the period with its tasks, done, late and average progress (cancelled tasks left out).

    `tasks` are the tasks of `plans` (`period_tasks` of the same units and period): they are
    counted per plan with the same expressions as every other task figure, in one query.
    """
    counts = task_count_expressions(as_of)
    per_plan = {
        row["plan_id"]: row
        for row in tasks.order_by()
        .values("plan_id")
        .annotate(
            total=counts["tasks_total"],
            done=counts["tasks_done"],
            late=counts["tasks_late"],
            avg_progress=Avg("progress", filter=~Q(status=TaskStatus.CANCELLED)),
        )
    }
    empty = {"total": 0, "done": 0, "late": 0, "avg_progress": None}
    rows = []
    for p in plans.order_by("issued_on", "number").only("pk", "number", "symbol", "title"):
        n = per_plan.get(p.pk, empty)
        rows.append(
            {
                "id": p.pk,
                "reference": p.reference,
                "title": p.title,
                "total": n["total"],
                "done": n["done"],
                "late": n["late"],
                "progress": round(n["avg_progress"] or 0),
            }
        )
    return rows
