"""The jobs of periodic reports (autodiscovered by danvan.jobs):

* `report_pdf` builds a report's PDF when it is too long for the web request's budget;
* `report_figures` counts a report's figures (a new draft, or "Cập nhật số liệu"), out of the request:
  counting a year's figures of a busy commune took seconds inside the request; the page now answers at
  once with the job's progress, and the job writes the figures with reports.services.report_regenerate.
"""

from django.core.exceptions import ValidationError

from danvan.document_jobs import register_document_job
from danvan.jobs import JobContext, JobFailed, register_job

REPORT_FIGURES = "report_figures"


def _report_pdf(report):
    from reports import exports

    return exports.report_pdf(report)


def _report_pdf_name(report):
    from reports import exports

    return exports.report_filename(report, "pdf")


register_document_job(
    "report_pdf",
    label="Xuất PDF báo cáo",
    build=_report_pdf,
    filename=_report_pdf_name,
    permission="reports.view_report",
)


def can_view_report(user, report) -> bool:
    return user.has_perm("reports.view_report", report)


def report_figures_key(report) -> str:
    """One job per report and version: asking again while it runs joins it; after it the version has moved on."""
    return f"{REPORT_FIGURES}:{report.pk}:{report.version}"


def start_report_figures(report, *, user, refill_narrative: bool = False):
    """Start (or join) the job that counts `report`'s figures; return the job."""
    from danvan.jobs import start_job

    return start_job(
        REPORT_FIGURES,
        target=report,
        user=user,
        key=report_figures_key(report),
        params={"refill_narrative": refill_narrative},
    )


@register_job(REPORT_FIGURES, label="Tổng hợp số liệu báo cáo", can_view=can_view_report)
def count_report_figures(job, ctx: JobContext):
    """Count the figures of the job's report and write them (and the empty narrative sections of a new draft)."""
    from reports.services import report_regenerate

    report = job.target
    if report is None:
        raise JobFailed("Báo cáo không còn trên hệ thống.")
    ctx.progress("Tổng hợp số liệu kế hoạch, nhiệm vụ và mô hình của kỳ", 20)
    try:
        report = report_regenerate(
            report=report, by=job.requested_by, refill_narrative=bool(job.params.get("refill_narrative"))
        )
    except ValidationError as error:
        raise JobFailed(" ".join(error.messages)) from error
    ctx.progress("Đã ghi số liệu vào báo cáo", 100)
    ctx.done(url=report.get_absolute_url())
    return {"version": report.version, "tasks": report.figures.get("summary", {}).get("tasks_total", 0)}


def _register_report_issue():
    from danvan.issue_jobs import register_issue_job
    from reports.workflows import REPORT_LIFECYCLE

    # Issuing a periodic report: snapshot, render, number, sign and store its official copy (danvan/issue_jobs.py).
    register_issue_job(
        "report_issue",
        label="Ban hành báo cáo",
        lifecycle=REPORT_LIFECYCLE,
        service="reports.services.report_issue",
        permission="reports.view_report",
    )


_register_report_issue()
