"""The job that builds a periodic report's PDF when it is too long for the web request's budget (autodiscovered)."""

from danvan.document_jobs import register_document_job


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
