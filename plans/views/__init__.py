"""Views of the plans app, one module per concern: authoring and workflow, document downloads, imports."""

from plans.views.authoring import (
    BasisAddView,
    PartDeleteView,
    PartFormView,
    PartMoveView,
    PlanCopyView,
    PlanCreateView,
    PlanDetailView,
    PlanEditView,
    PlanListView,
    PlanMixin,
    PlanPreviewView,
    ReferenceCreateView,
    ReferenceSearchView,
    TransitionView,
)
from plans.views.documents import PlanDocxView, PlanPdfView
from plans.views.imports import ImportConfirmIssuedView, ImportReviewView, PlanImportView

__all__ = [
    "BasisAddView",
    "ImportConfirmIssuedView",
    "ImportReviewView",
    "PartDeleteView",
    "PartFormView",
    "PartMoveView",
    "PlanCopyView",
    "PlanCreateView",
    "PlanDetailView",
    "PlanDocxView",
    "PlanEditView",
    "PlanImportView",
    "PlanListView",
    "PlanMixin",
    "PlanPdfView",
    "PlanPreviewView",
    "ReferenceCreateView",
    "ReferenceSearchView",
    "TransitionView",
]
