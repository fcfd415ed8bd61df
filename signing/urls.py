from django.urls import path

from signing import views

app_name = "signing"

urlpatterns = [
    path("<str:kind>/<int:pk>/signed-copy/", views.SignedCopyView.as_view(), name="signed_copy"),
]
