"""URLs of the dashboards and periodic reports, mounted at the root under the namespace "reports"."""

from django.urls import path

from reports import views
from reports.workflows import PART_LIFECYCLE, REPORT_LIFECYCLE

app_name = "reports"

urlpatterns = [
    path("dashboard/", views.DashboardView.as_view(), name="dashboard"),
    path("dashboard/communes/", views.RollupView.as_view(), name="rollup"),
    path("dashboard/communes/xlsx/", views.RollupXlsxView.as_view(), name="rollup_xlsx"),
    path("dashboard/communes/<id:pk>/", views.CommuneDashboardView.as_view(), name="commune_dashboard"),
    path("reports/", views.ReportListView.as_view(), name="report_list"),
    path("reports/new/", views.ReportCreateView.as_view(), name="report_create"),
    path("reports/<id:pk>/", views.ReportDetailView.as_view(), name="report_detail"),
    path("reports/<id:pk>/edit/", views.ReportEditView.as_view(), name="report_edit"),
    path("reports/<id:pk>/regenerate/", views.ReportRegenerateView.as_view(), name="report_regenerate"),
    path("reports/<id:pk>/pdf/", views.ReportPdfView.as_view(), name="report_pdf"),
    path("reports/<id:pk>/xlsx/", views.ReportXlsxView.as_view(), name="report_xlsx"),
    path("reports/cycles/", views.CycleListView.as_view(), name="cycle_list"),
    path("reports/cycles/new/", views.CycleCreateView.as_view(), name="cycle_create"),
    path("reports/cycles/<id:pk>/", views.CycleDetailView.as_view(), name="cycle_detail"),
    path("reports/cycles/<id:pk>/remind/", views.CycleRemindView.as_view(), name="cycle_remind"),
    path("reports/parts/<id:pk>/", views.PartEditView.as_view(), name="part_edit"),
    *PART_LIFECYCLE.urls(views.PartTransitionView, prefix="reports/parts/<id:pk>/"),
    *REPORT_LIFECYCLE.urls(views.ReportTransitionView, prefix="reports/<id:pk>/"),
]
