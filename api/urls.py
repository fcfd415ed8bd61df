"""The REST API under /api/: the schema, its two readers, and one route per endpoint."""

from django.urls import path
from drf_spectacular.views import SpectacularAPIView

from api.views import reads
from api.views.docs import RedocView, SwaggerView
from api.views.signing import SignedCopyView
from api.views.tasks import EvidenceDownloadView, TaskProgressView

app_name = "api"

urlpatterns = [
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path("docs/", SwaggerView.as_view(), name="swagger"),
    path("redoc/", RedocView.as_view(), name="redoc"),
    path("units/", reads.UnitListView.as_view(), name="unit_list"),
    path("units/<id:pk>/", reads.UnitDetailView.as_view(), name="unit_detail"),
    path("plans/", reads.PlanListView.as_view(), name="plan_list"),
    path("plans/<id:pk>/", reads.PlanDetailView.as_view(), name="plan_detail"),
    path("tasks/", reads.TaskListView.as_view(), name="task_list"),
    path("tasks/<id:pk>/", reads.TaskDetailView.as_view(), name="task_detail"),
    path("tasks/<id:pk>/progress/", TaskProgressView.as_view(), name="task_progress"),
    path("evidence/<id:pk>/", EvidenceDownloadView.as_view(), name="evidence_download"),
    path("plans/<id:pk>/signed-copy/", SignedCopyView.as_view(kind="plan"), name="plan_signed_copy"),
    path("reports/<id:pk>/signed-copy/", SignedCopyView.as_view(kind="report"), name="report_signed_copy"),
    path("registrations/", reads.RegistrationListView.as_view(), name="registration_list"),
    path("registrations/<id:pk>/", reads.RegistrationDetailView.as_view(), name="registration_detail"),
    path("reports/", reads.ReportListView.as_view(), name="report_list"),
    path("reports/<id:pk>/", reads.ReportDetailView.as_view(), name="report_detail"),
]
