"""Every figure of one commune for one period, composed from the small selectors of the package."""

import dataclasses
import datetime

from django.utils import timezone

from models_registry.choices import RegistrationStatus
from reports.selectors import registrations as reg
from reports.selectors import tasks as task_figures
from reports.selectors.periods import Period, percent, period_plans, period_tasks
from units.models import Unit
from units.scope import subtree_ids


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


def commune_summary(
    *, plans_issued: int, tasks: dict, registrations: int, recognized: int, eligible: int, counted: int
):
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


def commune_figures(government: Unit, period: Period, *, today: datetime.date | None = None) -> CommuneFigures:
    """Return every figure of `government` (a commune) for `period`, in a fixed number of queries.

    Lateness is judged on `period.as_of(today)`: today, or the day after a past period.
    """
    as_of = period.as_of(today or timezone.localdate())
    unit_ids = subtree_ids(government)
    tasks = period_tasks(unit_ids, period)

    issued = task_figures.plans_issued(unit_ids, period)
    counts = task_figures.task_counts(tasks, as_of)
    by_unit = task_figures.tasks_by_unit(tasks, as_of)

    registrations = reg.period_registrations(government, period)
    by_field = reg.models_by_field(registrations)
    status_counts = reg.registration_status_counts(registrations)
    exemplars, commendations = reg.honours(registrations)
    coverage = reg.coverage(government, period)

    return CommuneFigures(
        government_id=government.pk,
        government_name=government.name,
        period_kind=period.kind,
        year=period.year,
        period_label=period.label,
        start=period.start.isoformat(),
        end=period.end.isoformat(),
        as_of=as_of.isoformat(),
        summary=commune_summary(
            plans_issued=len(issued),
            tasks=counts,
            registrations=sum(r["n"] for r in by_field),
            recognized=status_counts.get(RegistrationStatus.RECOGNIZED, 0),
            eligible=sum(c["eligible"] for c in coverage),
            counted=sum(c["counted"] for c in coverage),
        ),
        plans_issued=issued,
        tasks_by_status=task_figures.tasks_by_status(counts),
        tasks_by_unit=by_unit,
        late_tasks=task_figures.late_tasks(tasks, as_of),
        late_by_unit=task_figures.late_by_unit(by_unit),
        plan_progress=task_figures.plan_progress(period_plans(unit_ids, period), tasks, as_of),
        models_by_field=by_field,
        models_by_status=reg.models_by_status(status_counts),
        models_by_level=reg.models_by_level(registrations),
        coverage=coverage,
        exemplars=exemplars,
        commendations=commendations,
    )
