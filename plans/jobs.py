"""The job that sends the day's task reminder emails (registered with danvan.jobs; autodiscovered)."""

import dataclasses
import datetime

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
