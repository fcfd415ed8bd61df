"""Views of the unit directory. Every view is for people with a workplace; data is scoped."""

from base64 import b32encode

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views import View
from django.views.generic import DetailView, TemplateView
from django_otp import login as otp_login
from django_otp import match_token
from django_otp.plugins.otp_totp.models import TOTPDevice

from danvan.views import PortalMixin, SortMixin, paginate
from units import selectors, services, twofactor
from units.filters import UnitFilter
from units.forms import EnrolmentCodeForm, NotificationSettingsForm, OneTimeCodeForm
from units.scope import scope_of


class UnitListView(PortalMixin, SortMixin, TemplateView):
    """The units of the user's government, searchable. Any role."""

    permission = "units.view_directory"
    template_name = "units/unit_list.html"
    sort_options = {
        "name": ("name",),
        "-name": ("-name",),
        "kind": ("kind", "name"),
        "people": ("-people_count", "name"),
    }
    default_sort = "name"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        unit_filter = UnitFilter(self.request.GET, queryset=selectors.unit_directory(user=self.request.user))
        context["filter"] = unit_filter
        context["page"] = paginate(self.request, self.sort_queryset(unit_filter.qs), per_page=50)
        context["sort"] = self.get_sort()
        return context


class UnitDetailView(PortalMixin, DetailView):
    """One unit: its sub-units, people and groups. Any role, within its scope (404 outside)."""

    permission = "units.view_unit"
    template_name = "units/unit_detail.html"
    context_object_name = "unit"

    def get_object(self, queryset=None):
        if not hasattr(self, "_object"):
            self._object = get_object_or_404(
                scope_of(self.request.user).units().select_related("parent"), pk=self.kwargs["pk"]
            )
        return self._object

    def get_permission_object(self):
        return self.get_object()

    def get_context_data(self, **kwargs):
        return super().get_context_data(**kwargs, **selectors.unit_profile(unit=self.object))


class NotificationListView(PortalMixin, TemplateView):
    """The user's own notifications, newest first. Any role."""

    permission = "units.view_directory"
    template_name = "units/notification_list.html"

    def get_context_data(self, **kwargs):
        notifications = self.request.user.notifications.all()
        return super().get_context_data(page=paginate(self.request, notifications, per_page=30), **kwargs)


class NotificationSettingsView(PortalMixin, View):
    """The person's choice, per kind of notification, of email at once, a daily digest or in-app only. Any role."""

    permission = "units.view_directory"
    template_name = "units/notification_settings.html"

    def get(self, request):
        return self.render(NotificationSettingsForm(user=request.user))

    def post(self, request):
        form = NotificationSettingsForm(request.POST, user=request.user)
        if not form.is_valid():
            return self.render(form, status=400)
        services.notification_modes_set(user=request.user, modes=form.modes())
        messages.success(request, "Đã lưu cách nhận thông báo.")
        return redirect("units:notification_settings")

    def render(self, form, status=200):
        return render(
            self.request, self.template_name, {"form": form, "has_email": bool(self.request.user.email)}, status=status
        )


class NotificationReadView(PortalMixin, View):
    """Mark the user's notifications as read (all, or one), then go back. Any role; POST only."""

    permission = "units.view_directory"
    http_method_names = ["post"]

    def post(self, request):
        ids = request.POST.getlist("id") or None
        services.notifications_mark_read(user=request.user, ids=[i for i in ids if i.isdigit()] if ids else None)
        target = request.POST.get("next", "")
        return redirect(
            target if url_has_allowed_host_and_scheme(target, {request.get_host()}) else "units:notification_list"
        )


# The session remembers which pending device's secret was shown after a good enrolment code.
ENROLMENT_SESSION_KEY = "two_factor_enrolment_device"


def _safe_next(request, default: str = "home") -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(target, {request.get_host()}, require_https=request.is_secure()):
        return target
    return reverse(default)


class TwoFactorSetupView(LoginRequiredMixin, View):
    """Pair an authenticator app, then show the backup codes once. Leaders and administrators.

    First the person types the one-time enrolment code an administrator gave them; only then
    is the app's secret shown, once, and the device it belongs to remembered in the session
    for the confirmation. Without a code nobody, however they got the password, sees a secret.
    """

    def get(self, request):
        if not twofactor.needs_two_factor(request.user) or twofactor.confirmed_totp(request.user):
            return redirect(_safe_next(request))
        if self.admitted_device(request) is not None:
            return self.render(request, OneTimeCodeForm())
        return self.render(request, EnrolmentCodeForm())

    def post(self, request):
        if not twofactor.needs_two_factor(request.user) or twofactor.confirmed_totp(request.user):
            return redirect(_safe_next(request))
        if "enrolment_code" in request.POST:
            return self.redeem(request)
        device = self.admitted_device(request)
        if device is None:
            return self.render(request, EnrolmentCodeForm(), status=400)
        form = OneTimeCodeForm(request.POST)
        codes = (
            twofactor.two_factor_confirm(device=device, token=form.cleaned_data["token"]) if form.is_valid() else None
        )
        if codes is None:
            if form.is_valid():
                form.add_error("token", "Mã không đúng hoặc đã hết hạn; hãy nhập mã mới nhất trong ứng dụng.")
            return self.render(request, form, status=400)
        request.session.pop(ENROLMENT_SESSION_KEY, None)
        otp_login(request, device)
        return render(request, "registration/two_factor_codes.html", {"codes": codes, "next": _safe_next(request)})

    def redeem(self, request):
        """Check the enrolment code; if it is good, show the new secret this once."""
        form = EnrolmentCodeForm(request.POST)
        if not form.is_valid() or not twofactor.enrolment_code_redeem(
            user=request.user, code=form.cleaned_data["enrolment_code"]
        ):
            if form.is_valid():
                form.add_error("enrolment_code", "Mã đăng ký không đúng, đã dùng hoặc đã hết hạn.")
            return self.render(request, form, status=400)
        device = twofactor.pending_totp(request.user)
        request.session[ENROLMENT_SESSION_KEY] = device.pk
        return self.render(request, OneTimeCodeForm(), device=device)

    @staticmethod
    def admitted_device(request):
        """Return the pending device whose secret this session was shown after a good enrolment code, if any."""
        pk = request.session.get(ENROLMENT_SESSION_KEY)
        return TOTPDevice.objects.filter(user=request.user, confirmed=False, pk=pk).first() if pk else None

    @staticmethod
    def render(request, form, *, device=None, status=200):
        context = {"form": form, "next": _safe_next(request), "enrolment": isinstance(form, EnrolmentCodeForm)}
        if device is not None:
            context |= {"qr": twofactor.qr_svg_data_uri(device), "secret": b32encode(device.bin_key).decode()}
        return render(request, "registration/two_factor_setup.html", context, status=status)


class TwoFactorVerifyView(LoginRequiredMixin, View):
    """Ask for the code of the app (or a backup code) after the password. Leaders and administrators."""

    def get(self, request):
        return render(
            request, "registration/two_factor_verify.html", {"form": OneTimeCodeForm(), "next": _safe_next(request)}
        )

    def post(self, request):
        form = OneTimeCodeForm(request.POST)
        device = match_token(request.user, form.cleaned_data["token"]) if form.is_valid() else None
        if device is None:
            if form.is_valid():
                form.add_error("token", "Mã không đúng, đã dùng hoặc đã hết hạn.")
            return render(
                request, "registration/two_factor_verify.html", {"form": form, "next": _safe_next(request)}, status=400
            )
        otp_login(request, device)
        return redirect(_safe_next(request))
