"""Figures for the home pages, dashboards and periodic reports.

Every number shown to a leader, printed in a report or written to its Excel
workbook comes from here, so the three can never disagree. Each figure is read
in a fixed number of queries (aggregate, annotate, values), whatever the number
of plans, tasks, registrations or communes. One module per concern:
- `home`: the home pages;
- `periods`: reporting periods and the plans and tasks running in them;
- `tasks`: task figures (by status, by lead unit, by plan, the late tasks);
- `registrations`: "Dân vận khéo" models and campaign coverage;
- `commune`: every figure of one commune (`commune_figures`), composed from the above;
- `rollup`: the key figures of every commune under a supervisor;
- `cache`: the figures of a period, kept until a row of its year changes.
"""

from reports.selectors.cache import period_figures
from reports.selectors.commune import CommuneFigures, commune_figures, commune_summary
from reports.selectors.home import commune_rollup, home_summary
from reports.selectors.periods import (
    Period,
    day_text,
    percent,
    period_issued_plans,
    period_plans,
    period_tasks,
)
from reports.selectors.registrations import (
    coverage,
    honours,
    models_by_field,
    models_by_level,
    models_by_status,
    period_registrations,
    registration_status_counts,
)
from reports.selectors.rollup import communes_under, rollup_figures
from reports.selectors.tasks import (
    LATE_LIST_LIMIT,
    Leads,
    late_by_unit,
    late_tasks,
    plan_progress,
    plans_issued,
    task_count_expressions,
    task_counts,
    task_leads,
    tasks_by_status,
    tasks_by_unit,
)

__all__ = [
    "LATE_LIST_LIMIT",
    "period_figures",
    "CommuneFigures",
    "Leads",
    "Period",
    "commune_figures",
    "commune_rollup",
    "commune_summary",
    "communes_under",
    "coverage",
    "day_text",
    "home_summary",
    "honours",
    "late_by_unit",
    "late_tasks",
    "models_by_field",
    "models_by_level",
    "models_by_status",
    "percent",
    "period_issued_plans",
    "period_plans",
    "period_registrations",
    "period_tasks",
    "plan_progress",
    "plans_issued",
    "registration_status_counts",
    "rollup_figures",
    "task_count_expressions",
    "task_counts",
    "task_leads",
    "tasks_by_status",
    "tasks_by_unit",
]
