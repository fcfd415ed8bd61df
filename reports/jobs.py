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
