"""Home pages per role, the leader's dashboard, the supervisor's roll-up and periodic reports."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.functional import cached_property
from django.views import View
from django.views.generic import TemplateView

from danvan.uploads import CONTENT_TYPES
from danvan.versioning import StaleEditError
from danvan.views import PortalMixin, TransitionView, document_response, error_text, paginate, stale_edit
from reports import exports, selectors, services
from reports.choices import PartStatus, PeriodKind
from reports.forms import CycleOpenForm, PartForm, ReportCreateForm, ReportEditForm
from reports.models import PeriodicReport, ReportCycle, UnitPart
from reports.workflows import PART_LIFECYCLE, REPORT_LIFECYCLE
from units.choices import Role, UnitKind
from units.permissions import scope_root
from units.scope import scope_of


class HomeView(PortalMixin, TemplateView):
    """The home page of each role: the user's unit and role and what exists in their scope. Any role."""

    def get_template_names(self):
        return ["reports/home_supervisor.html" if self.request.user.role == Role.SUPERVISOR else "reports/home.html"]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        context.update(selectors.home_summary(user=user))
        if user.role == Role.SUPERVISOR:
            context["communes"] = paginate(self.request, selectors.commune_rollup(user=user), per_page=50)
        if user.role == Role.UNIT_HEAD:
            context["pending_parts"] = (
                UnitPart.objects.filter(unit_id=user.unit_id)
                .exclude(status=PartStatus.SUBMITTED)
                .select_related("cycle")
                .order_by("cycle__deadline")[:10]
            )
        return context


# --- dashboards ---------------------------------------------------------------------------------------


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


# --- periodic reports -----------------------------------------------------------------------------------


def reports_visible_to(user):
    """Return the reports of the governments in the user's scope."""
    return PeriodicReport.objects.filter(scope_of(user).condition("unit_id"))


class ReportListView(PortalMixin, TemplateView):
    """The periodic reports in the user's scope, newest period first. Officials, leaders, supervisors."""

    permission = "reports.view_report_list"
    template_name = "reports/report_list.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        reports = reports_visible_to(self.request.user).select_related("unit").defer("figures")
        context["reports"] = paginate(self.request, reports.order_by("-year", "-pk"))
        return context


class ReportCreateView(PortalMixin, View):
    """Start the report of the official's commune for a period. Officials."""

    permission = "reports.add_report"

    def get(self, request):
        return render(request, "reports/report_form.html", {"form": ReportCreateForm()})

    def post(self, request):
        form = ReportCreateForm(request.POST)
        if form.is_valid():
            try:
                report = services.report_create(
                    unit=scope_root(request.user),
                    period_kind=form.cleaned_data["period_kind"],
                    year=form.cleaned_data["year"],
                    by=request.user,
                )
            except ValidationError as error:
                form.add_error(None, error_text(error))
            else:
                messages.success(request, "Đã lập dự thảo báo cáo với số liệu của kỳ; hãy rà soát phần nhận định.")
                return redirect(report.get_absolute_url())
        return render(request, "reports/report_form.html", {"form": form}, status=400)


class ReportMixin(PortalMixin):
    """Load the report of the URL from those in the user's scope (404 otherwise)."""

    @cached_property
    def report(self) -> PeriodicReport:
        return get_object_or_404(
            reports_visible_to(self.request.user).select_related("unit", "created_by"), pk=self.kwargs["pk"]
        )

    def get_permission_object(self):
        return self.report


class ReportDetailView(ReportMixin, TemplateView):
    """The report: its figures tables, narrative, workflow buttons and history."""

    permission = "reports.view_report"
    template_name = "reports/report_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        figures = services.report_figures(self.report)
        context.update(
            report=self.report,
            figures=figures,
            tables=exports.figure_tables(figures),
            transitions=self.report.transitions.select_related("by"),
            workflow=REPORT_LIFECYCLE.actions_for(self.request.user, self.report),
        )
        return context


class ReportEditView(ReportMixin, View):
    """Edit the title and narrative of a draft or returned report, refusing a stale edit. Its official."""

    permission = "reports.change_report"

    def get(self, request, pk):
        form = ReportEditForm(instance=self.report, initial={"version": self.report.version})
        return render(request, "reports/report_edit.html", {"report": self.report, "form": form})

    def post(self, request, pk):
        form = ReportEditForm(request.POST, instance=PeriodicReport.objects.get(pk=self.report.pk))
        if form.is_valid():
            data = form.cleaned_data
            try:
                services.report_update(
                    report=self.report,
                    by=request.user,
                    expected_version=data["version"],
                    **{name: data[name] for name in ReportEditForm.Meta.fields},
                )
            except StaleEditError as error:
                saved = PeriodicReport.objects.get(pk=self.report.pk)
                conflict = stale_edit(error, saved, data, ReportEditForm.Meta.fields, form)
                context = {"report": self.report, "form": form, "conflict": conflict}
                return render(request, "reports/report_edit.html", context, status=409)
            except ValidationError as error:
                form.add_error(None, error_text(error))
            else:
                messages.success(request, "Đã lưu báo cáo.")
                return redirect(self.report.get_absolute_url())
        return render(request, "reports/report_edit.html", {"report": self.report, "form": form}, status=400)


class ReportRegenerateView(ReportMixin, View):
    """Refresh a draft's figures from the data as it stands now. POST; its official."""

    http_method_names = ["post"]
    permission = "reports.regenerate_report"

    def post(self, request, pk):
        try:
            services.report_regenerate(
                report=self.report, by=request.user, refill_narrative=request.POST.get("refill") == "on"
            )
        except ValidationError as error:
            messages.error(request, error_text(error))
        else:
            messages.success(request, "Đã cập nhật số liệu theo dữ liệu hiện tại.")
        return redirect(self.report.get_absolute_url())


class ReportTransitionView(TransitionView, ReportMixin):
    """A plain move of a report (reports/workflows.py): submit, approve, return, issue. POST only."""


class ReportDocumentView(ReportMixin, View):
    """Download the report as a file: PDF in the state format or the Excel workbook of its figures."""

    permission = "reports.view_report"
    extension = ""
    content_type = ""

    def build(self, report) -> bytes:
        raise NotImplementedError

    def get(self, request, pk):
        return document_response(
            request,
            build=lambda: self.build(self.report),
            obj=self.report,
            filename=exports.report_filename(self.report, self.extension),
            content_type=self.content_type,
        )


class ReportPdfView(ReportDocumentView):
    extension = "pdf"
    content_type = "application/pdf"

    def build(self, report):
        return exports.report_pdf(report)


class ReportXlsxView(ReportDocumentView):
    extension = "xlsx"
    content_type = CONTENT_TYPES["xlsx"]

    def build(self, report):
        return exports.report_xlsx(report)


# --- report cycles --------------------------------------------------------------------------------------


class CycleListView(PortalMixin, TemplateView):
    """The report cycles of the commune; a unit head sees the parts asked of their unit."""

    permission = "reports.view_cycle_list"
    template_name = "reports/cycle_list.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        if user.role == Role.UNIT_HEAD:
            context["parts"] = UnitPart.objects.filter(unit_id=user.unit_id).select_related("cycle").order_by("-pk")
        else:
            context["cycles"] = paginate(
                self.request, ReportCycle.objects.filter(government=scope_root(user)).order_by("-year", "-pk")
            )
        context["today"] = timezone.localdate()
        return context


class CycleCreateView(PortalMixin, View):
    """Open a report cycle for a period with a deadline. Officials (the office)."""

    permission = "reports.add_cycle"

    def get(self, request):
        return render(request, "reports/cycle_form.html", {"form": CycleOpenForm()})

    def post(self, request):
        form = CycleOpenForm(request.POST)
        if form.is_valid():
            try:
                cycle = services.cycle_open(government=scope_root(request.user), by=request.user, **form.cleaned_data)
            except ValidationError as error:
                form.add_error(None, error_text(error))
            else:
                messages.success(request, "Đã mở đợt báo cáo; các đơn vị đã có phần báo cáo điền sẵn tiến độ.")
                return redirect(cycle.get_absolute_url())
        return render(request, "reports/cycle_form.html", {"form": form}, status=400)


class CycleMixin(PortalMixin):
    @cached_property
    def cycle(self) -> ReportCycle:
        return get_object_or_404(
            ReportCycle.objects.filter(scope_of(self.request.user).condition("government_id")), pk=self.kwargs["pk"]
        )

    def get_permission_object(self):
        return self.cycle


class CycleDetailView(CycleMixin, TemplateView):
    """Unit by unit: who has sent its part, who is late, who was returned. Officials and leaders of the commune."""

    permission = "reports.view_cycle"
    template_name = "reports/cycle_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        today = timezone.localdate()
        parts = list(self.cycle.parts.select_related("unit", "submitted_by"))
        for part in parts:
            part.late = part.is_late_on(today)
        context.update(
            cycle=self.cycle,
            parts=parts,
            counts={
                "submitted": sum(p.status == PartStatus.SUBMITTED for p in parts),
                "returned": sum(p.status == PartStatus.RETURNED for p in parts),
                "late": sum(p.late for p in parts),
                "total": len(parts),
            },
        )
        return context


class CycleRemindView(CycleMixin, View):
    """Remind the units that have not sent their part (once a day each). POST; officials."""

    http_method_names = ["post"]
    permission = "reports.remind_cycle"

    def post(self, request, pk):
        sent = services.cycle_remind(cycle=self.cycle, by=request.user)
        messages.success(request, f"Đã nhắc {sent} người." if sent else "Hôm nay đã nhắc các đơn vị này rồi.")
        return redirect(self.cycle.get_absolute_url())


class PartMixin(PortalMixin):
    @cached_property
    def part(self) -> UnitPart:
        return get_object_or_404(
            UnitPart.objects.filter(scope_of(self.request.user).condition("cycle__government_id")).select_related(
                "cycle", "unit"
            ),
            pk=self.kwargs["pk"],
        )

    def get_permission_object(self):
        return self.part


class PartEditView(PartMixin, View):
    """A unit's part: its head writes the narrative and sends it; the office reads it and may return it."""

    permission = "reports.view_part"

    def context(self, form=None):
        return {
            "part": self.part,
            "workflow": PART_LIFECYCLE.actions_for(self.request.user, self.part),
            "form": form or PartForm(initial={"narrative": self.part.narrative, "version": self.part.version}),
        }

    def get(self, request, pk):
        return render(request, "reports/part_edit.html", self.context())

    def post(self, request, pk):
        if not request.user.has_perm("reports.submit_part", self.part):
            raise PermissionDenied
        form = PartForm(request.POST)
        if form.is_valid():
            try:
                services.part_submit(
                    part=self.part,
                    by=request.user,
                    narrative=form.cleaned_data["narrative"],
                    expected_version=form.cleaned_data["version"],
                )
            except StaleEditError as error:
                saved = UnitPart.objects.get(pk=self.part.pk)
                context = self.context(form)
                context["conflict"] = stale_edit(error, saved, form.cleaned_data, ["narrative"], form)
                return render(request, "reports/part_edit.html", context, status=409)
            except ValidationError as error:
                form.add_error(None, error_text(error))
            else:
                messages.success(request, "Đã nộp phần báo cáo của đơn vị.")
                return redirect(self.part.get_absolute_url())
        return render(request, "reports/part_edit.html", self.context(form), status=400)


class PartTransitionView(TransitionView, PartMixin):
    """A plain move of a unit's part (reports/workflows.py): the office returns it. POST only; back to the cycle."""

    def success_url(self, document) -> str:
        return document.cycle.get_absolute_url()
