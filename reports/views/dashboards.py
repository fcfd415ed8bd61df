"""The leader's dashboard of one commune and the supervisor's roll-up of every commune."""

import functools
from collections.abc import Callable
from urllib.parse import urlencode

from django.conf import settings
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import formats, numberformat, timezone
from django.utils.functional import cached_property
from django.views.generic import TemplateView

from danvan.uploads import CONTENT_TYPES
from danvan.views import PortalMixin, document_response
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
        figures = selectors.period_figures(
            f"commune:{government.pk}",
            period,
            today,
            lambda: selectors.commune_figures(government, period, today=today),
        )
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
        # The governments under the supervisor's (two joins), not every unit of the city.
        governments = scope_of(self.request.user).governments()
        return get_object_or_404(governments, pk=self.kwargs["pk"], kind=UnitKind.COMMUNE)

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

    def rollup(self) -> dict:
        """Return the roll-up of the period asked, sorted as asked: what the page and its Excel export show."""
        today = timezone.localdate()
        period = selectors.Period.from_query(self.request.GET, today)
        government = scope_root(self.request.user)
        rows = selectors.period_figures(
            f"rollup:{government.pk}", period, today, lambda: selectors.rollup_figures(government, period, today=today)
        )
        sort = self.request.GET.get("sort", "name")
        key = sort.lstrip("-")
        if key not in self.sort_keys:
            sort, key = "name", "name"
        rows.sort(key=lambda row: (row[key], row["name"]), reverse=sort.startswith("-"))
        totals = {
            name: sum(row[name] for row in rows)
            for name in ("plans_issued", "tasks_total", "tasks_done", "tasks_late", "registrations", "recognized")
        }
        return {
            "government": government,
            "period": period,
            "rows": rows,
            "totals": totals,
            "sort": sort,
            "today": today,
        }

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        rollup = self.rollup()
        context.update(
            rollup,
            table=rollup_table(rollup),
            periods=period_choices(rollup["today"]),
            chart=rollup_chart_data(rollup["rows"]),
            export_query=urlencode(
                {"period": rollup["period"].kind, "year": rollup["period"].year, "sort": rollup["sort"]}
            ),
        )
        return context


class RollupXlsxView(RollupView):
    """The roll-up as an Excel workbook: the page's rows and columns, for the period and order asked. Supervisors."""

    def get(self, request, *args, **kwargs):
        from reports.exports import rollup_xlsx

        rollup = self.rollup()
        period = rollup["period"]
        return document_response(
            request,
            build=lambda: rollup_xlsx(**rollup),
            obj=rollup["government"],
            filename=f"Tổng hợp các xã, phường {period.label}.xlsx",
            content_type=CONTENT_TYPES["xlsx"],
        )


def rollup_chart_data(rows: list[dict]) -> dict:
    """Return the series of the roll-up's chart: each commune's share of tasks done and of units with a model."""
    return {
        # "xã Kim Thành" rather than "Ủy ban nhân dân xã Kim Thành": the axis of a phone-wide chart is narrow.
        "labels": [row["name"].removeprefix("Ủy ban nhân dân ").removeprefix("UBND ") for row in rows],
        "done": [row["tasks_done_percent"] for row in rows],
        "coverage": [row["coverage_percent"] for row in rows],
    }


def integer_text() -> Callable[[int], str]:
    """Return a function that writes an integer as a template would (`localize`), the formats read once.

    A page of figures prints about a thousand numbers; through the template each one looks
    up the language's formats again, which was most of the roll-up's rendering time.
    """
    if not settings.USE_THOUSAND_SEPARATOR:
        return str  # what numberformat.format gives an integer without grouping
    return functools.partial(
        numberformat.format,
        decimal_sep=formats.get_format("DECIMAL_SEPARATOR"),
        grouping=formats.get_format("NUMBER_GROUPING"),
        thousand_sep=formats.get_format("THOUSAND_SEPARATOR"),
        use_l10n=True,
    )


def rollup_table(rollup: dict) -> dict:
    """Return the roll-up's table as text: each row's link and numbers written once, in the order of `rollup`."""
    number = integer_text()
    period = rollup["period"]
    query = f"?period={period.kind}&year={period.year}"
    # One reversal for every row: the URL of commune 0, its id put in by the format below.
    dashboard = reverse("reports:commune_dashboard", args=[0]).removesuffix("/0/") + "/{}/" + query
    columns = ("plans_issued", "tasks_total", "tasks_done_percent", "tasks_late", "registrations", "recognized")
    rows = [
        {
            "name": row["name"],
            "url": dashboard.format(row["id"]),
            "late": bool(row["tasks_late"]),
            "coverage": f"{number(row['counted'])}/{number(row['eligible'])} ({number(row['coverage_percent'])})",
        }
        | {name: number(row[name]) for name in columns}
        for row in rollup["rows"]
    ]
    totals = {name: number(value) for name, value in rollup["totals"].items()}
    return {"rows": rows, "totals": totals, "count": number(len(rows))}
