from django.urls import path

from danvan.jobs import views

app_name = "jobs"

urlpatterns = [
    path("<uuid:pk>/", views.JobDetailView.as_view(), name="job_detail"),
    path("<uuid:pk>/download/", views.JobDownloadView.as_view(), name="job_download"),
]
