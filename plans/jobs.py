"""The job that sends the day's task reminder emails (registered with danvan.jobs; autodiscovered)."""

import dataclasses
import datetime

from danvan.document_jobs import register_document_job
from danvan.jobs import JobContext, JobFailed, register_job


@register_job("task_reminder_emails", label="Gửi email nhắc việc")
def send_task_reminder_emails(job, ctx: JobContext):
    """Send the reminder emails waiting for the day; any left unsent fails the job, so the next run starts it."""
    from plans.services.reminders import reminder_emails_send

    today = datetime.date.fromisoformat(job.params["today"])
    ctx.progress("Gửi email nhắc việc", 10)
    run = reminder_emails_send(
        today=today, base_url=job.params.get("base_url", ""), max_failures=job.params.get("max_failures", 3)
    )
    outcome = {name: value for name, value in dataclasses.asdict(run).items() if name != "job"}
    if run.failed or run.postponed:
        raise JobFailed(
            f"Đã gửi {run.sent} email nhắc việc ngày {today:%d/%m/%Y}; {run.failed} email gửi lỗi, "
            f"{run.postponed} email để lần chạy sau (máy chủ thư không nhận)."
        )
    return outcome


def _plan_pdf(plan):
    from plans import exports

    return exports.plan_pdf(plan)


def _plan_pdf_name(plan):
    from plans import exports

    return exports.plan_filename(plan, "pdf")


# A plan's PDF too long for the web request's budget (danvan/document_jobs.py).
register_document_job(
    "plan_pdf", label="Xuất PDF kế hoạch", build=_plan_pdf, filename=_plan_pdf_name, permission="plans.view_plan"
)


def _register_plan_issue():
    from danvan.issue_jobs import register_issue_job
    from plans.workflows import PLAN_LIFECYCLE

    # Issuing a plan: render, number, sign and store its official copy (danvan/issue_jobs.py).
    register_issue_job(
        "plan_issue",
        label="Ban hành kế hoạch",
        lifecycle=PLAN_LIFECYCLE,
        service="plans.services.workflow.plan_issue",
        permission="plans.view_plan",
    )


_register_plan_issue()
