"""Plans (Kế hoạch), the documents they rest on, their sections, tasks and history.

One module per concern; every name is importable from `plans.models` as before:
- `references`: the catalogue of cited documents;
- `plan`: plans, their basis clauses and sections, workflow moves, imported files;
- `tasks`: tasks, their queryset and the one rule of "late" and "due soon";
- `tracking`: progress updates, evidence files, reminders, progress spreadsheets.
"""

from plans.models.plan import (
    HistoricalPlan,
    HistoricalPlanBasis,
    HistoricalSection,
    ImportRecord,
    Plan,
    PlanBasis,
    PlanQuerySet,
    PlanTransition,
    Section,
    plan_reference,
)
from plans.models.references import ReferenceDocument, ReferenceDocumentQuerySet
from plans.models.tasks import (
    DATED_OPEN_ORDER,
    RUNNING_PLAN_STATUS,
    TASK_URGENCY,
    URGENCY_ORDER,
    HistoricalTask,
    Task,
    TaskQuerySet,
    days_late_of,
    due_soon_condition,
    late_condition,
    task_urgency,
)
from plans.models.tracking import (
    EvidenceFile,
    ProgressUpdate,
    ProgressUpdateQuerySet,
    TaskReminder,
    TaskSheetImport,
    evidence_path,
)

__all__ = [
    "DATED_OPEN_ORDER",
    "RUNNING_PLAN_STATUS",
    "TASK_URGENCY",
    "URGENCY_ORDER",
    "EvidenceFile",
    "HistoricalPlan",
    "HistoricalPlanBasis",
    "HistoricalSection",
    "HistoricalTask",
    "ImportRecord",
    "Plan",
    "PlanBasis",
    "PlanQuerySet",
    "PlanTransition",
    "ProgressUpdate",
    "ProgressUpdateQuerySet",
    "ReferenceDocument",
    "ReferenceDocumentQuerySet",
    "Section",
    "Task",
    "TaskQuerySet",
    "TaskReminder",
    "TaskSheetImport",
    "days_late_of",
    "due_soon_condition",
    "evidence_path",
    "late_condition",
    "plan_reference",
    "task_urgency",
]
