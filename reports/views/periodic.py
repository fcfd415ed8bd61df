"""Periodic reports: list, create, read, edit, refresh the figures, download as PDF or Excel."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.template.defaultfilters import date
from django.urls import reverse
from django.utils.functional import cached_property
from django.views import View
from django.views.generic import TemplateView

from danvan.jobs import Job, JobStatus, job_response
from danvan.list_counts import paginate_counted
from danvan.uploads import CONTENT_TYPES
from danvan.versioning import StaleEditError
from danvan.views import PortalMixin, document_response, error_text, stale_edit
from reports import exports, services
from reports.choices import ReportStatus
from reports.forms import ReportCreateForm, ReportEditForm
from reports.jobs import REPORT_FIGURES, start_report_figures
from reports.models import REPORTS_VERSION, PeriodicReport, report_reference
from reports.workflows import REPORT_LIFECYCLE
from units.choices import Role
from units.permissions import has_workplace, scope_root
from units.scope import scope_of


def reports_visible_to(user):
    """Return the reports `user` may open (reports.view_report): their scope's, and only issued ones for supervisors."""
    reports = PeriodicReport.objects.filter(scope_of(user).condition("unit_id"))
    if has_workplace(user) and user.role == Role.SUPERVISOR:
        reports = reports.filter(status=ReportStatus.ISSUED)
    return reports


class ReportListView(PortalMixin, TemplateView):
    """The periodic reports in the user's scope, newest period first. Officials, leaders, supervisors."""

    permission = "reports.view_report_list"
    template_name = "reports/report_list.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        reports = reports_visible_to(self.request.user).order_by("-year", "-pk")
        context["reports"] = page = paginate_counted(
            self.request, reports.values(*REPORT_COLUMNS), version_key=REPORTS_VERSION, counted=reports
        )
        context["rows"] = report_list_rows(page.object_list)
        context["can_add"] = self.request.user.has_perm("reports.add_report")  # here: the template would query
        return context


REPORT_COLUMNS = ("pk", "number", "title", "unit__name", "status", "issued_on")


def report_list_rows(reports) -> list[dict]:
    """Return one dict of ready-to-print cells per report of a list page (issue 19: no per-row work in the template).

    `reports` are rows of `.values(*REPORT_COLUMNS)`; each cell is what the report's own
    `reference`, `get_absolute_url` and `get_status_display` print.
    """
    mark = 987654321  # an id no database reaches, replaced by each row's own
    url = reverse("reports:report_detail", args=[mark]).replace(str(mark), "{}")
    statuses = {value: str(label) for value, label in ReportStatus.choices}
    return [
        {
            "reference": report_reference(row["number"]),
            "url": url.format(row["pk"]),
            "title": row["title"],
            "unit": row["unit__name"],
            "status": statuses.get(row["status"], row["status"]),
            "issued_on": date(row["issued_on"], "d/m/Y"),
        }
        for row in reports
    ]


class ReportCreateView(PortalMixin, View):
    """Start the report of the official's commune for a period: the draft is saved at once and its figures are
    counted by a job, whose progress the report's page shows. Officials."""

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
                    fill=False,
                )
            except ValidationError as error:
                form.add_error(None, error_text(error))
            else:
                start_report_figures(report, user=request.user)
                messages.success(
                    request,
                    "Đã lập dự thảo báo cáo; số liệu của kỳ đang được tổng hợp, sau đó hãy rà soát phần nhận định.",
                )
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
        counted = self.report.figures_at is not None or not self.report.is_editable  # issuing froze them
        figures = services.report_figures(self.report) if counted else None
        context.update(
            report=self.report,
            figures=figures,
            figures_job=figures_job(self.report, show_failed=not counted),
            tables=exports.figure_tables(figures) if counted else [],
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


def figures_job(report: PeriodicReport, *, show_failed: bool) -> Job | None:
    """Return the report's figures job to show: one waiting or running, or (`show_failed`) the last one if it failed."""
    jobs = Job.objects.filter(kind=REPORT_FIGURES, target_id=str(report.pk)).order_by("-created_at")
    job = jobs.first()
    if job is None or job.is_active or (show_failed and job.status == JobStatus.FAILED):
        return job
    return None


class ReportRegenerateView(ReportMixin, View):
    """Refresh a draft's figures from the data as it stands now, in a job: the answer is its progress. POST; its
    official."""

    http_method_names = ["post"]
    permission = "reports.regenerate_report"

    def post(self, request, pk):
        job = start_report_figures(self.report, user=request.user, refill_narrative=request.POST.get("refill") == "on")
        if request.htmx:
            return job_response(request, job)
        messages.info(request, "Đang cập nhật số liệu theo dữ liệu hiện tại.")
        return redirect(self.report.get_absolute_url())


class ReportDocumentView(ReportMixin, View):
    """Download the report as a file: PDF in the state format or the Excel workbook of its figures."""

    permission = "reports.view_report"
    extension = ""
    content_type = ""
    job_kind = ""  # the background job that builds a long document (reports/jobs.py)

    def build(self, report) -> bytes:
        raise NotImplementedError

    def get(self, request, pk):
        return document_response(
            request,
            build=lambda: self.build(self.report),
            obj=self.report,
            filename=exports.report_filename(self.report, self.extension),
            content_type=self.content_type,
            job_kind=self.job_kind,
        )


class ReportPdfView(ReportDocumentView):
    extension = "pdf"
    content_type = "application/pdf"
    job_kind = "report_pdf"

    def build(self, report):
        return exports.report_pdf(report)


class ReportXlsxView(ReportDocumentView):
    extension = "xlsx"
    content_type = CONTENT_TYPES["xlsx"]

    def build(self, report):
        return exports.report_xlsx(report)
