"""Figures for the home pages, dashboards and periodic reports.

Every number shown to a leader, printed in a report or written to its Excel
workbook comes from here, so the three can never disagree. Each figure is read
in a fixed number of queries (aggregate, annotate, values), whatever the number
of plans, tasks, registrations or communes.
"""

import dataclasses
import datetime

from django.db.models import Avg, Count, F, Q, QuerySet
from django.utils import timezone

from models_registry.choices import COUNTED_STATUSES, RecognitionLevel, RegistrationStatus
from models_registry.models import Campaign, Registration
from models_registry.selectors import campaign_coverage
from plans.choices import CLOSED_TASK_STATUSES, PlanStatus, TaskStatus
from plans.models import Plan, Task
from reports.choices import PeriodKind
from units.choices import UnitKind
from units.models import Unit
from units.scope import scope_of, subtree_ids

# The late tasks a report or dashboard lists one by one; the count covers them all.
LATE_LIST_LIMIT = 200


def home_summary(*, user) -> dict:
    """Return what the user's home page shows: their workplace and the units and people in scope."""
    scope = scope_of(user)
    root, units = scope.root, scope.units()
    by_kind = dict(units.exclude(pk=root.pk).values_list("kind").annotate(n=Count("pk")))
    return {
        "government": root,
        "units_by_kind": [(UnitKind(kind).label, kind, by_kind[kind]) for kind in UnitKind.values if by_kind.get(kind)],
        "people_count": units.aggregate(n=Count("people", filter=Q(people__is_active=True)))["n"],
        "own_unit_people": user.unit.people.filter(is_active=True).exclude(pk=user.pk).order_by("full_name"),
    }


def commune_rollup(*, user):
    """Return the communes under a supervisor's government with their unit and people counts."""
    return (
        scope_of(user)
        .units()
        .filter(kind=UnitKind.COMMUNE)
        .annotate(unit_count=Count("children", distinct=True), people_count=Count("children__people", distinct=True))
        .order_by("name")
    )


# --- periods ----------------------------------------------------------------------------------------


@dataclasses.dataclass(frozen=True)
class Period:
    """A reporting period: the first or second half of a year, or the whole year."""

    kind: str
    year: int

    @property
    def start(self) -> datetime.date:
        return datetime.date(self.year, 7 if self.kind == PeriodKind.SECOND_HALF else 1, 1)

    @property
    def end(self) -> datetime.date:
        return (
            datetime.date(self.year, 6, 30) if self.kind == PeriodKind.FIRST_HALF else datetime.date(self.year, 12, 31)
        )

    @property
    def label(self) -> str:
        """Return "6 tháng cuối năm 2025" or "năm 2025"."""
        return f"năm {self.year}" if self.kind == PeriodKind.YEAR else f"{PeriodKind(self.kind).label} {self.year}"

    def as_of(self, today: datetime.date) -> datetime.date:
        """Return the day lateness is judged on: today, or the day after the period for a past period."""
        return min(today, self.end + datetime.timedelta(days=1))

    @classmethod
    def containing(cls, day: datetime.date) -> "Period":
        """Return the half-year containing `day`."""
        return cls(PeriodKind.FIRST_HALF if day.month <= 6 else PeriodKind.SECOND_HALF, day.year)

    @classmethod
    def from_query(cls, params, today: datetime.date) -> "Period":
        """Read `?period=&year=` from a query string, falling back to the current half-year on bad input."""
        default = cls.containing(today)
        kind = params.get("period", "")
        try:
            year = int(params.get("year", ""))
        except ValueError:
            year = default.year
        if kind not in PeriodKind.values:
            kind = default.kind
        if not 2000 <= year <= 2100:
            year = default.year
        return cls(kind, year)


def percent(part: int, whole: int) -> int:
    """Return `part` as a whole percent of `whole`, 0 when `whole` is 0."""
    return round(part * 100 / whole) if whole else 0


def period_plans(unit_ids, period: Period) -> QuerySet[Plan]:
    """Return the published plans of the units that run during the period: issued by its end, not ended before it."""
    return Plan.objects.issued().filter(
        Q(period_end__isnull=True) | Q(period_end__gte=period.start),
        issuing_unit_id__in=unit_ids,
        issued_on__lte=period.end,
    )


def period_tasks(unit_ids, period: Period) -> QuerySet[Task]:
    """Return the tasks followed up in the period: those of the plans running in it (see `period_plans`).

    The plan conditions are joined rather than nested, so the roll-up scans the tasks once.
    """
    return Task.objects.running_between(period.start, period.end).filter(plan__issuing_unit_id__in=unit_ids)


def _task_counts(as_of: datetime.date) -> dict:
    """Return the aggregate expressions of the task figures, the same for one commune and for the roll-up."""
    return {
        "tasks_total": Count("pk"),
        "tasks_done": Count("pk", filter=Q(status=TaskStatus.DONE)),
        "tasks_late": Count("pk", filter=Task.objects.overdue_condition(as_of)),
        **{f"status_{status}": Count("pk", filter=Q(status=status)) for status in TaskStatus.values},
    }


# --- one commune --------------------------------------------------------------------------------------


@dataclasses.dataclass
class CommuneFigures:
    """Every figure of one commune for one period: the dashboard, the report and its workbook read these.

    Plain values only (strings, numbers, lists of dicts), so a report stores it as
    JSON when issued (`as_dict`) and reads it back unchanged (`from_dict`).
    """

    government_id: int
    government_name: str
    period_kind: str
    year: int
    period_label: str
    start: str
    end: str
    as_of: str
    summary: dict
    plans_issued: list
    tasks_by_status: list
    tasks_by_unit: list
    late_tasks: list
    late_by_unit: list
    plan_progress: list
    models_by_field: list
    models_by_status: list
    models_by_level: list
    coverage: list
    exemplars: list
    commendations: list

    @property
    def is_empty(self) -> bool:
        """Whether the period has no plan, task, campaign or registration at all."""
        s = self.summary
        return not (s["plans_issued"] or s["tasks_total"] or s["registrations"] or self.coverage or self.plan_progress)

    @property
    def late_not_listed(self) -> int:
        return max(0, self.summary["tasks_late"] - len(self.late_tasks))

    def as_dict(self) -> dict:
        return dataclasses.asdict(self)

    @classmethod
    def from_dict(cls, data: dict) -> "CommuneFigures":
        names = {f.name for f in dataclasses.fields(cls)}
        return cls(**{key: value for key, value in data.items() if key in names})


def _summary(*, plans_issued: int, tasks: dict, registrations: int, recognized: int, eligible: int, counted: int):
    """Return the key figures of a commune: the dashboard's cards and the roll-up's columns."""
    return {
        "plans_issued": plans_issued,
        "tasks_total": tasks["tasks_total"],
        "tasks_done": tasks["tasks_done"],
        "tasks_late": tasks["tasks_late"],
        "tasks_done_percent": percent(tasks["tasks_done"], tasks["tasks_total"]),
        "registrations": registrations,
        "recognized": recognized,
        "eligible": eligible,
        "counted": counted,
        "coverage_percent": percent(counted, eligible),
    }


def _d(day) -> str:
    return f"{day:%d/%m/%Y}" if day else ""


def commune_figures(government: Unit, period: Period, *, today: datetime.date | None = None) -> CommuneFigures:
    """Return every figure of `government` (a commune) for `period`, in a fixed number of queries."""
    today = today or timezone.localdate()
    as_of = period.as_of(today)
    unit_ids = subtree_ids(government)
    plans = period_plans(unit_ids, period)
    tasks = period_tasks(unit_ids, period)

    issued = list(
        Plan.objects.issued()
        .filter(issuing_unit_id__in=unit_ids, issued_on__gte=period.start, issued_on__lte=period.end)
        .order_by("issued_on", "number")
        .values("pk", "number", "symbol", "title", "issued_on")
    )
    plans_issued = [
        {
            "id": p["pk"],
            "reference": f"{p['number']:02d}/{p['symbol']}",
            "title": p["title"],
            "issued_on": _d(p["issued_on"]),
        }
        for p in issued
    ]

    counts = tasks.order_by().aggregate(**_task_counts(as_of))
    tasks_by_status = [{"status": s.value, "label": str(s.label), "n": counts[f"status_{s.value}"]} for s in TaskStatus]

    # Lead units: named directly or members of a lead group; a task counts once per unit.
    rows = tasks.order_by().values_list("pk", "status", "next_due_on", "plan__status")
    # Late as TaskQuerySet.overdue says: open, due before the day, in a running (not completed) plan.
    task_state = {
        pk: (
            status,
            status not in CLOSED_TASK_STATUSES and due is not None and due < as_of and plan == PlanStatus.ISSUED,
        )
        for pk, status, due, plan in rows
    }
    pairs = set(
        Task.lead_units.through.objects.filter(task_id__in=tasks.values("pk")).values_list("task_id", "unit_id")
    )
    pairs |= set(
        Task.lead_groups.through.objects.filter(task_id__in=tasks.values("pk"))
        .exclude(unitgroup__members=None)
        .values_list("task_id", "unitgroup__members")
    )
    names = {
        pk: short or name
        for pk, short, name in Unit.objects.filter(pk__in={u for _t, u in pairs}).values_list(
            "pk", "short_name", "name"
        )
    }
    by_unit: dict[int, dict] = {}
    leads_of: dict[int, list[int]] = {}
    for task_id, unit_id in sorted(pairs):
        status, late = task_state[task_id]
        row = by_unit.setdefault(
            unit_id,
            {"unit_id": unit_id, "unit": names[unit_id], "total": 0, "late": 0} | dict.fromkeys(TaskStatus.values, 0),
        )
        row["total"] += 1
        row[status] += 1
        row["late"] += late
        leads_of.setdefault(task_id, []).append(unit_id)
    tasks_by_unit = sorted(by_unit.values(), key=lambda r: (-r["total"], r["unit"]))
    late_by_unit = sorted(
        ({"unit_id": r["unit_id"], "unit": r["unit"], "n": r["late"]} for r in by_unit.values() if r["late"]),
        key=lambda r: (-r["n"], r["unit"]),
    )

    late_rows = (
        tasks.overdue(as_of)
        .order_by("next_due_on", "pk")
        .values("pk", "content", "next_due_on", "plan_id", "plan__number", "plan__symbol")[:LATE_LIST_LIMIT]
    )
    late_tasks = [
        {
            "id": t["pk"],
            "content": t["content"][:300],
            "plan_id": t["plan_id"],
            "plan": f"{t['plan__number']:02d}/{t['plan__symbol']}" if t["plan__number"] else "",
            "due": _d(t["next_due_on"]),
            "days_late": (as_of - t["next_due_on"]).days,
            "units": ", ".join(by_unit[u]["unit"] for u in leads_of.get(t["pk"], [])),
        }
        for t in late_rows
    ]

    open_q = ~Q(tasks__status__in=CLOSED_TASK_STATUSES)
    plan_progress = [
        {
            "id": p.pk,
            "reference": p.reference,
            "title": p.title,
            "total": p.n_total,
            "done": p.n_done,
            "late": p.n_late,
            "progress": round(p.avg_progress or 0),
        }
        for p in plans.order_by("issued_on", "number")
        .only("pk", "number", "symbol", "title")
        .annotate(
            n_total=Count("tasks"),
            n_done=Count("tasks", filter=Q(tasks__status=TaskStatus.DONE)),
            n_late=Count("tasks", filter=open_q & Q(tasks__next_due_on__lt=as_of, status=PlanStatus.ISSUED)),
            avg_progress=Avg("tasks__progress", filter=~Q(tasks__status=TaskStatus.CANCELLED)),
        )
    ]

    registrations = Registration.objects.filter(campaign__issuing_unit=government, campaign__year=period.year)
    live = registrations.exclude(status=RegistrationStatus.DROPPED)
    models_by_field = [
        {"field_id": r["field_id"], "field": r["field__name"], "n": r["n"]}
        for r in live.order_by().values("field_id", "field__name").annotate(n=Count("pk")).order_by("-n", "field__name")
    ]
    status_counts = dict(registrations.order_by().values_list("status").annotate(n=Count("pk")))
    models_by_status = [
        {"status": s.value, "label": str(s.label), "n": status_counts.get(s.value, 0)} for s in RegistrationStatus
    ]
    level_counts = dict(
        registrations.filter(status=RegistrationStatus.RECOGNIZED)
        .order_by()
        .values_list("recognition_level")
        .annotate(n=Count("pk"))
    )
    models_by_level = [
        {"level": lv.value, "label": str(lv.label), "n": level_counts.get(lv.value, 0)} for lv in RecognitionLevel
    ]
    honoured = (
        registrations.filter(Q(is_exemplary=True) | ~Q(commendation_form=""))
        .select_related("unit", "field")
        .order_by("unit__position", "name")
    )
    exemplars, commendations = [], []
    for r in honoured:
        row = {"id": r.pk, "name": r.name, "unit": r.unit.short_name or r.unit.name, "field": r.field.name}
        if r.is_exemplary:
            exemplars.append(row | {"level": r.get_recognition_level_display()})
        if r.commendation_form:
            commendations.append(
                row
                | {
                    "form": r.get_commendation_form_display(),
                    "decision": r.commendation_decision,
                    "date": _d(r.commendation_date),
                }
            )

    coverage = []
    for campaign in Campaign.objects.filter(issuing_unit=government, year=period.year).order_by("name"):
        c = campaign_coverage(campaign)
        coverage.append(
            {
                "campaign_id": campaign.pk,
                "name": campaign.name,
                "eligible": c.eligible,
                "counted": c.counted,
                "pending": c.pending,
                "target_percent": c.target_percent,
                "target_units": c.target_units,
                "share": c.share,
                "target_reached": c.target_reached,
            }
        )

    return CommuneFigures(
        government_id=government.pk,
        government_name=government.name,
        period_kind=period.kind,
        year=period.year,
        period_label=period.label,
        start=period.start.isoformat(),
        end=period.end.isoformat(),
        as_of=as_of.isoformat(),
        summary=_summary(
            plans_issued=len(plans_issued),
            tasks=counts,
            registrations=sum(r["n"] for r in models_by_field),
            recognized=status_counts.get(RegistrationStatus.RECOGNIZED, 0),
            eligible=sum(c["eligible"] for c in coverage),
            counted=sum(c["counted"] for c in coverage),
        ),
        plans_issued=plans_issued,
        tasks_by_status=tasks_by_status,
        tasks_by_unit=tasks_by_unit,
        late_tasks=late_tasks,
        late_by_unit=late_by_unit,
        plan_progress=plan_progress,
        models_by_field=models_by_field,
        models_by_status=models_by_status,
        models_by_level=models_by_level,
        coverage=coverage,
        exemplars=exemplars,
        commendations=commendations,
    )


# --- every commune under a supervisor ----------------------------------------------------------------


def communes_under(root: Unit) -> tuple[list[Unit], dict[int, int]]:
    """Return the communes under `root` and a map of every unit id below them to its commune's id.

    One query per level of the tree, however many communes there are.
    """
    ids = subtree_ids(root)
    rows = list(Unit.objects.filter(pk__in=ids).values_list("pk", "parent_id", "kind", "name"))
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
    communes, commune_of = communes_under(root)
    unit_ids = list(commune_of)
    commune_ids = [c.pk for c in communes]

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

    task_fields = list(_task_counts(as_of))
    tasks = fold(
        period_tasks(unit_ids, period).order_by().values("plan__issuing_unit_id").annotate(**_task_counts(as_of)),
        "plan__issuing_unit_id",
        task_fields,
    )
    issued = fold(
        Plan.objects.issued()
        .filter(issuing_unit_id__in=unit_ids, issued_on__gte=period.start, issued_on__lte=period.end)
        .order_by()
        .values("issuing_unit_id")
        .annotate(n=Count("pk")),
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
        row = _summary(
            plans_issued=issued.get(commune.pk, {"n": 0})["n"],
            tasks=tasks.get(commune.pk, empty_tasks),
            registrations=models.get(commune.pk, {"live": 0})["live"],
            recognized=models.get(commune.pk, {"recognized": 0})["recognized"],
            eligible=eligible.get(commune.pk, {"n": 0})["n"],
            counted=counted.get(commune.pk, {"n": 0})["n"],
        )
        rows.append({"id": commune.pk, "name": commune.name} | row)
    return rows
