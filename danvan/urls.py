"""URL map of the portal. Every app mounts its own `urls.py` here."""

from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path, register_converter

from danvan import views
from danvan.converters import IdConverter
from units.forms import LoginForm
from units.views import TwoFactorSetupView, TwoFactorVerifyView

register_converter(IdConverter, "id")

admin.site.site_header = "Quản trị Cổng Dân vận"
admin.site.site_title = "Cổng Dân vận"
admin.site.index_title = "Quản trị hệ thống"

urlpatterns = [
    path("", include("reports.urls")),
    path("", include("reports.portal_urls")),
    path(
        "accounts/login/",
        auth_views.LoginView.as_view(authentication_form=LoginForm, redirect_authenticated_user=True),
        name="login",
    ),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("accounts/password/", auth_views.PasswordChangeView.as_view(), name="password_change"),
    path("accounts/password/done/", auth_views.PasswordChangeDoneView.as_view(), name="password_change_done"),
    path("accounts/2fa/", TwoFactorVerifyView.as_view(), name="two_factor_verify"),
    path("accounts/2fa/setup/", TwoFactorSetupView.as_view(), name="two_factor_setup"),
    path("units/tokens/", include("api.token_urls")),
    path("units/", include("units.urls")),
    path("plans/", include("plans.urls")),
    path("tasks/", include(("plans.task_urls", "tasks"))),
    path("models/", include("models_registry.urls")),
    path("register/", include("register.urls")),
    path("public/", include("public.urls")),
    path("help/", include("danvan.help_views")),
    path("jobs/", include("danvan.jobs.urls")),
    path("signing/", include("signing.urls")),
    path("api/", include("api.urls")),
    path("healthz", views.healthz, name="healthz"),
    path("admin/", admin.site.urls),
]

handler400 = "danvan.views.error_400"
handler403 = "danvan.views.error_403"
handler404 = "danvan.views.error_404"
handler500 = "danvan.views.error_500"
