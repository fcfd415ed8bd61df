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


# --- Import of a plan document (issue #17) ----------------------------------------------------------------------

PLAN_IMPORT = "plan_import"
PENDING_IMPORTS = "imports/pending"


def plan_import_key(*, issuing_unit, sha256: str) -> str:
    """Return the key of the import of these bytes into `issuing_unit`: the same file again joins the same job."""
    return f"{PLAN_IMPORT}:{issuing_unit.pk}:{sha256}"


def _can_view_import(user, issuing_unit) -> bool:
    """The officials of the commune the file is imported into, who also see the review page it leads to."""
    from units.permissions import scope_root

    root = scope_root(user)
    return root is not None and root.pk == issuing_unit.pk and user.has_perm("plans.add_plan")


@register_job(PLAN_IMPORT, label="Nhập kế hoạch từ tệp", can_view=_can_view_import)
def import_plan_file(job, ctx: JobContext):
    """Read, recognise and save the uploaded file kept under media; end with the review page, or the import's reason.

    The file is read and parsed once outside the saving transaction, so a person sees those steps while they
    run (a step written inside the transaction would show only when it commits) and a refused document fails
    before the commune's imports are locked; the saving step reads it again with the shared import code.
    The stored upload is removed when the job ends, and kept when the job is taken from this run (requeued).
    """
    import logging

    from django.core.files.storage import default_storage
    from django.db import DatabaseError, IntegrityError
    from django.urls import reverse

    from danvan.jobs.runner import JobLost
    from plans.importing import parse_plan, read_text
    from plans.importing.persist import (
        import_failure_text,
        is_expected_import_failure,
        plan_import_file,
        refuse_imported_file,
    )

    issuing_unit = job.target
    if issuing_unit is None:
        raise JobFailed("Đơn vị nhận kế hoạch không còn trên hệ thống.")
    stored, filename = job.params["file"], job.params["filename"]
    ended = True
    try:
        ctx.progress("Đọc tệp", 10)
        try:
            with default_storage.open(stored, "rb") as upload:
                data = upload.read()
        except FileNotFoundError:
            raise JobFailed("Tệp tải lên không còn trên máy chủ; xin tải tệp lên lại.") from None
        try:
            refuse_imported_file(issuing_unit=issuing_unit, sha256=job.params["sha256"])
            text = read_text(data, filename)
            ctx.progress("Nhận dạng cấu trúc", 40)
            parse_plan(text)
            ctx.progress("Lưu kế hoạch", 70)
            record = plan_import_file(
                data=data, filename=filename, issuing_unit=issuing_unit, by=job.requested_by, record_issued=False
            )
        except Exception as error:
            if isinstance(error, DatabaseError) and not isinstance(error, IntegrityError):
                raise  # the database is lost: the runner fails the job with its plain message
            if not is_expected_import_failure(error):
                logging.getLogger(__name__).exception("Import of %r failed unexpectedly", filename)
            raise JobFailed(import_failure_text(error)) from error
        ctx.done(url=reverse("plans:import_review", args=[record.pk]))
        return {"record": record.pk, "plan": record.plan_id}
    except JobLost:
        ended = False
        raise
    finally:
        if ended:
            default_storage.delete(stored)
