"""URLs of task tracking, mounted at /tasks/ under the namespace "tasks" (danvan/urls.py)."""

from django.urls import path

from plans import views

app_name = "tasks"

urlpatterns = [
    path("", views.TaskListView.as_view(), name="task_list"),
    path("export.xlsx", views.TaskExportView.as_view(), name="task_export"),
    path("mine/", views.UnitTaskListView.as_view(), name="unit_tasks"),
    path("mine/export.xlsx", views.UnitTaskExportView.as_view(), name="unit_task_export"),
    path("mine/import/", views.SheetImportView.as_view(), name="sheet_import"),
    path("mine/import/<id:pk>/", views.SheetPreviewView.as_view(), name="sheet_preview"),
    path("mine/import/<id:pk>/apply/", views.SheetApplyView.as_view(), name="sheet_apply"),
    path("calendar/", views.TaskCalendarView.as_view(), name="task_calendar"),
    path("evidence/<id:pk>/", views.EvidenceDownloadView.as_view(), name="evidence_download"),
    path("<id:pk>/", views.TaskDetailView.as_view(), name="task_detail"),
    path("<id:pk>/progress/", views.TaskProgressView.as_view(), name="task_progress"),
    path("<id:pk>/comment/", views.TaskCommentView.as_view(), name="task_comment"),
    path("<id:pk>/cancel/", views.TaskCancelView.as_view(), name="task_cancel"),
]
