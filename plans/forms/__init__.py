"""Forms of the plans app: authoring (the plan, its bases, sections and tasks) and task tracking."""

from plans.forms.authoring import (
    BasisEditForm,
    BasisForm,
    CommentForm,
    CopyForm,
    PlanForm,
    ReferenceForm,
    ReturnForm,
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
    "CommentForm",
    "CopyForm",
    "EvidenceField",
    "MultipleFileInput",
    "PercentField",
    "PlanForm",
    "ProgressForm",
    "ProgressSheetForm",
    "ReferenceForm",
    "ReturnForm",
    "SectionForm",
    "TaskCancelForm",
    "TaskCommentForm",
    "TaskForm",
    "parse_percent",
]
