"""Home pages per role, the leader's dashboard, the supervisor's roll-up and periodic reports.

One module per concern; every view stays importable from `reports.views`, which the URL modules use.
"""

from reports.views.cycles import (
    CycleCreateView,
    CycleDetailView,
    CycleListView,
    CycleMixin,
    CycleRemindView,
    PartEditView,
    PartMixin,
)
from reports.views.dashboards import (
    CommuneDashboardMixin,
    CommuneDashboardView,
    DashboardView,
    RollupView,
    RollupXlsxView,
    chart_data,
    period_choices,
)
from reports.views.home import HomeView
from reports.views.periodic import (
    ReportCreateView,
    ReportDetailView,
    ReportDocumentView,
    ReportEditView,
    ReportListView,
    ReportMixin,
    ReportPdfView,
    ReportRegenerateView,
    ReportXlsxView,
    reports_visible_to,
)
from reports.views.workflow import PartTransitionView, ReportTransitionView

__all__ = [
    "CommuneDashboardMixin",
    "CommuneDashboardView",
    "CycleCreateView",
    "CycleDetailView",
    "CycleListView",
    "CycleMixin",
    "CycleRemindView",
    "DashboardView",
    "HomeView",
    "PartEditView",
    "PartMixin",
    "ReportCreateView",
    "ReportDetailView",
    "ReportDocumentView",
    "ReportEditView",
    "ReportListView",
    "ReportMixin",
    "ReportPdfView",
    "ReportRegenerateView",
    "PartTransitionView",
    "ReportTransitionView",
    "ReportXlsxView",
    "RollupView",
    "RollupXlsxView",
    "chart_data",
    "period_choices",
    "reports_visible_to",
]
