"""The leader's dashboard of one commune and the supervisor's roll-up of every commune."""

from django.shortcuts import get_object_or_404, redirect
from django.utils import timezone
from django.utils.functional import cached_property
from django.views.generic import TemplateView

from danvan.views import PortalMixin
from reports import selectors
from reports.choices import PeriodKind
from units.choices import Role, UnitKind
from units.permissions import scope_root
from units.scope import scope_of


def chart_data(figures: selectors.CommuneFigures) -> dict:
    """Return the series the dashboard's charts draw, taken from the figures shown beside them."""
    return {
        "status": {
            "labels": [r["label"] for r in figures.tasks_by_status],
            "values": [r["n"] for r in figures.tasks_by_status],
        },
        "late": {"labels": [r["unit"] for r in figures.late_by_unit], "values": [r["n"] for r in figures.late_by_unit]},
        "field": {
            "labels": [r["field"] for r in figures.models_by_field],
            "values": [r["n"] for r in figures.models_by_field],
        },
    }


def period_choices(today) -> list[tuple[str, int, str]]:
    """Return the periods offered above the dashboard: the halves and years of this year and the last two."""
    choices = []
    for year in range(today.year, today.year - 3, -1):
        for kind in (PeriodKind.SECOND_HALF, PeriodKind.FIRST_HALF, PeriodKind.YEAR):
            choices.append((kind.value, year, selectors.Period(kind, year).label))
    return choices


class CommuneDashboardMixin:
    """Render one commune's dashboard for the period asked in `?period=&year=`."""

    template_name = "reports/dashboard.html"

    def dashboard_context(self, government, *, read_only: bool) -> dict:
        today = timezone.localdate()
        period = selectors.Period.from_query(self.request.GET, today)
        figures = selectors.commune_figures(government, period, today=today)
        return {
            "government": government,
            "period": period,
            "figures": figures,
            "charts": chart_data(figures),
            "periods": period_choices(today),
            "read_only": read_only,
        }


class DashboardView(CommuneDashboardMixin, PortalMixin, TemplateView):
    """The commune at a glance for its officials and leaders; supervisors are sent to the roll-up."""

    permission = "reports.view_dashboard"

    def get(self, request, *args, **kwargs):
        if request.user.role == Role.SUPERVISOR:
            return redirect("reports:rollup")
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(self.dashboard_context(scope_root(self.request.user), read_only=False))
        return context


class CommuneDashboardView(CommuneDashboardMixin, PortalMixin, TemplateView):
    """One commune's dashboard, read-only, opened from the roll-up. Supervisors; communes outside scope are 404."""

    permission = "reports.view_commune_dashboard"

    @cached_property
    def commune(self):
        return get_object_or_404(scope_of(self.request.user).units(), pk=self.kwargs["pk"], kind=UnitKind.COMMUNE)

    def get_permission_object(self):
        return self.commune

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(self.dashboard_context(self.commune, read_only=True))
        return context


class RollupView(PortalMixin, TemplateView):
    """The key figures of every commune under the supervisor's government, sortable. Supervisors."""

    permission = "reports.view_rollup"
    template_name = "reports/rollup.html"
    sort_keys = (
        "name",
        "plans_issued",
        "tasks_total",
        "tasks_done_percent",
        "tasks_late",
        "registrations",
        "recognized",
        "coverage_percent",
    )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        today = timezone.localdate()
        period = selectors.Period.from_query(self.request.GET, today)
        rows = selectors.rollup_figures(scope_root(self.request.user), period, today=today)
        sort = self.request.GET.get("sort", "name")
        key = sort.lstrip("-")
        if key not in self.sort_keys:
            sort, key = "name", "name"
        rows.sort(key=lambda row: (row[key], row["name"]), reverse=sort.startswith("-"))
        totals = {
            name: sum(row[name] for row in rows)
            for name in ("plans_issued", "tasks_total", "tasks_done", "tasks_late", "registrations", "recognized")
        }
        context.update(
            government=scope_root(self.request.user),
            period=period,
            periods=period_choices(today),
            rows=rows,
            totals=totals,
            sort=sort,
        )
        return context
