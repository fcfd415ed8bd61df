"""URLs of the public pages, mounted at /public/: no login for any of them but the leader's publish switches."""

from django.urls import path

from public import views

app_name = "public"

urlpatterns = [
    path("", views.index, name="index"),
    path("<id:unit>/", views.government, name="government"),
    path("<id:unit>/feed/", views.feed, name="feed"),
    path("<id:unit>/plans/<id:pk>/", views.plan, name="plan"),
    path("<id:unit>/plans/<id:pk>/pdf/", views.plan_pdf, name="plan_pdf"),
    path("<id:unit>/reports/<id:pk>/pdf/", views.report_pdf, name="report_pdf"),
    path("publish/plans/<id:pk>/", views.PlanPublishView.as_view(), name="plan_publish"),
    path("publish/reports/<id:pk>/", views.ReportPublishView.as_view(), name="report_publish"),
]
