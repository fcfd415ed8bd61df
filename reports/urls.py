from django.urls import path

from reports import views

urlpatterns = [
    path("", views.HomeView.as_view(), name="home"),
]
