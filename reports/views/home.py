"""The home page of each role: what waits for the person ("Việc chờ tôi")."""

from django.shortcuts import render
from django.views.generic import TemplateView

from danvan.views import PortalMixin
from reports.selectors import home


def is_administrator(user) -> bool:
    """Return whether `user` runs the site rather than works in a commune: staff or superuser without a workplace."""
    return user.is_authenticated and (user.is_staff or user.is_superuser) and not user.has_workplace


class HomeView(PortalMixin, TemplateView):
    """The home page of each role: the cards of work waiting for the person. Any role.

    The administrator, who has no unit, lands on their own page (accounts to assign,
    locked logins, failed logins) instead of being refused: arriving is not an access
    denied, so it writes no audit row. Anyone else without a workplace is refused as before.
    """

    template_name = "reports/home.html"

    def dispatch(self, request, *args, **kwargs):
        if is_administrator(request.user):
            lists = home.admin_work()
            return render(request, "reports/home_admin.html", {"lists": lists, "total": _total(lists)})
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        lists = home.work_for(user=self.request.user)
        context.update(lists=lists, total=_total(lists), government=self.request.user.scope.root)
        return context


def _total(lists) -> int:
    return sum(work.count for work in lists)
