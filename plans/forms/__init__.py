"""Forms of the plans app: authoring (the plan, its bases, sections and tasks) and task tracking."""

from plans.forms.authoring import (
    BasisEditForm,
    BasisForm,
    CopyForm,
    PlanForm,
    ReferenceForm,
    SectionForm,
    TaskForm,
)
from plans.forms.tracking import (
    PERCENT_ERROR,
    EvidenceField,
    MultipleFileInput,
    PercentField,
    ProgressForm,
    ProgressSheetForm,
    TaskCancelForm,
    TaskCommentForm,
    parse_percent,
)

__all__ = [
    "PERCENT_ERROR",
    "BasisEditForm",
    "BasisForm",
    "CopyForm",
    "EvidenceField",
    "MultipleFileInput",
    "PercentField",
    "PlanForm",
    "ProgressForm",
    "ProgressSheetForm",
    "ReferenceForm",
    "SectionForm",
    "TaskCancelForm",
    "TaskCommentForm",
    "TaskForm",
    "parse_percent",
]
