from django.urls import path

from units import views

app_name = "units"

urlpatterns = [
    path("", views.UnitListView.as_view(), name="unit_list"),
    path("<id:pk>/", views.UnitDetailView.as_view(), name="unit_detail"),
    path("notifications/", views.NotificationListView.as_view(), name="notification_list"),
    path("notifications/read/", views.NotificationReadView.as_view(), name="notification_read"),
    path("notifications/settings/", views.NotificationSettingsView.as_view(), name="notification_settings"),
]
