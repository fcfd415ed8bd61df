"""Views of the unit directory. Every view is for people with a workplace; data is scoped."""

from django.shortcuts import get_object_or_404, redirect
from django.utils.http import url_has_allowed_host_and_scheme
from django.views import View
from django.views.generic import DetailView, TemplateView

from danvan.views import PortalMixin, SortMixin, paginate
from units import selectors, services
from units.filters import UnitFilter
from units.permissions import visible_units


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
                visible_units(self.request.user).select_related("parent"), pk=self.kwargs["pk"]
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


class NotificationReadView(PortalMixin, View):
    """Mark the user's notifications as read (all, or one), then go back. Any role; POST only."""

    permission = "units.view_directory"
    http_method_names = ["post"]

    def post(self, request):
        ids = request.POST.getlist("id") or None
        services.notifications_mark_read(user=request.user, ids=[i for i in ids if i.isdigit()] if ids else None)
        target = request.POST.get("next", "")
        return redirect(target if url_has_allowed_host_and_scheme(target, {request.get_host()}) else "units:notification_list")
